// run_scenario: runs one scenario in this process and returns its report.
//
// It builds the topology on a fresh loop (a SimLoop in virtual time, a UvLoop on the real
// clock), reads the heap baseline, starts the driver, injects the scenario's faults, and turns
// the loop — sampling every `sampling.every` of the loop's clock and every `sampling.everyBytes`
// of generated input — until the driver reports completion, the heap passes the ceiling, or the
// run stalls (virtual time: nothing is left to run; real time: no progress for stallAfter). Then it tears everything down,
// measures what the heap kept, and decides the verdict (harness/verdict.h).
// A scenario with a program runs through run_program (harness/run_program.h) instead.
// The wall-clock timeout is the runner's business (harness/runner.h), not this function's.
#pragma once

#include "harness/scenario.h"
#include "reports/report.h"

namespace bp::harness {

struct RunOptions {
  bool sample = true;  // false: only baseline and final readings (to measure sampling cost)
};

reports::Report run_scenario(const Scenario& scenario, const RunOptions& options = {});

// The tool and machine facts every report carries.
reports::ToolInfo tool_info(const std::string& allocator);

}  // namespace bp::harness
