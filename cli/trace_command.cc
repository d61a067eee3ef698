// bpharness trace [SPEC.json]: runs a conformance spec and prints its trace, one JSON line each.
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "cli/commands.h"
#include "trace/trace.h"

namespace bp::cli {

Command add_trace(CLI::App& app) {
  auto* cmd = app.add_subcommand("trace", "Run an op sequence on the reference streams and print "
                                          "the event trace (the protocol shared with Node)");
  auto path = std::make_shared<std::string>();
  cmd->add_option("spec", *path, "Spec file (JSON); standard input when absent");
  return [cmd, path]() -> int {
    if (!*cmd) return -1;
    std::stringstream text;
    if (path->empty() || *path == "-") {
      text << std::cin.rdbuf();
    } else {
      std::ifstream in(*path);
      if (!in) {
        std::cerr << "bpharness trace: cannot open " << *path << "\n";
        return kBadInput;
      }
      text << in.rdbuf();
    }
    nlohmann::json spec;
    try {
      spec = nlohmann::json::parse(text.str());
    } catch (const nlohmann::json::parse_error& e) {
      std::cerr << (path->empty() ? "<stdin>" : *path) << ": " << e.what() << "\n";
      return kBadInput;
    }
    if (!spec.is_object()) {
      std::cerr << (path->empty() ? "<stdin>" : *path) << ": a spec must be a JSON object\n";
      return kBadInput;
    }
    for (const nlohmann::json& line : trace::run_spec(spec)) std::cout << line.dump() << "\n";
    return kOk;
  };
}

}  // namespace bp::cli
