// The example's scenarios as GoogleTest assertions, through bp::testing: each runs in a child
// process, so the leaky one grows to its ceiling there, not in this test.
#include <gtest/gtest.h>

#include <string>

#include "ndjson_parse.h"
#include "testing/scenario_assertions.h"

namespace {

const std::string kScenarios = NDJSON_SCENARIOS;  // this example's scenarios/ folder

class NdjsonScenarios : public ::testing::Test {
 protected:
  void SetUp() override { ndjson::register_ndjson_parse(); }
};

TEST_F(NdjsonScenarios, PipelineStaysBounded) {
  EXPECT_TRUE(bp::testing::StaysBounded(kScenarios + "/ndjson-pipeline-slow-sink.json"));
}

TEST_F(NdjsonScenarios, IgnoringWriteGrows) {
  EXPECT_TRUE(bp::testing::Grows(kScenarios + "/ndjson-for-await-ignore-slow-sink.json"));
  EXPECT_FALSE(bp::testing::StaysBounded(kScenarios + "/ndjson-for-await-ignore-slow-sink.json"));
}

TEST_F(NdjsonScenarios, BadJsonFailsThePipelineAtItsLine) {
  const auto result = bp::testing::MeetsExpectation(kScenarios + "/ndjson-parse-bad-input.json");
  EXPECT_TRUE(result);
  EXPECT_NE(std::string(result.message()).find("ndjson-parse: line 1, column"), std::string::npos)
      << result.message();
}

}  // namespace
