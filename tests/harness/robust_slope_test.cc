// Theil–Sen fits: exact on lines, unmoved by a minority of outliers, defined on degenerate input.
#include "harness/robust_slope.h"

#include <gtest/gtest.h>

#include <vector>

namespace bp::harness {
namespace {

TEST(TheilSen, RecoversAnExactLine) {
  std::vector<double> x, y;
  for (int i = 0; i < 50; ++i) {
    x.push_back(i * 1000.0);
    y.push_back(0.25 * i * 1000.0 + 7000);
  }
  const Fit f = theil_sen(x, y);
  EXPECT_DOUBLE_EQ(f.slope, 0.25);
  EXPECT_NEAR(f.intercept, 7000, 1e-6);
}

TEST(TheilSen, IgnoresAMinorityOfSpikes) {
  // A flat heap with a burst every tenth sample: a least-squares fit would tilt, Theil–Sen not.
  std::vector<double> x, y;
  for (int i = 0; i < 100; ++i) {
    x.push_back(i);
    y.push_back(i % 10 == 9 ? 1e9 : 500);
  }
  const Fit f = theil_sen(x, y);
  EXPECT_DOUBLE_EQ(f.slope, 0);
  EXPECT_DOUBLE_EQ(f.intercept, 500);
}

TEST(TheilSen, SpreadsItsPointsOverTheWholeRangeWhenSubsampling) {
  // 10 000 points on a line, fitted from 400: still exact, so the points span the line.
  std::vector<double> x, y;
  for (int i = 0; i < 10000; ++i) {
    x.push_back(i);
    y.push_back(-2.0 * i + 1);
  }
  const Fit f = theil_sen(x, y, 400);
  EXPECT_DOUBLE_EQ(f.slope, -2.0);
  EXPECT_NEAR(f.intercept, 1, 1e-9);
}

TEST(TheilSen, GivesZeroSlopeWithoutTwoDistinctX) {
  EXPECT_EQ(theil_sen(std::vector<double>{}, std::vector<double>{}).slope, 0);
  EXPECT_EQ(theil_sen(std::vector<double>{3}, std::vector<double>{9}).slope, 0);
  EXPECT_EQ(theil_sen(std::vector<double>{3, 3, 3}, std::vector<double>{1, 5, 9}).slope, 0);
}

TEST(TheilSen, SkipsPairsWithEqualX) {
  // Two samples at the same input (time passed, no bytes) must not give an infinite slope.
  const std::vector<double> x{0, 0, 10, 10, 20};
  const std::vector<double> y{0, 100, 10, 10, 20};
  EXPECT_DOUBLE_EQ(theil_sen(x, y).slope, 1.0);
}

}  // namespace
}  // namespace bp::harness
