// run_scenario_file: loads one scenario file (a folder is refused) and runs it the way `bpharness run FILE` does, for
// programs and tests that want the Report itself (bp::testing builds on it).
//
// The file is parsed with every stage kind registered so far (harness/stage_registry.h), so
// register custom stages first. The scenario then runs in a child process of its own through
// the runner (harness/runner.h), never in the caller's: a leaky scenario grows to its ceiling,
// and a crash or hang becomes an `error` report, without touching the caller's heap or taking
// it down. The child is forked, so stages registered in the caller exist there too.
#pragma once

#include <filesystem>
#include <optional>
#include <vector>

#include "harness/diagnostic.h"
#include "reports/report.h"

namespace bp::harness {

struct ScenarioFileOptions {
  // Run a scenario that runs a program ("program"); without it such a file is refused with a
  // diagnostic at /program, as `bpharness run` refuses it without --allow-exec.
  bool allow_exec = false;
};

struct ScenarioFileRun {
  std::optional<reports::Report> report;  // set when the file was valid and the run finished
  std::vector<Diagnostic> diagnostics;    // every problem of the file; then nothing ran
};

// Throws std::runtime_error when the heap cannot be measured in this process (the allocator
// check of harness/heap_probe.h failed): no verdict would mean anything.
ScenarioFileRun run_scenario_file(const std::filesystem::path& file, const ScenarioFileOptions& options = {});

}  // namespace bp::harness
