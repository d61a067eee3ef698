// JUnit XML: well-formed, shaped as junit-10.xsd (the schema Jenkins' xUnit plugin validates
// with, which GitLab's reader also takes) says, with counts, times and failures that match the
// reports, and names of any kind escaped.
#include "reports/junit.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "reports/verdict_text.h"
#include "tests/reports/report_fixtures.h"
#include "tests/reports/libxml2_reader.h"
#include "tests/reports/xsd_check.h"

namespace bp::reports {
namespace {

using testing::failing_report;
using testing::passing_report;
using testing::XmlElement;

// The schema of the JUnit format CI systems read (see the comment at its top).
std::filesystem::path junit_xsd() { return testing::source_dir() / "tests" / "reports" / "junit.xsd"; }

struct Parsed {
  XmlElement root;
  std::vector<std::string> problems;
};

Parsed parse_junit(const std::string& xml) {
  std::string error;
  std::optional<XmlElement> root = testing::parse_xml_strictly(xml, error);
  if (!root) return {{}, {"not well-formed: " + error}};
  return {*root, testing::xsd_problems(xml, junit_xsd())};
}

std::string joined(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

Summary summary_of_two() {
  Summary summary = testing::full_summary();
  summary.wall_ms = 1246;
  return summary;
}

TEST(Junit, OneSuiteWithOneTestcasePerScenarioShapedAsTheSchemaSays) {
  const std::vector<Report> reports = {passing_report(), failing_report()};
  const Parsed parsed = parse_junit(junit_xml(reports, summary_of_two()));
  ASSERT_EQ(joined(parsed.problems), "");
  const auto suites = parsed.root.all("testsuite");
  ASSERT_EQ(suites.size(), 1u);
  const XmlElement& suite = *suites[0];
  EXPECT_EQ(suite.attribute("name"), "bpharness");
  EXPECT_EQ(suite.attribute("tests"), "2");
  EXPECT_EQ(suite.attribute("failures"), "1");
  EXPECT_EQ(suite.attribute("errors"), "0");
  EXPECT_EQ(suite.attribute("skipped"), "0");
  EXPECT_EQ(suite.attribute("time"), "1.246");
  EXPECT_EQ(suite.attribute("timestamp"), "2024-05-01T12:34:56");
  EXPECT_EQ(suite.attribute("hostname"), "ci-runner-7");
  EXPECT_EQ(parsed.root.attribute("tests"), "2");
  EXPECT_EQ(parsed.root.attribute("failures"), "1");

  const auto cases = suite.all("testcase");
  ASSERT_EQ(cases.size(), 2u);
  EXPECT_EQ(cases[0]->attribute("classname"), "bpharness.pipeline");
  EXPECT_EQ(cases[0]->attribute("name"), "pipeline-slow-sink");
  EXPECT_EQ(cases[0]->attribute("time"), "0.012");
  EXPECT_TRUE(cases[0]->all("failure").empty());
  EXPECT_EQ(cases[1]->attribute("classname"), "bpharness.for-await-ignore");
  EXPECT_EQ(cases[1]->attribute("time"), "1.234");
}

TEST(Junit, FailureCarriesTheVerdictAndItsNumbers) {
  const std::vector<Report> reports = {failing_report()};
  const Parsed parsed = parse_junit(junit_xml(reports, summary_of_two()));
  ASSERT_EQ(joined(parsed.problems), "");
  const XmlElement& testcase = *parsed.root.all("testsuite")[0]->all("testcase")[0];
  const auto failures = testcase.all("failure");
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0]->attribute("message"),
            "expected bounded, got grows: peak +1.2 MiB / bound 96 KiB (12.8×), slope 0.9");
  EXPECT_EQ(failures[0]->attribute("type"), "grows");
  EXPECT_NE(failures[0]->text.find("buffered at peak: sink 12 MiB"), std::string::npos);
  EXPECT_NE(failures[0]->text.find("harness/drivers.cc:42 ×1234"), std::string::npos);
  const auto out = testcase.all("system-out");
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0]->text, failing_report().reason);
}

TEST(Junit, KilledScenarioIsAnError) {
  Report report = failing_report();
  report.verdict = "error";
  report.signal = 11;
  const std::vector<Report> reports = {report, passing_report()};
  const Parsed parsed = parse_junit(junit_xml(reports, summary_of_two()));
  ASSERT_EQ(joined(parsed.problems), "");
  const XmlElement& suite = *parsed.root.all("testsuite")[0];
  EXPECT_EQ(suite.attribute("failures"), "0");
  EXPECT_EQ(suite.attribute("errors"), "1");
  const auto errors = suite.all("testcase")[0]->all("error");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0]->attribute("type"), "signal");
  EXPECT_NE(errors[0]->text.find("killed by signal 11"), std::string::npos);
}

