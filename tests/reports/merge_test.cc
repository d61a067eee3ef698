// Reading runs back (reports/report_set.h) and joining CI shards (reports/merge.h): which
// reports a path stands for, the merged totals, and the inputs that are refused.
#include "reports/merge.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "reports/report_files.h"
#include "reports/report_paths.h"
#include "reports/report_set.h"
#include "tests/reports/report_fixtures.h"
#include "tests/reports/temp_dir.h"

namespace bp::reports {
namespace {

using testing::TempDir;

Report named(std::string name, bool pass) {
  Report r = pass ? testing::passing_report() : testing::failing_report();
  r.name = std::move(name);
  return r;
}

// Writes a run's --out folder as `bpharness run` does: each report, then summary.json.
std::filesystem::path write_run(const std::filesystem::path& folder, const std::vector<Report>& reports,
                                const std::string& started, double wall_ms, bool interrupted = false) {
  std::filesystem::create_directories(folder);
  Summary summary;
  summary.started = started;
  summary.wall_ms = wall_ms;
  summary.interrupted = interrupted;
  summary.tool = testing::full_tool();
  for (const Report& r : reports) {
    EXPECT_FALSE(write_report(folder, r));
    summary.scenarios.push_back({r.name, r.verdict, r.expected, r.pass,
                                 report_path(folder, r.name).filename().string(), r.wall_ms});
    (r.pass ? summary.passed : summary.failed) += 1;
  }
  EXPECT_FALSE(write_summary(folder, summary));
  return folder;
}

std::vector<std::string> names_of(const std::vector<Report>& reports) {
  std::vector<std::string> names;
  for (const Report& r : reports) names.push_back(r.name);
  return names;
}

TEST(ReportSet, AFolderWithASummaryHoldsTheReportsItLists) {
  TempDir dir;
  write_run(dir.path(), {named("b", true), named("a", false)}, "2024-01-01T00:00:00Z", 10);
  ASSERT_FALSE(write_report(dir.path(), named("stale", true)));  // left by an earlier run
  const ReadResult<ReportSet> set = read_report_set(dir.path());
  ASSERT_TRUE(set) << set.error;
  EXPECT_EQ(names_of(set.value->reports), (std::vector<std::string>{"b", "a"}));
  ASSERT_TRUE(set.value->summary);
  EXPECT_EQ(set.value->summary->passed, 1u);
  const ReadResult<ReportSet> through_file = read_report_set(summary_path(dir.path()));
  ASSERT_TRUE(through_file) << through_file.error;
  EXPECT_EQ(through_file.value->reports, set.value->reports);
}

TEST(ReportSet, AFolderWithoutASummaryHoldsEveryReportFileByName) {
  TempDir dir;
  for (const char* name : {"zeta", "alpha", "mid"}) ASSERT_FALSE(write_report(dir.path(), named(name, true)));
  std::ofstream(dir.path() / "notes.json") << "not a report";
  const ReadResult<ReportSet> set = read_report_set(dir.path());
  ASSERT_TRUE(set) << set.error;
  EXPECT_EQ(names_of(set.value->reports), (std::vector<std::string>{"alpha", "mid", "zeta"}));
  EXPECT_FALSE(set.value->summary);
}

TEST(ReportSet, AFolderWithNeitherSummaryNorReportsIsRefused) {
  TempDir dir;
  std::ofstream(dir.path() / "notes.json") << "{}";
  const ReadResult<ReportSet> set = read_report_set(dir.path());
  ASSERT_FALSE(set);
  EXPECT_EQ(set.error, dir.path().string() + ": no summary.json and no *.report.json files");
}

TEST(ReportSet, OneReportFile) {
  TempDir dir;
  ASSERT_FALSE(write_report(dir.path(), named("one", false)));
  const ReadResult<ReportSet> set = read_report_set(report_path(dir.path(), "one"));
  ASSERT_TRUE(set) << set.error;
  EXPECT_EQ(set.value->reports, std::vector<Report>{named("one", false)});
}

TEST(ReportSet, ProblemsNameTheFileAndTheJsonPointer) {
  TempDir dir;
  write_run(dir.path(), {named("a", true), named("b", true)}, "", 1);
  std::filesystem::remove(report_path(dir.path(), "b"));
  const ReadResult<ReportSet> missing = read_report_set(dir.path());
  ASSERT_FALSE(missing);
  EXPECT_TRUE(missing.error.starts_with(summary_path(dir.path()).string() +
                                        ": at /scenarios/1/report: cannot read " +
                                        report_path(dir.path(), "b").string()))
      << missing.error;

  std::ofstream(report_path(dir.path(), "b")) << R"({"format": "bpharness-report", "version": 7})";
  const ReadResult<ReportSet> bad = read_report_set(report_path(dir.path(), "b"));
  ASSERT_FALSE(bad);
  EXPECT_TRUE(bad.error.starts_with(report_path(dir.path(), "b").string() + ": at /version"))
      << bad.error;
  EXPECT_FALSE(read_report_set(dir.path() / "nowhere.report.json"));
}

TEST(ReportSet, FirstDuplicateName) {
  const std::vector<Report> unique = {named("a", true), named("b", true)};
  EXPECT_FALSE(first_duplicate_name(unique));
  const std::vector<Report> twice = {named("a", true), named("b", true), named("a", false)};
  EXPECT_EQ(first_duplicate_name(twice), "a");
}

TEST(Merge, JoinsShardsWithTotalsRecounted) {
  TempDir dir;
  const std::vector<std::filesystem::path> shards = {
      write_run(dir.path() / "1", {named("a", true), named("b", false)}, "2024-05-01T12:00:05Z", 300),
      write_run(dir.path() / "2", {named("c", true)}, "2024-05-01T12:00:01Z", 700),
      write_run(dir.path() / "3", {}, "2024-05-01T12:00:09Z", 5)};
  const ReadResult<MergedRun> merged = merge_runs(shards);
  ASSERT_TRUE(merged) << merged.error;
  EXPECT_EQ(names_of(merged.value->reports), (std::vector<std::string>{"a", "b", "c"}));
  const Summary& s = merged.value->summary;
  EXPECT_EQ(s.passed, 2u);
  EXPECT_EQ(s.failed, 1u);
  EXPECT_EQ(s.scenarios.size(), 3u);
  EXPECT_EQ(s.scenarios[2].name, "c");
  EXPECT_EQ(s.scenarios[2].report, "c.report.json");
  EXPECT_EQ(s.started, "2024-05-01T12:00:01Z");
  EXPECT_EQ(s.wall_ms, 700);
  EXPECT_FALSE(s.interrupted);
  EXPECT_EQ(s.tool, testing::full_tool());
}

TEST(Merge, AnInterruptedShardMakesAnInterruptedRun) {
  TempDir dir;
  const std::vector<std::filesystem::path> shards = {
      write_run(dir.path() / "1", {named("a", true)}, "", 1),
      write_run(dir.path() / "2", {named("b", true)}, "", 1, true)};
  const ReadResult<MergedRun> merged = merge_runs(shards);
  ASSERT_TRUE(merged) << merged.error;
  EXPECT_TRUE(merged.value->summary.interrupted);
}

TEST(Merge, AScenarioInTwoShardsIsRefused) {
  TempDir dir;
  const std::vector<std::filesystem::path> shards = {
      write_run(dir.path() / "1", {named("a", true), named("dup", true)}, "", 1),
      write_run(dir.path() / "2", {named("dup", false)}, "", 1)};
  const ReadResult<MergedRun> merged = merge_runs(shards);
  ASSERT_FALSE(merged);
  EXPECT_EQ(merged.error, "scenario dup is in both " + summary_path(shards[0]).string() + " and " +
                              summary_path(shards[1]).string());
}

TEST(Merge, AFolderWithoutASummaryIsRefused) {
  TempDir dir;
  std::filesystem::create_directories(dir.path() / "empty");
  const std::vector<std::filesystem::path> shards = {dir.path() / "empty"};
  const ReadResult<MergedRun> merged = merge_runs(shards);
  ASSERT_FALSE(merged);
  EXPECT_EQ(merged.error, summary_path(shards[0]).string() +
                              ": not found (expected the --out folder of a run)");
}

}  // namespace
}  // namespace bp::reports
