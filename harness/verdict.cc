#include "harness/verdict.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "harness/robust_slope.h"
#include "reports/human_units.h"

namespace bp::harness {

namespace {

// Heap growth may be negative (the heap shrank below its baseline).
std::string bytes(std::int64_t n) {
  return (n < 0 ? "-" : "") + reports::format_bytes(static_cast<std::uint64_t>(n < 0 ? -n : n));
}

std::string fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

}  // namespace

Decision decide(const RunOutcome& run, const Thresholds& t, std::uint64_t ceiling) {
  Decision d;
  reports::HeapNumbers& h = d.heap;
  h.peak_growth = run.peak_growth;
  h.final_growth = run.final_growth;
  h.bound = run.bound;
  h.growth_over_bound = run.bound ? static_cast<double>(run.peak_growth) / static_cast<double>(run.bound) : 0;
  h.tolerance = t.tolerance;
  h.slope_threshold = t.slope;
  h.noise_floor = t.noise_floor;
  h.ceiling = ceiling;
  h.ceiling_hit = run.ceiling_hit;

  const Fit whole = theil_sen(run.input, run.heap);
  h.slope = whole.slope;
  h.intercept = whole.intercept;
  const double max_input = run.input.empty() ? 0 : *std::max_element(run.input.begin(), run.input.end());
  std::vector<double> x2, y2;
  for (std::size_t i = 0; i < run.input.size(); ++i) {
    if (run.input[i] >= max_input / 2) {
      x2.push_back(run.input[i]);
      y2.push_back(run.heap[i]);
    }
  }
  h.slope_second_half = theil_sen(x2, y2).slope;
  const double growth_second_half =
      y2.empty() ? 0 : *std::max_element(y2.begin(), y2.end()) - y2.front();

  const auto allowed = static_cast<std::int64_t>(static_cast<double>(run.bound) * t.tolerance);
  const auto floor = static_cast<std::int64_t>(t.noise_floor);

  if (!run.error.empty()) {
    d.verdict = Verdict::error;
    h.returned_to_baseline = run.final_growth <= floor;
    d.reason = "the pipeline failed (" + run.error + "); " +
               (*h.returned_to_baseline
                    ? std::string("cleanup returned the heap to the baseline")
                    : "after cleanup the heap was still " + bytes(run.final_growth) +
                          " over the baseline, more than the noise floor " + bytes(floor));
    return d;
  }
  if (run.ceiling_hit) {
    d.verdict = Verdict::grows;
    d.reason = "the heap grew past the ceiling of " + bytes(static_cast<std::int64_t>(ceiling)) +
               " and the run was stopped";
    return d;
  }
  if (h.slope_second_half >= t.slope && growth_second_half >= static_cast<double>(floor) / 2 &&
      run.peak_growth >= floor) {
    d.verdict = Verdict::grows;
    d.reason = "the heap kept growing with the input: " + fixed(h.slope_second_half * 100, 2) +
               "% of each input byte retained over the second half, peak " +
               bytes(run.peak_growth);
    return d;
  }
  if (run.peak_growth > allowed + floor) {
    d.verdict = Verdict::grows;
    d.reason = "peak growth " + bytes(run.peak_growth) + " is past the bound " +
               bytes(static_cast<std::int64_t>(run.bound)) + " × " + fixed(t.tolerance, 1);
    return d;
  }
  if (run.stalled || !run.completed) {
    d.verdict = Verdict::stalled;
    d.reason = "the run stopped making progress before the sink finished";
    return d;
  }
  d.verdict = Verdict::bounded;
  d.reason = "peak growth " + bytes(run.peak_growth) + " within the bound " +
             bytes(static_cast<std::int64_t>(run.bound)) + "; second-half slope " +
             fixed(h.slope_second_half * 100, 3) + "%";
  return d;
}

}  // namespace bp::harness