TEST(Junit, NamesWithMarkupAndControlCharactersAreEscaped) {
  Report report = failing_report();
  report.name = "<a href=\"x\">&'b'</a>";
  report.driver = "pipe&<>\"'";
  report.reason = "reason with \x01 control, <tags> & \"quotes\"\r\nand a second line";
  report.failures = {"]]> and \x1b[31m escape"};
  Summary summary = summary_of_two();
  summary.tool.host = "host\"<&>'";
  const std::vector<Report> reports = {report};
  const Parsed parsed = parse_junit(junit_xml(reports, summary));
  ASSERT_EQ(joined(parsed.problems), "");
  const XmlElement& suite = *parsed.root.all("testsuite")[0];
  EXPECT_EQ(suite.attribute("hostname"), "host\"<&>'");
  const XmlElement& testcase = *suite.all("testcase")[0];
  EXPECT_EQ(testcase.attribute("name"), report.name);
  EXPECT_EQ(testcase.attribute("classname"), "bpharness.pipe&<>\"'");
  EXPECT_EQ(testcase.all("system-out")[0]->text,
            "reason with \xEF\xBF\xBD control, <tags> & \"quotes\"\r\nand a second line");
  EXPECT_NE(testcase.all("failure")[0]->text.find("unmet: ]]> and \xEF\xBF\xBD[31m escape"),
            std::string::npos);
}

TEST(Junit, EmptyRunIsAValidDocument) {
  const Parsed parsed = parse_junit(junit_xml({}, Summary{}));
  ASSERT_EQ(joined(parsed.problems), "");
  const XmlElement& suite = *parsed.root.all("testsuite")[0];
  EXPECT_EQ(suite.attribute("tests"), "0");
  EXPECT_FALSE(suite.attribute("timestamp"));
  EXPECT_FALSE(suite.attribute("hostname"));
}

TEST(Junit, TimesAreSecondsWithoutExponents) {
  Report report = passing_report();
  report.wall_ms = 1.5e9;
  Summary summary;
  summary.wall_ms = std::numeric_limits<double>::quiet_NaN();
  const std::vector<Report> reports = {report};
  const Parsed parsed = parse_junit(junit_xml(reports, summary));
  ASSERT_EQ(joined(parsed.problems), "");
  EXPECT_EQ(parsed.root.all("testsuite")[0]->attribute("time"), "1500000.000");
}

TEST(Junit, PropertiesCarryTheToolInfo) {
  const Parsed parsed = parse_junit(junit_xml({}, summary_of_two()));
  ASSERT_EQ(joined(parsed.problems), "");
  const auto properties = parsed.root.all("testsuite")[0]->all("properties");
  ASSERT_EQ(properties.size(), 1u);
  std::map<std::string, std::string> values;
  for (const XmlElement* property : properties[0]->all("property")) {
    values[*property->attribute("name")] = *property->attribute("value");
  }
  EXPECT_EQ(values,
            (std::map<std::string, std::string>{{"bpharness.version", "0.1.0"},
                                                {"allocator", "jemalloc 5.3.0-0-g54eaed1d8b56"},
                                                {"os", "Linux 6.1.0-18-amd64"},
                                                {"cpus", "2"}}));
}

TEST(Junit, TimestampIsUtcWithoutAZoneAndLeftOutWhenNotADateTime) {
  Summary summary = summary_of_two();
  summary.started = "2024-05-01T12:34:56Z";
  EXPECT_EQ(parse_junit(junit_xml({}, summary)).root.all("testsuite")[0]->attribute("timestamp"),
            "2024-05-01T12:34:56");
  for (const char* odd : {"yesterday", "2024-05-01", "2024-05-01T12:34:56+02:00", "2024-05-01T12:34:5Z"}) {
    summary.started = odd;
    const Parsed parsed = parse_junit(junit_xml({}, summary));
    EXPECT_EQ(joined(parsed.problems), "") << odd;
    EXPECT_FALSE(parsed.root.all("testsuite")[0]->attribute("timestamp")) << odd;
  }
}

// The schema check can fail: each of these breaks one rule of the format.
TEST(Junit, SchemaRefusesWhatCiSystemsWouldNot) {
  const std::string head = "<testsuites><testsuite name=\"s\" tests=\"1\" failures=\"0\" errors=\"0\"";
  const std::string valid = head + "><testcase name=\"c\" time=\"1.5\"/></testsuite></testsuites>";
  EXPECT_EQ(joined(testing::xsd_problems(valid, junit_xsd())), "");
  for (const std::string& bad : std::vector<std::string>{
           "<testsuites><testsuite name=\"s\"><testcase name=\"c\"/></testsuite></testsuites>",
           head + "><testcase/></testsuite></testsuites>",
           head + "><testcase name=\"c\" time=\"1e3\"/></testsuite></testsuites>",
           head + " timestamp=\"2024-05-01T12:34:56Z\"></testsuite></testsuites>",
           "<testsuites><testsuite name=\"s\" tests=\"1\" failures=\"-1\" errors=\"0\"/></testsuites>",
           head + "><testcase name=\"c\"><system-out/><failure/></testcase></testsuite></testsuites>",
           head + "><testcase name=\"c\"><failure/><error/></testcase></testsuite></testsuites>",
           head + "></testsuite><bogus/></testsuites>",
           "<testsuites><a></b></testsuites>",
       }) {
    EXPECT_NE(joined(testing::xsd_problems(bad, junit_xsd())), "") << bad;
  }
}

}  // namespace
}  // namespace bp::reports
