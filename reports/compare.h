// compare: a run checked against a baseline run, scenario by scenario (matched by name), for
// `bpharness compare BASE NEW`.
//
// A scenario in both runs fails on any of these rules:
//   verdict  its verdict changed (in either direction: a leak that stops being detected is as
//            much a regression of the gate as a fix that starts leaking);
//   peak     its peak growth rose by more than `peak_rise` of the baseline's peak AND by more
//            than `peak_allowance` bytes. The allowance keeps tiny baselines from failing on
//            allocator noise (1 KiB -> 2 KiB is +100% but means nothing); the default, 256 KiB,
//            is half of the default noise floor below which a verdict never says "grows"
//            (docs/verdicts.md). A baseline peak at or below 0 counts as 0, so only the
//            allowance applies;
//   slope    its slope (retained bytes per input byte) rose by more than `slope_rise`, an
//            absolute amount: slopes of bounded runs sit near 0, so a relative rise would be
//            noise. Not checked when either slope is not a number.
// A scenario only in NEW is listed as added and never fails (a new test). One only in BASE is
// listed as missing and fails only when `fail_on_missing` is set: a shard or a subset run
// legitimately holds fewer scenarios than the whole baseline.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "reports/report.h"

namespace bp::reports {

struct CompareThresholds {
  double peak_rise = 0.10;
  std::uint64_t peak_allowance = 256 * 1024;
  double slope_rise = 0.05;
  bool fail_on_missing = false;
};

// What compare looks at in one report.
struct ComparedNumbers {
  std::string verdict;
  std::int64_t peak_growth = 0;
  double slope = 0;
};

struct ComparisonRow {
  std::string name;
  std::optional<ComparedNumbers> base;
  std::optional<ComparedNumbers> now;
  std::vector<std::string> failures;  // one sentence per broken rule, naming the rule first
};

struct Comparison {
  std::vector<ComparisonRow> rows;  // by name
  std::size_t failed = 0;           // rows with failures
};

Comparison compare_runs(std::span<const Report> base, std::span<const Report> now,
                        const CompareThresholds& thresholds);

// The table people read: per scenario the verdicts, the peaks and the slopes of both runs and
// their change, and its result ("ok", "FAIL", "added", "missing"); then one line per broken
// rule ("FAIL name: peak rose ..."), then "N compared, M failed" (N: the scenarios in both
// runs), with ", K added" and ", K missing" when there are any. Every line ends in '\n'.
std::string comparison_table(const Comparison& comparison);

}  // namespace bp::reports
