// bpharness schema scenario|report|summary: print a JSON Schema (draft 2020-12).
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "harness/scenario_schema.h"
#include "reports/report_schema.h"

namespace bp::cli {

Command add_schema(CLI::App& app) {
  auto* cmd = app.add_subcommand("schema", "Print the JSON Schema of scenario files or reports");
  auto which = std::make_shared<std::string>();
  cmd->add_option("what", *which, "scenario, report or summary")
      ->required()
      ->check(CLI::IsMember({"scenario", "report", "summary"}));
  return [cmd, which]() -> int {
    if (!*cmd) return -1;
    if (*which == "scenario") std::cout << harness::scenario_schema();
    if (*which == "report") std::cout << reports::report_schema();
    if (*which == "summary") std::cout << reports::summary_schema();
    return kOk;
  };
}

}  // namespace bp::cli
