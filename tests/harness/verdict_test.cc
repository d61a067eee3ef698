// decide(): each verdict from the numbers, in the order docs/verdicts.md gives.
#include "harness/verdict.h"

#include <gtest/gtest.h>

#include <vector>

namespace bp::harness {
namespace {

constexpr std::uint64_t kMiB = 1024 * 1024;
constexpr std::uint64_t kCeiling = 1024 * kMiB;

// Samples of a run of `input` bytes where the heap follows `heap_at(input)`.
struct Series {
  std::vector<double> input, heap;
  template <typename F>
  Series(double total, F heap_at) {
    for (int i = 0; i <= 200; ++i) {
      const double in = total * i / 200;
      input.push_back(in);
      heap.push_back(heap_at(in));
    }
  }
  RunOutcome outcome(std::uint64_t bound) const {
    RunOutcome run;
    run.completed = true;
    run.input = input;
    run.heap = heap;
    run.bound = bound;
    double peak = 0;
    for (double h : heap) peak = std::max(peak, h);
    run.peak_growth = static_cast<std::int64_t>(peak);
    return run;
  }
};

TEST(Verdict, FlatHeapWithinTheBoundIsBounded) {
  const Series s(256.0 * kMiB, [](double) { return 200.0 * 1024; });
  const Decision d = decide(s.outcome(320 * 1024), Thresholds{}, kCeiling);
  EXPECT_EQ(d.verdict, Verdict::bounded) << d.reason;
  EXPECT_EQ(d.heap.slope_second_half, 0);
}

TEST(Verdict, BuffersFillingInTheFirstHalfStayBounded) {
  // Growth up to 4 MiB over the first tenth of the input, then flat: within a 4 MiB bound.
  const double total = 256.0 * kMiB;
  const Series s(total, [&](double in) { return std::min(in, total / 10) / (total / 10) * 4 * kMiB; });
  const Decision d = decide(s.outcome(4 * kMiB), Thresholds{}, kCeiling);
  EXPECT_EQ(d.verdict, Verdict::bounded) << d.reason;
}

TEST(Verdict, HeapGrowingWithTheInputGrows) {
  // The leaky loop with a sink ten times slower keeps 90% of every input byte.
  const Series s(256.0 * kMiB, [](double in) { return 0.9 * in; });
  const Decision d = decide(s.outcome(320 * 1024), Thresholds{}, kCeiling);
  EXPECT_EQ(d.verdict, Verdict::grows) << d.reason;
  EXPECT_NEAR(d.heap.slope, 0.9, 1e-9);
  EXPECT_NEAR(d.heap.slope_second_half, 0.9, 1e-9);
}

TEST(Verdict, SlopeBelowTheThresholdDoesNotGrow) {
  // 0.4% retained: under the default 0.5% threshold; 1 MiB of growth stays inside bound×2+floor.
  const Series s(256.0 * kMiB, [](double in) { return 0.004 * in; });
  const Decision d = decide(s.outcome(kMiB), Thresholds{}, kCeiling);
  EXPECT_EQ(d.verdict, Verdict::bounded) << d.reason;
}

TEST(Verdict, ThresholdsAreTheScenarios) {
  const Series s(256.0 * kMiB, [](double in) { return 0.004 * in; });
  Thresholds t;
  t.slope = 0.003;
  EXPECT_EQ(decide(s.outcome(kMiB), t, kCeiling).verdict, Verdict::grows);
  EXPECT_EQ(decide(s.outcome(kMiB), t, kCeiling).heap.slope_threshold, 0.003);
}

TEST(Verdict, SteepButTinyGrowthStaysUnderTheNoiseFloor) {
  // 100% retained, but of 64 KiB of input: 64 KiB of growth is noise, not a leak.
  const Series s(64.0 * 1024, [](double in) { return in; });
  const Decision d = decide(s.outcome(64 * 1024), Thresholds{}, kCeiling);
  EXPECT_EQ(d.verdict, Verdict::bounded) << d.reason;
}

TEST(Verdict, FlatButFarPastTheBoundGrows) {
  // A jump to 8 MiB at the start that never comes back: flat, but far past a 64 KiB bound.
  const Series s(256.0 * kMiB, [](double in) { return in > 0 ? 8.0 * kMiB : 0; });
  const Decision d = decide(s.outcome(64 * 1024), Thresholds{}, kCeiling);
  EXPECT_EQ(d.verdict, Verdict::grows) << d.reason;
  EXPECT_DOUBLE_EQ(d.heap.growth_over_bound, 128);
}

TEST(Verdict, HittingTheCeilingGrows) {
  const Series s(64.0 * kMiB, [](double) { return 0.0; });
  RunOutcome run = s.outcome(64 * 1024);
  run.ceiling_hit = true;
  run.completed = false;
  const Decision d = decide(run, Thresholds{}, kCeiling);
  EXPECT_EQ(d.verdict, Verdict::grows);
  EXPECT_TRUE(d.heap.ceiling_hit);
  EXPECT_EQ(d.heap.ceiling, kCeiling);
}

TEST(Verdict, NoProgressBeforeTheEndIsStalled) {
  const Series s(kMiB, [](double) { return 1024.0; });
  RunOutcome run = s.outcome(64 * 1024);
  run.completed = false;
  run.stalled = true;
  EXPECT_EQ(decide(run, Thresholds{}, kCeiling).verdict, Verdict::stalled);
}

TEST(Verdict, AFailedPipelineIsAnErrorAndCleanupIsJudged) {
  const Series s(kMiB, [](double) { return 1024.0; });
  RunOutcome run = s.outcome(64 * 1024);
  run.error = "ERR_INJECTED: boom";
  run.final_growth = 4096;
  Decision d = decide(run, Thresholds{}, kCeiling);
  EXPECT_EQ(d.verdict, Verdict::error);
  ASSERT_TRUE(d.heap.returned_to_baseline.has_value());
  EXPECT_TRUE(*d.heap.returned_to_baseline);

  run.final_growth = static_cast<std::int64_t>(Thresholds{}.noise_floor) + 1;
  d = decide(run, Thresholds{}, kCeiling);
  EXPECT_EQ(d.verdict, Verdict::error);
  EXPECT_FALSE(*d.heap.returned_to_baseline);
}

TEST(Verdict, AnErrorOutranksTheCeiling) {
  const Series s(kMiB, [](double in) { return in; });
  RunOutcome run = s.outcome(64 * 1024);
  run.error = "ERR_INJECTED: boom";
  run.ceiling_hit = true;
  EXPECT_EQ(decide(run, Thresholds{}, kCeiling).verdict, Verdict::error);
}

}  // namespace
}  // namespace bp::harness
