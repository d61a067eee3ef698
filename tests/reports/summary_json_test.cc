// The JSON summary format: exact round trips and readers that name the first problem.
#include "reports/summary_json.h"

#include <gtest/gtest.h>

#include "tests/reports/report_fixtures.h"

namespace bp::reports {
namespace {

using nlohmann::json;
using testing::full_summary;

TEST(SummaryJson, FixtureSetsEveryFieldToANonDefaultValue) {
  const json full = to_json(full_summary()).flatten();
  const json plain = to_json(Summary{}).flatten();
  for (const auto& [pointer, value] : full.items()) {
    if (pointer == "/format" || pointer == "/version") continue;
    EXPECT_TRUE(!plain.contains(pointer) || plain.at(pointer) != value)
        << pointer << " has its default value in full_summary()";
  }
}

TEST(SummaryJson, RoundTripIsExactWithEveryFieldSet) {
  const Summary summary = full_summary();
  const ReadResult<Summary> back = summary_from_json(json::parse(to_json(summary).dump()));
  ASSERT_TRUE(back) << back.error;
  EXPECT_EQ(*back.value, summary);
}

TEST(SummaryJson, StartsWithFormatAndVersion) {
  const json document = to_json(full_summary());
  EXPECT_EQ(document.at("format"), "bpharness-summary");
  EXPECT_EQ(document.at("version"), 1);
}

TEST(SummaryJson, ReaderNamesThePointerOfTheFirstProblem) {
  json document = to_json(full_summary());
  document["scenarios"][1]["pass"] = "no";
  EXPECT_EQ(summary_from_json(document).error,
            "at /scenarios/1/pass: expected true or false, found a string");
}

TEST(SummaryJson, ReaderRefusesAReport) {
  json document = to_json(full_summary());
  document["format"] = "bpharness-report";
  EXPECT_EQ(summary_from_json(document).error,
            "at /format: expected \"bpharness-summary\", found \"bpharness-report\"");
}

TEST(SummaryJson, ReaderRefusesUnknownKeysInTheToolInfo) {
  json document = to_json(full_summary());
  document["tool"]["kernel"] = "6.1";
  EXPECT_EQ(summary_from_json(document).error, "at /tool/kernel: unknown key \"kernel\"");
}

}  // namespace
}  // namespace bp::reports
