// Pacer: when, on the loop's clock, a source or sink following a rate profile has moved a
// given number of bytes.
//
// The profile is a sequence of segments of constant rate (bursts alternate `rate` and 0,
// stalls likewise, steps follow their list, jitter draws a seeded rate per period). due(n) is
// the earliest time since the start at which n bytes have gone through; kNever when the rate
// stays 0 forever. Queries must come with non-decreasing n: the pacer walks forward.
#pragma once

#include <chrono>
#include <cstdint>
#include <random>

#include "harness/scenario.h"

namespace bp::harness {

class Pacer {
 public:
  static constexpr std::chrono::nanoseconds kNever = std::chrono::nanoseconds::max();

  explicit Pacer(const RateProfile& profile);

  std::chrono::nanoseconds due(std::uint64_t bytes);
  bool unlimited() const;

 private:
  struct Segment {
    double seconds;  // length; infinity for the last, open-ended segment
    double rate;     // bytes per second
  };
  Segment segment(std::uint64_t index);

  RateProfile profile_;
  std::mt19937_64 rng_;
  std::uint64_t index_ = 0;     // current segment
  Segment current_{};
  double start_seconds_ = 0;    // when the current segment starts
  double start_bytes_ = 0;      // bytes moved before it
};

}  // namespace bp::harness
