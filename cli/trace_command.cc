// bpharness trace [SPEC.json]: runs a conformance spec and prints its trace, one JSON line each.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "cli/commands.h"
#include "trace/spec_check.h"
#include "trace/trace.h"

namespace bp::cli {

Command add_trace(CLI::App& app) {
  auto* cmd = app.add_subcommand("trace", "Run an op sequence on the reference streams and print "
                                          "the event trace (the protocol shared with Node)");
  auto path = std::make_shared<std::string>();
  cmd->add_option("spec", *path, "Spec file (JSON); standard input when absent");
  return [cmd, path]() -> int {
    if (!*cmd) return -1;
    const bool from_stdin = path->empty() || *path == "-";
    const std::string name = from_stdin ? "<stdin>" : *path;
    std::stringstream text;
    if (from_stdin) {
      text << std::cin.rdbuf();
    } else {
      std::error_code ec;
      std::ifstream in(*path);
      if (!in || std::filesystem::is_directory(*path, ec)) {
        std::cerr << "bpharness trace: cannot open " << *path
                  << (in ? ": it is a folder; name a spec file" : "") << "\n";
        return kBadInput;
      }
      text << in.rdbuf();
    }
    nlohmann::json spec;
    try {
      spec = nlohmann::json::parse(text.str());
    } catch (const nlohmann::json::parse_error& e) {
      // nlohmann's text after its "[json.exception.parse_error.N] " tag.
      const std::string what = e.what();
      const std::size_t tag_end = what.find("] ");
      std::cerr << name << ": " << (tag_end == std::string::npos ? what : what.substr(tag_end + 2)) << "\n";
      return kBadInput;
    }
    if (auto problem = trace::spec_problem(spec)) {
      std::cerr << name << ": at " << *problem << "\n";
      return kBadInput;
    }
    for (const nlohmann::json& line : trace::run_spec(spec)) std::cout << line.dump() << "\n";
    return kOk;
  };
}

}  // namespace bp::cli
