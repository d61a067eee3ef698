// bp::cli::main: the whole bpharness command line. Parses it, runs one subcommand, and maps
// its outcome to an exit code.
#include "cli/main.h"

#include <exception>
#include <iostream>
#include <vector>

#include "cli/commands.h"

namespace bp::cli {

int main(int argc, char** argv) {
  CLI::App app{"bpharness: proves that a streaming pipeline keeps its memory bounded"};
  app.set_version_flag("--version", std::string("bpharness ") + BP_VERSION);
  app.require_subcommand(0, 1);
  app.footer("With no subcommand, bpharness runs the bundled scenario suite (as `bpharness run`).");
  std::vector<Command> commands = {
      add_run(app),   add_validate(app), add_list(app),  add_trace(app),
      add_schema(app), add_compare(app), add_merge(app), add_report(app), add_exec(app)};
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : kBadInput;
  }
  try {
    for (auto& command : commands) {
      const int code = command();
      if (code >= 0) return code;
    }
    return run_scenarios({});
  } catch (const std::exception& e) {
    std::cerr << "bpharness: internal error: " << e.what() << "\n";
    return kInternal;
  }
}

}  // namespace bp::cli
