// Byte axes: ticks at multiples of a power of two, at most 6 steps, covering the values, and
// labels that state each tick exactly.
#include "reports/byte_axis.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace bp::reports {
namespace {

constexpr double kKiB = 1024;
constexpr double kMiB = 1024 * kKiB;

std::vector<std::string> labels(const ByteAxis& axis) {
  std::vector<std::string> out;
  for (double tick : axis.ticks) out.push_back(byte_tick_label(tick));
  return out;
}

TEST(ByteAxis, QuarterOfTheInputAsStep) {
  const ByteAxis axis = byte_axis(0, 256 * kMiB);
  EXPECT_EQ(labels(axis),
            (std::vector<std::string>{"0", "64 MiB", "128 MiB", "192 MiB", "256 MiB"}));
  EXPECT_EQ(axis.low, 0);
  EXPECT_EQ(axis.high, 256 * kMiB);
}

TEST(ByteAxis, TicksCoverTheValuesInAtMostSixSteps) {
  for (double hi : {1.0, 1000.0, 3000.0, 321 * kKiB, 1.1 * kMiB, 232 * kMiB, 10 * 1024 * kMiB}) {
    for (double lo : {0.0, -4096.0, -hi / 3}) {
      const ByteAxis axis = byte_axis(lo, hi);
      const std::string context = "lo " + std::to_string(lo) + " hi " + std::to_string(hi);
      ASSERT_GE(axis.ticks.size(), 2u) << context;
      EXPECT_LE(axis.ticks.size(), 7u) << context;
      EXPECT_LE(axis.low, lo) << context;
      EXPECT_GE(axis.high, hi) << context;
      EXPECT_EQ(axis.ticks.front(), axis.low) << context;
      EXPECT_EQ(axis.ticks.back(), axis.high) << context;
      const double step = axis.ticks[1] - axis.ticks[0];
      EXPECT_EQ(std::exp2(std::round(std::log2(step))), step) << context;
      for (std::size_t i = 0; i < axis.ticks.size(); ++i) {
        EXPECT_EQ(axis.ticks[i], axis.low + static_cast<double>(i) * step) << context;
      }
      EXPECT_NE(std::find(axis.ticks.begin(), axis.ticks.end(), 0.0), axis.ticks.end()) << context;
    }
  }
}

TEST(ByteAxis, StepAvoidsLabelsThatWouldBeRounded) {
  // 256 KiB steps would need 1.25 MiB, which format_bytes shows as "1.2 MiB".
  EXPECT_EQ(labels(byte_axis(0, 1.1 * kMiB)),
            (std::vector<std::string>{"0", "512 KiB", "1 MiB", "1.5 MiB"}));
  EXPECT_EQ(labels(byte_axis(0, 1300)),
            (std::vector<std::string>{"0", "512 B", "1 KiB", "1.5 KiB"}));
}

TEST(ByteAxis, NegativeValuesGetNegativeTicks) {
  EXPECT_EQ(labels(byte_axis(-3 * kKiB, 9 * kKiB)),
            (std::vector<std::string>{"-4 KiB", "0", "4 KiB", "8 KiB", "12 KiB"}));
}

TEST(ByteAxis, EmptyRangeStillHasAnAxis) {
  EXPECT_EQ(labels(byte_axis(0, 0)),
            (std::vector<std::string>{"0", "256 B", "512 B", "768 B", "1 KiB"}));
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(labels(byte_axis(nan, nan)), labels(byte_axis(0, 0)));
}

TEST(ByteAxis, HugeValuesAreClippedAtTwoToTheSixtyThree) {
  const ByteAxis axis = byte_axis(-std::numeric_limits<double>::infinity(), 1e30);
  EXPECT_EQ(axis.low, -0x1p63);
  EXPECT_EQ(axis.high, 0x1p63);
  EXPECT_EQ(labels(axis), (std::vector<std::string>{"-8 EiB", "-4 EiB", "0", "4 EiB", "8 EiB"}));
}

}  // namespace
}  // namespace bp::reports
