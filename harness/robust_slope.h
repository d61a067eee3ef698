// Theil–Sen estimation: the median of the slopes between pairs of points, a line fit that a
// few outliers (a burst, a buffer filling up) cannot drag. Used for heap bytes against input
// bytes, where the slope is the bytes retained per input byte.
#pragma once

#include <cstdint>
#include <span>

namespace bp::harness {

struct Fit {
  double slope = 0;
  double intercept = 0;
};

// At most `max_points` evenly spread points enter the fit (O(n²) pairs). Points with equal x
// are skipped as pairs; fewer than two distinct x give a zero slope.
Fit theil_sen(std::span<const double> x, std::span<const double> y, std::size_t max_points = 400);

}  // namespace bp::harness
