// GoogleTest assertions on scenario files, for teams that keep their memory expectations in
// their own test suite:
//
//   EXPECT_TRUE(bp::testing::StaysBounded("scenarios/mine.json"));
//
// Each runs the file with harness::run_scenario_file(): in a child process, under the
// scenario's ceiling and timeout, so a leaky scenario fails the assertion without growing or
// crashing the test process. Register custom stages before calling. The message, on failure
// and on success alike, names the scenario, its verdict and the numbers behind it (growth
// against the bound, slope, where the memory went), or every problem of an invalid file.
#pragma once

#include <filesystem>

#include <gtest/gtest.h>

#include "harness/run_scenario_file.h"

namespace bp::testing {

// A scenario that runs a program needs {.allow_exec = true}, as `bpharness run` needs
// --allow-exec:  EXPECT_TRUE(bp::testing::StaysBounded("scenarios/tool.json", {.allow_exec = true}));
using RunOptions = harness::ScenarioFileOptions;

// The verdict is `bounded`, whatever the scenario expects.
::testing::AssertionResult StaysBounded(const std::filesystem::path& file, const RunOptions& options = {});

// The verdict is `grows` (a positive control: the detector fires on this leak).
::testing::AssertionResult Grows(const std::filesystem::path& file, const RunOptions& options = {});

// The scenario met every expectation it states (its `expect` section), as `bpharness run`
// would report PASS.
::testing::AssertionResult MeetsExpectation(const std::filesystem::path& file, const RunOptions& options = {});

}  // namespace bp::testing
