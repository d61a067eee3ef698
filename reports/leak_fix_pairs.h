// Leaks and their fixes: which reports ran the same workload, one with a driver that ignores
// backpressure and one that honours it, so that a page can show them side by side.
//
// The rule, from the reports alone: two reports ran the same workload when their `scenario`
// objects are equal once the keys that say nothing about the data flow are removed: "name",
// "description", "driver", "expect", "$schema", and "limits" (a ceiling only stops a runaway
// leak; it changes nothing while a run stays under it). Within one workload, the reports that
// expect "grows" are the leaks and those that expect "bounded" the fixes; each list is sorted
// by name and they are paired in that order (first leak with first fix, and so on). Leaks or
// fixes left over are not paired. Pairs come workload by workload, in the order of each
// workload's first report.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "reports/report.h"

namespace bp::reports {

struct LeakFixPair {
  std::size_t leak = 0;  // index into the reports given
  std::size_t fix = 0;

  friend bool operator==(const LeakFixPair&, const LeakFixPair&) = default;
};

std::vector<LeakFixPair> leak_fix_pairs(std::span<const Report> reports);

}  // namespace bp::reports
