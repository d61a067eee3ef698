// The subcommands of bpharness. Each add_* registers its options on the app and returns the
// function that runs it; that function returns the process exit code (DESIGN.md section 3):
// 0 expectations met, 1 an expectation failed, 2 bad usage or input, 3 internal error.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace bp::cli {

enum ExitCode { kOk = 0, kFailed = 1, kBadInput = 2, kInternal = 3 };

using Command = std::function<int()>;

Command add_run(CLI::App& app);
Command add_validate(CLI::App& app);
Command add_list(CLI::App& app);
Command add_trace(CLI::App& app);
Command add_schema(CLI::App& app);
Command add_compare(CLI::App& app);
Command add_merge(CLI::App& app);
Command add_report(CLI::App& app);
Command add_exec(CLI::App& app);

// What `run` was asked to do; `bpharness` with no subcommand runs the defaults.
struct RunSettings {
  std::vector<std::string> paths;  // scenario files or folders; empty: the bundled suite
  std::string out = "bpharness-reports";
  std::string junit;  // JUnit XML file to write, or empty
  std::string shard;  // "I/N" (1-based, harness/shard.h), or empty: GoogleTest's variables, if set
  std::string html;   // HTML report to write, or empty
  unsigned jobs = 1;
  bool quiet = false;
  bool allow_exec = false;  // run scenarios that name a program
};

int run_scenarios(const RunSettings& settings);

}  // namespace bp::cli
