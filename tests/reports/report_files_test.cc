// Report and summary files: written atomically under their safe names, read back exactly, and
// every problem reading one names the file.
#include "reports/report_files.h"

#include <gtest/gtest.h>

#include <fstream>

#include "reports/report_paths.h"
#include "tests/reports/report_fixtures.h"
#include "tests/reports/temp_dir.h"

namespace bp::reports {
namespace {

using testing::TempDir;

void write_text(const std::filesystem::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

TEST(ReportFiles, WriteThenReadGivesTheSameReport) {
  TempDir dir;
  const Report report = testing::full_report();
  ASSERT_EQ(write_report(dir.path(), report), std::nullopt);
  const ReadResult<Report> back = read_report_file(report_path(dir.path(), report.name));
  ASSERT_TRUE(back) << back.error;
  EXPECT_EQ(*back.value, report);
}

TEST(ReportFiles, WriteThenReadGivesTheSameSummary) {
  TempDir dir;
  const Summary summary = testing::full_summary();
  ASSERT_EQ(write_summary(dir.path(), summary), std::nullopt);
  const ReadResult<Summary> back = read_summary_file(summary_path(dir.path()));
  ASSERT_TRUE(back) << back.error;
  EXPECT_EQ(*back.value, summary);
}

TEST(ReportFiles, TextIsIndentedAndEndsWithANewline) {
  const std::string text = report_text(testing::passing_report());
  EXPECT_TRUE(text.starts_with("{\n  \"clock\": \"virtual\",\n")) << text.substr(0, 40);
  EXPECT_TRUE(text.ends_with("}\n"));
}

TEST(ReportFiles, InvalidUtf8IsReplacedInsteadOfThrowing) {
  Report report = testing::passing_report();
  report.reason = "bad \xff byte";
  const std::string text = report_text(report);
  EXPECT_NE(text.find("bad \xef\xbf\xbd byte"), std::string::npos);
}

TEST(ReportFiles, ReadingAMissingFileNamesIt) {
  TempDir dir;
  const ReadResult<Report> result = read_report_file(dir.path() / "none.report.json");
  EXPECT_FALSE(result);
  EXPECT_EQ(result.error,
            (dir.path() / "none.report.json").string() + ": No such file or directory");
}

TEST(ReportFiles, ReadingBadJsonNamesTheFileLineAndColumn) {
  TempDir dir;
  const auto path = dir.path() / "bad.report.json";
  write_text(path, "{\n  \"format\": oops\n}\n");
  const ReadResult<Report> result = read_report_file(path);
  EXPECT_FALSE(result);
  EXPECT_TRUE(
      result.error.starts_with(path.string() + ": not valid JSON: parse error at line 2, column"))
      << result.error;
}

TEST(ReportFiles, ReadingAWrongReportNamesTheFileAndThePointer) {
  TempDir dir;
  const auto path = dir.path() / "wrong.report.json";
  nlohmann::json document = nlohmann::json::parse(report_text(testing::full_report()));
  document["heap"]["bound"] = -1;
  write_text(path, document.dump());
  EXPECT_EQ(read_report_file(path).error,
            path.string() +
                ": at /heap/bound: expected an integer from 0 to 18446744073709551615, found -1");
}

}  // namespace
}  // namespace bp::reports
