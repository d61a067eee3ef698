// bp::testing's assertions, and harness::run_scenario_file() under them, on small scenarios
// whose verdicts follow from their configuration: pipeline() into a slower sink is bounded;
// the same speeds with a loop that ignores write() grow.
#include "testing/scenario_assertions.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "harness/run_scenario_file.h"

namespace bp::testing {
namespace {

const std::string kData = BP_SOURCE_DIR "/tests/testing/data";
const std::string kPipeline = kData + "/small-pipeline.json";
const std::string kLeak = kData + "/small-leak.json";

bool has(const ::testing::AssertionResult& result, const std::string& text) {
  return std::string(result.message()).find(text) != std::string::npos;
}

TEST(ScenarioAssertions, StaysBoundedHoldsForPipeline) {
  EXPECT_TRUE(StaysBounded(kPipeline));
  EXPECT_FALSE(Grows(kPipeline));
  EXPECT_TRUE(MeetsExpectation(kPipeline));
}

TEST(ScenarioAssertions, GrowsHoldsForTheLeakyLoop) {
  EXPECT_TRUE(Grows(kLeak));
  EXPECT_TRUE(MeetsExpectation(kLeak));
}

TEST(ScenarioAssertions, FailureNamesTheVerdictAndItsNumbers) {
  const auto result = StaysBounded(kLeak);
  EXPECT_FALSE(result);
  EXPECT_TRUE(has(result, "scenario small-leak (" + kLeak + "): wanted bounded, got grows: peak +"))
      << result.message();
  EXPECT_TRUE(has(result, " / bound ")) << result.message();
  EXPECT_TRUE(has(result, ", slope ")) << result.message();
  EXPECT_TRUE(has(result, "\n  buffered at peak: sink ")) << result.message();
}

TEST(ScenarioAssertions, InvalidFileFailsWithItsProblems) {
  const std::string file = kData + "/invalid/bad-driver.json";
  const auto result = MeetsExpectation(file);
  EXPECT_FALSE(result);
  EXPECT_TRUE(has(result, file + " is not a valid scenario:\n  " + file + ":5:13: error: unknown driver 'pipelines'"))
      << result.message();
}

TEST(ScenarioAssertions, ProgramScenarioRunsOnlyWhenAllowed) {
  const std::string file = kData + "/program/cat.json";
  EXPECT_TRUE(StaysBounded(file, {.allow_exec = true}));
  const auto refused = StaysBounded(file);
  EXPECT_FALSE(refused);
  EXPECT_TRUE(has(refused, "runs a program (cat)")) << refused.message();
}

TEST(RunScenarioFile, ReturnsTheReportOfAProgramWhenAllowed) {
  const harness::ScenarioFileRun run = harness::run_scenario_file(kData + "/program/cat.json", {.allow_exec = true});
  EXPECT_TRUE(run.diagnostics.empty());
  ASSERT_TRUE(run.report);
  EXPECT_EQ(run.report->driver, "exec");
  ASSERT_TRUE(run.report->program);
  EXPECT_EQ(run.report->program->argv, std::vector<std::string>{"cat"});
  EXPECT_EQ(run.report->program->exit_code, 0);
}

TEST(RunScenarioFile, ReturnsTheReportOfAValidFile) {
  const harness::ScenarioFileRun run = harness::run_scenario_file(kPipeline);
  EXPECT_TRUE(run.diagnostics.empty());
  ASSERT_TRUE(run.report);
  EXPECT_EQ(run.report->name, "small-pipeline");
  EXPECT_EQ(run.report->input_bytes, 8u * 1024 * 1024);
  EXPECT_EQ(run.report->verdict, "bounded");
}

TEST(RunScenarioFile, RefusesAFolder) {
  const harness::ScenarioFileRun run = harness::run_scenario_file(kData);
  EXPECT_FALSE(run.report);
  ASSERT_EQ(run.diagnostics.size(), 1u);
  EXPECT_EQ(run.diagnostics[0].message, "expected one scenario file, got a folder of 2 scenarios");
}

}  // namespace
}  // namespace bp::testing
