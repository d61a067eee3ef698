// The console: one line per scenario, where the memory went for a failure, the summary line.
#include "reports/console.h"

#include <gtest/gtest.h>

#include "reports/verdict_text.h"
#include "tests/reports/report_fixtures.h"

namespace bp::reports {
namespace {

using testing::failing_report;
using testing::passing_report;

TEST(Console, LineShowsVerdictExpectationGrowthSlopeAndTime) {
  EXPECT_EQ(console_line(passing_report(), false),
            "PASS  pipeline-slow-sink  bounded  expected bounded  "
            "peak +40 KiB / bound 96 KiB (0.417×)  slope 0.0001  12 ms");
  EXPECT_EQ(console_line(failing_report(), false),
            "FAIL  for-await-ignore-slow-sink  grows    expected bounded  "
            "peak +1.2 MiB / bound 96 KiB (12.8×)  slope 0.9  1.2 s");
}

TEST(Console, LineSaysARunThatDidNotCompleteHasNoHeapFigures) {
  // What the runner reports for a crash or a timeout: zeros that were never measured.
  Report report = failing_report();
  report.verdict = "error";
  report.samples_taken = 0;
  report.heap = {};
  EXPECT_EQ(console_line(report, false),
            "FAIL  for-await-ignore-slow-sink  error    expected bounded  "
            "no heap figures: the run did not complete  1.2 s");
  EXPECT_EQ(verdict_message(report),
            "expected bounded, got error: no heap figures: the run did not complete");
}

TEST(Console, DetailsDoNotRepeatAReasonThatIsTheError) {
  // The runner's report of a run it ended gives the same sentence as reason and error.
  Report report = passing_report();
  report.pass = false;
  report.reason = "timed out after 1004 ms of wall-clock time and was killed";
  report.error = report.reason;
  report.failures = {"the scenario did not complete: " + report.reason};
  EXPECT_EQ(console_details(report),
            "    timed out after 1004 ms of wall-clock time and was killed\n"
            "    unmet: the scenario did not complete: timed out after 1004 ms of wall-clock time "
            "and was killed\n");
}

TEST(Console, LinePadsTheNameToLineUpColumns) {
  const std::string line = console_line(passing_report(), false, 30);
  EXPECT_TRUE(line.starts_with("PASS  pipeline-slow-sink              bounded")) << line;
}

TEST(Console, LineHasNoEscapesWithoutColour) {
  for (const Report& report : {passing_report(), failing_report()}) {
    EXPECT_EQ(console_line(report, false).find('\x1b'), std::string::npos);
  }
}

TEST(Console, ColoursPassGreenAndAMissedMeasuredVerdictRed) {
  EXPECT_TRUE(console_line(passing_report(), true).starts_with("\x1b[32mPASS\x1b[0m"));
  const std::string failed = console_line(failing_report(), true);
  EXPECT_TRUE(failed.starts_with("\x1b[31mFAIL\x1b[0m")) << failed;
  EXPECT_NE(failed.find("\x1b[31mgrows  \x1b[0m"), std::string::npos) << failed;
}

TEST(Console, ColoursARunThatDidNotCompleteYellow) {
  Report report = failing_report();
  report.verdict = "stalled";
  EXPECT_TRUE(console_line(report, true).starts_with("\x1b[33mFAIL\x1b[0m"));
  report.verdict = "error";
  EXPECT_TRUE(console_line(report, true).starts_with("\x1b[33mFAIL\x1b[0m"));
}

TEST(Console, NamesCannotInjectEscapes) {
  Report report = passing_report();
  report.name = "evil\x1b[2Jname\n";
  const std::string line = console_line(report, false);
  EXPECT_EQ(line.find('\x1b'), std::string::npos);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  EXPECT_NE(line.find("evil?[2Jname?"), std::string::npos);
}

TEST(Console, DetailsShowWhereTheMemoryWent) {
  EXPECT_EQ(console_details(failing_report()),
            "    heap grew 0.9 bytes per input byte over 64 MiB of input\n"
            "    unmet: verdict grows, expected bounded\n"
            "    unmet: peak 12 MiB above maxPeak 1 MiB\n"
            "    buffered at peak: sink 12 MiB (hwm 16 KiB), zip 64 KiB (hwm 16384 objects), "
            "source 16 KiB (hwm 16 KiB)\n"
            "    backpressure ignored at: harness/drivers.cc:42 ×1234 (sink), "
            "harness/drivers.cc:4294967295 ×3 (zip)\n"
            "    allocated at: bp::harness::DataPool::next(unsigned long) 11.5 MiB (95.8%), "
            "bp::Writable::write_or_buffer(bp::Chunk&&, bp::Callback&&) 512 KiB (4.2%)\n");
}

TEST(Console, DetailsNameTheErrorSignalCeilingAndLeftoverHeap) {
  Report report = testing::full_report();
  report.stages.clear();
  report.violations.clear();
  report.allocation_sites.clear();
  report.failures.clear();
  report.heap.final_growth = 4096;
  EXPECT_EQ(console_details(report),
            "    heap grew 0.9 bytes per input byte over 64 MiB of input\n"
            "    error: ERR_STREAM_DESTROYED: Cannot call write after a stream was destroyed\n"
            "    killed by signal 9\n"
            "    stopped at the memory ceiling of 1 GiB\n"
            "    heap not back at the baseline after cleanup: +4 KiB left\n");
}

TEST(Console, DetailsListAtMostFiveViolationSitesMostFirst) {
  Report report = passing_report();
  report.reason.clear();
  for (std::uint32_t line = 1; line <= 7; ++line) {
    report.violations.push_back(
        {.stream = "", .file = "f.cc", .line = line, .function = "", .count = line * 10});
  }
  EXPECT_EQ(console_details(report),
            "    backpressure ignored at: f.cc:7 ×70, f.cc:6 ×60, f.cc:5 ×50, f.cc:4 ×40, "
            "f.cc:3 ×30, and 2 more\n");
}

TEST(Console, DetailsAreEmptyWhenThereIsNothingToSay) {
  Report report;
  EXPECT_EQ(console_details(report), "");
}

TEST(Console, SummaryCountsAndTimesTheRun) {
  Summary summary;
  summary.passed = 14;
  summary.failed = 2;
  summary.wall_ms = 12300;
  EXPECT_EQ(console_summary(summary, false), "14 passed, 2 failed in 12.3 s");
  EXPECT_EQ(console_summary(summary, true), "\x1b[31m14 passed, 2 failed in 12.3 s\x1b[0m");
  summary.failed = 0;
  summary.interrupted = true;
  EXPECT_EQ(console_summary(summary, true),
            "\x1b[32m14 passed, 0 failed in 12.3 s, interrupted\x1b[0m");
}

}  // namespace
}  // namespace bp::reports
