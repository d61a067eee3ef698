// compare: each rule of reports/compare.h at and around its threshold, scenarios on one side
// only, and the table. Thresholds and numbers below are chosen from the rules' definitions.
#include "reports/compare.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "tests/reports/report_fixtures.h"

namespace bp::reports {
namespace {

Report with(std::string name, std::string verdict, std::int64_t peak, double slope) {
  Report r = testing::passing_report();
  r.name = std::move(name);
  r.verdict = std::move(verdict);
  r.heap.peak_growth = peak;
  r.heap.slope = slope;
  return r;
}

Comparison one(const Report& base, const Report& now, const CompareThresholds& t = {}) {
  const std::vector<Report> a = {base};
  const std::vector<Report> b = {now};
  return compare_runs(a, b, t);
}

constexpr std::int64_t kMiB = 1024 * 1024;

TEST(Compare, SameNumbersPass) {
  const Report r = with("a", "bounded", 10 * kMiB, 0.001);
  const Comparison c = one(r, r);
  ASSERT_EQ(c.rows.size(), 1u);
  EXPECT_EQ(c.failed, 0u);
  EXPECT_TRUE(c.rows[0].failures.empty());
}

TEST(Compare, AChangedVerdictFailsInEitherDirection) {
  const Comparison worse = one(with("a", "bounded", 0, 0), with("a", "grows", 0, 0));
  ASSERT_EQ(worse.failed, 1u);
  EXPECT_EQ(worse.rows[0].failures, std::vector<std::string>{"verdict changed from bounded to grows"});
  const Comparison lost = one(with("a", "grows", 0, 0), with("a", "bounded", 0, 0));
  EXPECT_EQ(lost.failed, 1u);
}

TEST(Compare, PeakFailsOnlyAboveBothTheShareAndTheAllowance) {
  // Default: 10% and 256 KiB. Base 10 MiB: 10% is 1 MiB, above the allowance.
  const Report base = with("a", "bounded", 10 * kMiB, 0);
  EXPECT_EQ(one(base, with("a", "bounded", 11 * kMiB, 0)).failed, 0u);      // +10% exactly
  const Comparison over = one(base, with("a", "bounded", 11 * kMiB + 1, 0));  // just above
  ASSERT_EQ(over.failed, 1u);
  EXPECT_TRUE(over.rows[0].failures[0].starts_with("peak rose by +1 MiB (10%), more than 10% and 256 KiB"))
      << over.rows[0].failures[0];
  // Base 1 KiB: +100% is 1 KiB, far below the allowance.
  EXPECT_EQ(one(with("a", "bounded", 1024, 0), with("a", "bounded", 2048, 0)).failed, 0u);
  // Base 1 MiB: 10% is ~102 KiB, so the 256 KiB allowance decides.
  EXPECT_EQ(one(with("a", "bounded", kMiB, 0), with("a", "bounded", kMiB + 256 * 1024, 0)).failed, 0u);
  EXPECT_EQ(one(with("a", "bounded", kMiB, 0), with("a", "bounded", kMiB + 256 * 1024 + 1, 0)).failed, 1u);
  // A peak that fell never fails.
  EXPECT_EQ(one(base, with("a", "bounded", 0, 0)).failed, 0u);
}

TEST(Compare, PeakThresholdsAreSettings) {
  const Report base = with("a", "bounded", 10 * kMiB, 0);
  const Report now = with("a", "bounded", 12 * kMiB, 0);  // +20%, +2 MiB
  EXPECT_EQ(one(base, now).failed, 1u);
  EXPECT_EQ(one(base, now, {.peak_rise = 0.25}).failed, 0u);
  EXPECT_EQ(one(base, now, {.peak_allowance = 4 * kMiB}).failed, 0u);
  EXPECT_EQ(one(base, with("a", "bounded", 10 * kMiB + 1024, 0), {.peak_rise = 0, .peak_allowance = 0})
                .failed,
            1u);
}

TEST(Compare, PeakOfANonPositiveBaselineFacesTheAllowanceOnly) {
  EXPECT_EQ(one(with("a", "bounded", -4096, 0), with("a", "bounded", 200 * 1024, 0)).failed, 0u);
  EXPECT_EQ(one(with("a", "bounded", 0, 0), with("a", "bounded", 300 * 1024, 0)).failed, 1u);
}

TEST(Compare, ExtremePeaksDoNotOverflow) {
  const Comparison c = one(with("a", "grows", INT64_MIN, 0), with("a", "grows", INT64_MAX, 0));
  EXPECT_EQ(c.failed, 1u);
}

TEST(Compare, SlopeFailsAboveItsRise) {
  // Default rise: 0.05 retained bytes per input byte.
  const Report base = with("a", "grows", 0, 0.9);
  EXPECT_EQ(one(base, with("a", "grows", 0, 0.94)).failed, 0u);
  const Comparison over = one(base, with("a", "grows", 0, 0.96));
  ASSERT_EQ(over.failed, 1u);
  EXPECT_EQ(over.rows[0].failures, std::vector<std::string>{"slope rose by +0.06, more than 0.05"});
  EXPECT_EQ(one(base, with("a", "grows", 0, 0.96), {.slope_rise = 0.1}).failed, 0u);
  EXPECT_EQ(one(base, with("a", "grows", 0, 0.1)).failed, 0u);  // fell
  EXPECT_EQ(one(base, with("a", "grows", 0, std::nan(""))).failed, 0u);
}

TEST(Compare, EveryBrokenRuleIsNamed) {
  const Comparison c = one(with("a", "bounded", 0, 0), with("a", "grows", 100 * kMiB, 0.9));
  ASSERT_EQ(c.rows[0].failures.size(), 3u);
  EXPECT_TRUE(c.rows[0].failures[0].starts_with("verdict"));
  EXPECT_TRUE(c.rows[0].failures[1].starts_with("peak"));
  EXPECT_TRUE(c.rows[0].failures[2].starts_with("slope"));
  EXPECT_EQ(c.failed, 1u);
}

TEST(Compare, ScenariosOnOneSideAreListedAndMissingOnesFailOnlyWhenAsked) {
  const std::vector<Report> base = {with("kept", "bounded", 0, 0), with("gone", "bounded", 0, 0)};
  const std::vector<Report> now = {with("kept", "bounded", 0, 0), with("added", "grows", 0, 1)};
  const Comparison lenient = compare_runs(base, now, {});
  ASSERT_EQ(lenient.rows.size(), 3u);
  EXPECT_EQ(lenient.rows[0].name, "added");
  EXPECT_FALSE(lenient.rows[0].base);
  EXPECT_EQ(lenient.rows[1].name, "gone");
  EXPECT_FALSE(lenient.rows[1].now);
  EXPECT_EQ(lenient.failed, 0u);
  const Comparison strict = compare_runs(base, now, {.fail_on_missing = true});
  EXPECT_EQ(strict.failed, 1u);
  EXPECT_EQ(strict.rows[1].failures, std::vector<std::string>{"missing from the new run"});
}

TEST(Compare, TableShowsBothRunsTheChangeAndTheResult) {
  const std::vector<Report> base = {with("leak", "grows", 10 * kMiB, 0.5), with("gone", "bounded", 0, 0)};
  const std::vector<Report> now = {with("leak", "grows", 20 * kMiB, 0.5), with("new", "bounded", 0, 0)};
  const std::string table = comparison_table(compare_runs(base, now, {}));
  EXPECT_EQ(table,
            "scenario  verdict         peak base  peak new  peak change      slope base  slope new  "
            "slope change  result\n"
            "gone      bounded -> -    +0 B       -         -                0           -          "
            "-             missing\n"
            "leak      grows -> grows  +10 MiB    +20 MiB   +10 MiB (+100%)  0.5         0.5        "
            "+0            FAIL\n"
            "new       - -> bounded    -          +0 B      -                -           0          "
            "-             added\n"
            "FAIL leak: peak rose by +10 MiB (100%), more than 10% and 256 KiB\n"
            "1 compared, 1 failed, 1 added, 1 missing\n");
}

}  // namespace
}  // namespace bp::reports
