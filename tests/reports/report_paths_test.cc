// report_path: whatever a scenario is called, its report lands inside the output directory.
#include "reports/report_paths.h"

#include <gtest/gtest.h>

#include <set>
#include <vector>

namespace bp::reports {
namespace {

namespace fs = std::filesystem;

const fs::path kOut = "/tmp/out";

// The invariants of a report path for `name`, with `name` in every message.
void expect_inside(std::string_view name) {
  const fs::path path = report_path(kOut, name);
  const std::string context = "name \"" + std::string(name) + "\" gave " + path.string();
  EXPECT_EQ(path.parent_path(), kOut) << context;
  EXPECT_EQ(path.lexically_normal().parent_path(), kOut) << context;
  const std::string file = path.filename().string();
  EXPECT_TRUE(file.ends_with(".report.json")) << context;
  EXPECT_NE(file[0], '.') << context;
  EXPECT_NE(file[0], '-') << context;
  EXPECT_LE(file.size(), 255u) << context;
  for (char c : file) {
    const auto byte = static_cast<unsigned char>(c);
    EXPECT_TRUE(byte > 0x20 && byte < 0x7f && c != '/' && c != '\\') << context;
  }
}

TEST(ReportPaths, KeepsNamesTheScenarioFormatAllows) {
  EXPECT_EQ(report_path(kOut, "pipeline-slow-sink"), kOut / "pipeline-slow-sink.report.json");
  EXPECT_EQ(report_path(kOut, "v1.2_gzip"), kOut / "v1.2_gzip.report.json");
  EXPECT_EQ(safe_file_stem(std::string(100, 'a')), std::string(100, 'a'));
}

TEST(ReportPaths, HostileNamesStayInsideTheOutputDirectory) {
  const std::string long_name(5000, '/');
  const std::vector<std::string_view> names = {"",
                                               ".",
                                               "..",
                                               "../../etc/passwd",
                                               "/etc/passwd",
                                               "a/../../b",
                                               ".hidden",
                                               "-flag",
                                               "_x",
                                               "tab\there",
                                               std::string_view("nul\0byte", 8),
                                               "new\nline",
                                               "\x1b[31mred",
                                               "caf\xc3\xa9",
                                               "back\\slash",
                                               "..\\..\\x",
                                               long_name};
  for (std::string_view name : names) expect_inside(name);
}

TEST(ReportPaths, SanitizedNamesAreDistinctAndStable) {
  std::set<std::string> stems;
  for (std::string_view name : {"a/b", "a_b", "a:b", "a b", "../a_b", ".a_b"}) {
    stems.insert(safe_file_stem(name));
  }
  EXPECT_EQ(stems.size(), 6u);
  EXPECT_EQ(safe_file_stem("a/b"), safe_file_stem("a/b"));
  EXPECT_EQ(safe_file_stem("../x").substr(0, 5), "_.._x");
}

TEST(ReportPaths, SummaryCannotCollideWithAReport) {
  EXPECT_EQ(summary_path(kOut), kOut / "summary.json");
  EXPECT_NE(report_path(kOut, "summary"), summary_path(kOut));
}

}  // namespace
}  // namespace bp::reports
