// The JSON report format: exact round trips, optional fields, and readers that name the JSON
// pointer of the first problem.
#include "reports/report_json.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "tests/reports/report_fixtures.h"

namespace bp::reports {
namespace {

using nlohmann::json;
using testing::full_report;

// The reader's error for `document`, or "" when it reads.
std::string error_of(const json& document) {
  const ReadResult<Report> result = report_from_json(document);
  EXPECT_EQ(result.value.has_value(), result.error.empty());
  return result.error;
}

TEST(ReportJson, FixtureSetsEveryFieldToANonDefaultValue) {
  const json full = to_json(full_report()).flatten();
  const json plain = to_json(Report{}).flatten();
  for (const auto& [pointer, value] : full.items()) {
    if (pointer == "/format" || pointer == "/version") continue;
    EXPECT_TRUE(!plain.contains(pointer) || plain.at(pointer) != value)
        << pointer << " has its default value in full_report()";
  }
  // Every optional field is present.
  EXPECT_TRUE(full.contains("/error"));
  EXPECT_TRUE(full.contains("/signal"));
  EXPECT_TRUE(full.contains("/heap/returned_to_baseline"));
}

TEST(ReportJson, RoundTripIsExactWithEveryFieldSet) {
  const Report report = full_report();
  const ReadResult<Report> back = report_from_json(to_json(report));
  ASSERT_TRUE(back) << back.error;
  EXPECT_EQ(*back.value, report);
}

TEST(ReportJson, RoundTripIsExactThroughText) {
  const Report report = full_report();
  for (int indent : {-1, 2}) {
    const std::string text = to_json(report).dump(indent);
    const ReadResult<Report> back = report_from_json(json::parse(text));
    ASSERT_TRUE(back) << back.error;
    EXPECT_EQ(*back.value, report) << "indent " << indent;
    EXPECT_EQ(to_json(*back.value).dump(indent), text) << "indent " << indent;
  }
}

TEST(ReportJson, DefaultReportRoundTrips) {
  Report report;
  report.clock = "virtual";
  report.expected = "bounded";
  report.verdict = "bounded";
  const ReadResult<Report> back = report_from_json(json::parse(to_json(report).dump()));
  ASSERT_TRUE(back) << back.error;
  EXPECT_EQ(*back.value, report);
}

TEST(ReportJson, StartsWithFormatAndVersion) {
  const json document = to_json(full_report());
  EXPECT_EQ(document.at("format"), "bpharness-report");
  EXPECT_EQ(document.at("version"), 1);
}

TEST(ReportJson, LeavesOutUnsetOptionalFields) {
  Report report = full_report();
  report.error.reset();
  report.signal.reset();
  report.heap.returned_to_baseline.reset();
  const json document = to_json(report);
  EXPECT_FALSE(document.contains("error"));
  EXPECT_FALSE(document.contains("signal"));
  EXPECT_FALSE(document.at("heap").contains("returned_to_baseline"));
  const ReadResult<Report> back = report_from_json(document);
  ASSERT_TRUE(back) << back.error;
  EXPECT_EQ(*back.value, report);
}

TEST(ReportJson, WritesNonFiniteNumbersAsNullAndReadsThemAsNaN) {
  Report report = full_report();
  report.heap.growth_over_bound = std::numeric_limits<double>::infinity();
  report.heap.slope = std::numeric_limits<double>::quiet_NaN();
  const json document = json::parse(to_json(report).dump());
  EXPECT_TRUE(document.at("heap").at("growth_over_bound").is_null());
  EXPECT_TRUE(document.at("heap").at("slope").is_null());
  const ReadResult<Report> back = report_from_json(document);
  ASSERT_TRUE(back) << back.error;
  EXPECT_TRUE(std::isnan(back.value->heap.growth_over_bound));
  EXPECT_TRUE(std::isnan(back.value->heap.slope));
}

TEST(ReportJson, ReaderNamesThePointerOfAWrongType) {
  json document = to_json(full_report());
  document["heap"]["bound"] = "96KiB";
  EXPECT_EQ(error_of(document), "at /heap/bound: expected an integer, found a string");
}

TEST(ReportJson, ReaderNamesThePointerInsideArrays) {
  json document = to_json(full_report());
  document["stages"][1].erase("kind");
  EXPECT_EQ(error_of(document), "at /stages/1: missing required key \"kind\"");
  document = to_json(full_report());
  document["samples"][1]["buffered"][2] = -1;
  EXPECT_EQ(error_of(document),
            "at /samples/1/buffered/2: expected an integer from 0 to 18446744073709551615, "
            "found -1");
}

TEST(ReportJson, ReaderReportsTheFirstProblemOnly) {
  json document = to_json(full_report());
  document["name"] = 7;
  document["heap"]["slope"] = "steep";
  EXPECT_EQ(error_of(document), "at /name: expected a string, found an integer");
}

TEST(ReportJson, ReaderRefusesUnknownKeys) {
  json document = to_json(full_report());
  document["heap"]["peak_grwth"] = 1;
  EXPECT_EQ(error_of(document), "at /heap/peak_grwth: unknown key \"peak_grwth\"");
}

TEST(ReportJson, ReaderEscapesKeysInPointers) {
  json document = to_json(full_report());
  document["a/b~c"] = 1;
  EXPECT_EQ(error_of(document), "at /a~1b~0c: unknown key \"a/b~c\"");
}

TEST(ReportJson, ReaderRefusesOutOfRangeIntegers) {
  json document = to_json(full_report());
  document["violations"][0]["line"] = 4294967296u;
  EXPECT_EQ(error_of(document),
            "at /violations/0/line: expected an integer from 0 to 4294967295, found 4294967296");
  document = to_json(full_report());
  document["heap"]["baseline"] = 18446744073709551615u;
  EXPECT_NE(error_of(document).find("at /heap/baseline: expected an integer from "),
            std::string::npos);
}

TEST(ReportJson, ReaderRefusesFractionsForIntegers) {
  json document = to_json(full_report());
  document["input_bytes"] = 1.0;
  EXPECT_EQ(error_of(document),
            "at /input_bytes: expected an integer, found a number with a fraction or exponent");
}

TEST(ReportJson, ReaderRefusesUnknownVerdicts) {
  json document = to_json(full_report());
  document["verdict"] = "leaks";
  EXPECT_EQ(error_of(document),
            "at /verdict: expected one of \"bounded\", \"grows\", \"stalled\", \"error\", "
            "found \"leaks\"");
}

TEST(ReportJson, ReaderRefusesOtherFormatsAndVersions) {
  json document = to_json(full_report());
  document["format"] = "bpharness-summary";
  EXPECT_EQ(error_of(document),
            "at /format: expected \"bpharness-report\", found \"bpharness-summary\"");
  document = to_json(full_report());
  document["version"] = 2;
  EXPECT_EQ(error_of(document),
            "at /version: unsupported report version 2 (this bpharness reads version 1)");
}

TEST(ReportJson, ReaderRefusesADocumentThatIsNotAnObject) {
  EXPECT_EQ(error_of(json::array()), "expected an object, found an array");
  EXPECT_EQ(error_of(json::object()), "not a bpharness report: it has no \"format\": \"bpharness-report\"");
}

TEST(ReportJson, ReaderRefusesAScenarioThatIsNotAnObject) {
  json document = to_json(full_report());
  document["scenario"] = "pipeline";
  EXPECT_EQ(error_of(document), "at /scenario: expected an object or null, found a string");
}

}  // namespace
}  // namespace bp::reports
