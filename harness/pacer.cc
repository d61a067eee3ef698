#include "harness/pacer.h"

#include <cmath>
#include <limits>

namespace bp::harness {

namespace {
constexpr double kForever = std::numeric_limits<double>::infinity();

double seconds(std::chrono::nanoseconds d) { return std::chrono::duration<double>(d).count(); }
}  // namespace

Pacer::Pacer(const RateProfile& profile) : profile_(profile), rng_(profile.seed) {
  current_ = segment(0);
}

bool Pacer::unlimited() const {
  return profile_.kind == RateProfileKind::constant && std::isinf(profile_.rate);
}

Pacer::Segment Pacer::segment(std::uint64_t index) {
  const RateProfile& p = profile_;
  switch (p.kind) {
    case RateProfileKind::constant:
      return {kForever, p.rate};
    case RateProfileKind::bursts:
      return index % 2 == 0 ? Segment{seconds(p.on), p.rate} : Segment{seconds(p.off), 0};
    case RateProfileKind::stalls:
      return index % 2 == 0 ? Segment{seconds(p.every - p.stall), p.rate}
                            : Segment{seconds(p.stall), 0};
    case RateProfileKind::steps: {
      if (p.steps.empty()) return {kForever, kForever};
      const std::uint64_t n = p.steps.size();
      if (!p.repeat && index + 1 >= n) return {kForever, p.steps.back().rate};
      const RateStep& s = p.steps[index % n];
      return {seconds(s.duration), s.rate};
    }
    case RateProfileKind::jitter: {
      std::uniform_real_distribution<double> spread(1 - p.spread, 1 + p.spread);
      return {seconds(p.every), p.rate * spread(rng_)};
    }
  }
  return {kForever, p.rate};
}

std::chrono::nanoseconds Pacer::due(std::uint64_t bytes) {
  const double target = static_cast<double>(bytes);
  for (;;) {
    if (std::isinf(current_.rate)) break;  // unlimited: everything at the segment start
    const double capacity = current_.rate * current_.seconds;
    if (target <= start_bytes_ + capacity || std::isinf(current_.seconds)) break;
    start_bytes_ += capacity;
    start_seconds_ += current_.seconds;
    if (start_seconds_ > 1e9) return kNever;  // a profile that (almost) never moves
    current_ = segment(++index_);
  }
  double at = start_seconds_;
  if (!std::isinf(current_.rate) && target > start_bytes_) {
    if (current_.rate <= 0) return kNever;
    at += (target - start_bytes_) / current_.rate;
  }
  if (at > 1e9) return kNever;  // beyond 30 years: never, for any practical run
  return std::chrono::nanoseconds(static_cast<std::int64_t>(std::ceil(at * 1e9)));
}

}  // namespace bp::harness
