// Runner: runs scenarios, each in a child process of its own, up to `jobs` at a time.
//
// A crash, an abort, a hang or a runaway allocation in one scenario becomes that scenario's
// `error` report and the others still run. Each child runs run_scenario() and sends its
// report to the parent as JSON over a pipe; the parent enforces the scenario's wall-clock
// timeout (SIGTERM, SIGKILL after kStopGrace, then reap). interrupt() — safe from a signal
// handler — makes run() stop every child the same way, reap it, and return what finished; no
// child is ever left behind. SIGTERM comes first so that a child running a program
// (harness/run_program.h) can end the program's process group before it goes.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "harness/scenario.h"
#include "reports/report.h"

namespace bp::harness {

struct RunnerOptions {
  unsigned jobs = 1;
  // Called in the parent as each scenario starts and ends (for progress and streaming output).
  std::function<void(const Scenario&)> on_start;
  std::function<void(const reports::Report&)> on_report;
};

struct RunnerResult {
  std::vector<reports::Report> reports;  // in the scenarios' order (on_report: as they finish)
  bool interrupted = false;
};

RunnerResult run_all(const std::vector<Scenario>& scenarios, const RunnerOptions& options);

// Asks a running run_all() to stop (async-signal-safe).
void interrupt_runner();

// The report of a scenario whose process failed before it could report: verdict "error".
reports::Report failed_report(const Scenario& scenario, const std::string& reason,
                              std::optional<int> signal, double wall_ms);

}  // namespace bp::harness
