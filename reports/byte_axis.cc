#include "reports/byte_axis.h"

#include <algorithm>
#include <cmath>
#include <cstdint>

#include "reports/human_units.h"

namespace bp::reports {

namespace {

constexpr int kMaxSteps = 6;
constexpr double kLimit = 0x1p63;
constexpr double kSmallestRange = 1024;

// Whether format_bytes shows `magnitude` (a whole number of bytes) without rounding: below
// 1 KiB it is whole bytes; above, one decimal of the unit below 100 units and none from 100 up.
bool exact_label(double magnitude) {
  if (magnitude < 1024) return true;
  double unit = 1024;
  while (magnitude >= unit * 1024) unit *= 1024;
  const double units = magnitude / unit;
  const double shown = units < 100 ? units * 10 : units;
  return shown == std::floor(shown);
}

}  // namespace

ByteAxis byte_axis(double lo, double hi) {
  lo = std::isnan(lo) ? 0 : std::clamp(lo, -kLimit, 0.0);
  hi = std::isnan(hi) ? 0 : std::clamp(hi, 0.0, kLimit);
  if (hi - lo < kSmallestRange) hi = lo + kSmallestRange;
  for (double step = 1;; step *= 2) {
    const double low = std::floor(lo / step) * step;
    const double high = std::ceil(hi / step) * step;
    if ((high - low) / step > kMaxSteps) continue;
    std::vector<double> ticks;
    for (double tick = low; tick <= high; tick += step) ticks.push_back(tick);
    if (std::all_of(ticks.begin(), ticks.end(),
                    [](double tick) { return exact_label(std::fabs(tick)); })) {
      return {.low = low, .high = high, .ticks = std::move(ticks)};
    }
  }
}

std::string byte_tick_label(double value) {
  if (value == 0) return "0";
  const auto magnitude = static_cast<std::uint64_t>(std::min(std::fabs(value), kLimit));
  return (value < 0 ? "-" : "") + format_bytes(magnitude);
}

}  // namespace bp::reports
