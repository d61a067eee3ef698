#include "harness/expectations.h"

#include <algorithm>
#include <string>

namespace bp::harness {

void check_expectations(reports::Report& r, const Expectation& expect) {
  if (r.verdict != r.expected) {
    r.failures.push_back("expected memory to be " + r.expected + ", but it " +
                         (r.verdict == "grows" ? "grows" : "was " + r.verdict));
  }
  if (r.verdict == "error" && r.heap.returned_to_baseline == false) {
    r.failures.push_back("cleanup did not return the heap to the baseline");
  }
  if (expect.max_peak && static_cast<std::uint64_t>(std::max<std::int64_t>(0, r.heap.peak_growth)) > *expect.max_peak) {
    r.failures.push_back("peak growth " + std::to_string(r.heap.peak_growth) + " B is above maxPeak " +
                         std::to_string(*expect.max_peak) + " B");
  }
  if (expect.max_slope && r.heap.slope > *expect.max_slope) {
    r.failures.push_back("slope " + std::to_string(r.heap.slope) + " is above maxSlope " +
                         std::to_string(*expect.max_slope));
  }
  r.pass = r.failures.empty();
}

}  // namespace bp::harness
