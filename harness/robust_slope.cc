#include "harness/robust_slope.h"

#include <algorithm>
#include <vector>

namespace bp::harness {

namespace {
double median(std::vector<double>& v) {
  const std::size_t mid = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid), v.end());
  const double hi = v[mid];
  if (v.size() % 2 == 1) return hi;
  const double lo = *std::max_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(mid));
  return (lo + hi) / 2;
}
}  // namespace

Fit theil_sen(std::span<const double> x, std::span<const double> y, std::size_t max_points) {
  const std::size_t n = std::min(x.size(), y.size());
  std::vector<std::size_t> idx;
  if (n <= max_points) {
    for (std::size_t i = 0; i < n; ++i) idx.push_back(i);
  } else {
    for (std::size_t k = 0; k < max_points; ++k) idx.push_back(k * (n - 1) / (max_points - 1));
  }
  std::vector<double> slopes;
  slopes.reserve(idx.size() * idx.size() / 2);
  for (std::size_t a = 0; a < idx.size(); ++a) {
    for (std::size_t b = a + 1; b < idx.size(); ++b) {
      const double dx = x[idx[b]] - x[idx[a]];
      if (dx != 0) slopes.push_back((y[idx[b]] - y[idx[a]]) / dx);
    }
  }
  Fit fit;
  if (slopes.empty()) return fit;
  fit.slope = median(slopes);
  std::vector<double> intercepts;
  for (std::size_t i : idx) intercepts.push_back(y[i] - fit.slope * x[i]);
  fit.intercept = median(intercepts);
  return fit;
}

}  // namespace bp::harness
