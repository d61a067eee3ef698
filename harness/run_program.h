// run_program: runs a scenario whose "program" is an external command (`bpharness exec`) and
// returns its report, with the same verdict rules as in-process scenarios (harness/verdict.h).
//
// On a UvLoop it starts the program — in the scenario file's folder, when there is one — in a
// process group of its own (harness/child_process.h),
// writes the source into its stdin at the source's rate (harness/program_input.h), reads its
// stdout at the sink's rate (harness/program_output.h) — the default sink rate being far below
// the source's, the program works under backpressure — and keeps the last kStderrTail bytes of
// its stderr. Every `sampling.every` it reads the memory of the program's process tree
// (harness/process_tree.h). The baseline is the tree's RssAnon at the first sample after the
// program has read input (or written output): its start-up is not growth. The heap series is
// the tree's RssAnon over that baseline against the bytes of input the program has read.
//
// The verdict's bound is two chunks (one read, one being written: all a program that streams
// must hold); the noise floor absorbs what runtimes keep besides (a JIT, a garbage-collected
// heap finding its size). The ceiling is on the tree's RssAnon itself.
//
// The program's whole process group is ended (SIGTERM, then SIGKILL after a second) and reaped
// when the limits.timeout passes, when the ceiling is reached, when nothing moves for
// thresholds.stallAfter, and on SIGINT or SIGTERM to this process (the report then says
// program.stopped = "interrupted"); a harness failure (an exception) kills and reaps it too,
// through ChildProcess's destructor. Once the input has ended, stdout is drained at full speed:
// the verdict's series ends with the input, and the rest is only waiting.
#pragma once

#include <cstdint>

#include "harness/scenario.h"
#include "reports/report.h"

namespace bp::harness {

reports::Report run_program(const Scenario& scenario);

// What the verdict allows a program beyond its baseline: two chunks.
std::uint64_t program_bound(const Scenario& scenario);

}  // namespace bp::harness
