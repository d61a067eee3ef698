// bpharness: backpressure test harness and memory-leak detector. Parses the command line,
// runs one subcommand, and maps its outcome to an exit code.
#include <exception>
#include <iostream>
#include <vector>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"bpharness: proves that a streaming pipeline keeps its memory bounded"};
  app.set_version_flag("--version", std::string("bpharness ") + BP_VERSION);
  app.require_subcommand(0, 1);
  std::vector<bp::cli::Command> commands = {
      bp::cli::add_run(app),   bp::cli::add_validate(app), bp::cli::add_list(app),
      bp::cli::add_trace(app), bp::cli::add_schema(app),   bp::cli::add_compare(app),
      bp::cli::add_merge(app), bp::cli::add_report(app)};
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : bp::cli::kBadInput;
  }
  try {
    for (auto& command : commands) {
      const int code = command();
      if (code >= 0) return code;
    }
    return bp::cli::run_scenarios({});
  } catch (const std::exception& e) {
    std::cerr << "bpharness: internal error: " << e.what() << "\n";
    return bp::cli::kInternal;
  }
}
