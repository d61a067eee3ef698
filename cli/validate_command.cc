// bpharness validate PATH... / bpharness list PATH...: check scenarios, or say what would run.
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/scenario_input.h"
#include "harness/units.h"
#include "reports/human_units.h"

namespace bp::cli {

Command add_validate(CLI::App& app) {
  auto* cmd = app.add_subcommand("validate", "Check scenario files; print every problem (exit 2 on any)");
  auto paths = std::make_shared<std::vector<std::string>>();
  auto allow_exec = std::make_shared<bool>(false);
  cmd->add_option("paths", *paths, "Scenario files or folders (default: the bundled suite)");
  cmd->add_flag("--allow-exec", *allow_exec, "Accept scenarios that name a program, as run --allow-exec does");
  return [cmd, paths, allow_exec]() -> int {
    if (!*cmd) return -1;
    auto scenarios = load_or_report(*paths, *allow_exec);
    if (!scenarios) return kBadInput;
    std::cout << scenarios->size() << (scenarios->size() == 1 ? " scenario is" : " scenarios are")
              << " valid\n";
    return kOk;
  };
}

Command add_list(CLI::App& app) {
  auto* cmd = app.add_subcommand("list", "List the scenarios that would run");
  auto paths = std::make_shared<std::vector<std::string>>();
  auto allow_exec = std::make_shared<bool>(false);
  cmd->add_option("paths", *paths, "Scenario files or folders (default: the bundled suite)");
  cmd->add_flag("--allow-exec", *allow_exec, "List scenarios that name a program too");
  return [cmd, paths, allow_exec]() -> int {
    if (!*cmd) return -1;
    auto scenarios = load_or_report(*paths, *allow_exec);
    if (!scenarios) return kBadInput;
    for (const auto& s : *scenarios) {
      const std::string mover = s.program.argv.empty() ? "driver=" + std::string(harness::to_string(s.driver))
                                                       : "program=" + s.program.argv.front();
      std::cout << s.name << "  " << mover
                << "  input=" << reports::format_bytes(s.source.total)
                << "  expect=" << harness::to_string(s.expect.memory) << "  (" << s.file << ")\n";
    }
    return kOk;
  };
}

}  // namespace bp::cli
