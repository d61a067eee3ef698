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

namespace bp::testing {

// The verdict is `bounded`, whatever the scenario expects.
::testing::AssertionResult StaysBounded(const std::filesystem::path& file);

// The verdict is `grows` (a positive control: the detector fires on this leak).
::testing::AssertionResult Grows(const std::filesystem::path& file);

// The scenario met every expectation it states (its `expect` section), as `bpharness run`
// would report PASS.
::testing::AssertionResult MeetsExpectation(const std::filesystem::path& file);

}  // namespace bp::testing
