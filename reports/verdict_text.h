// The sentences every writer shows for a report: its numbers against its bound, the verdict
// against the expectation, and, for a scenario that failed, where the memory went. Plain text:
// no colour, no indentation, no line ends; the console, JUnit and HTML writers decorate them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "reports/report.h"

namespace bp::reports {

// How a scenario ended, for writers that colour it: its expectation met; missed with a measured
// verdict (bounded, grows); or missed by a run that did not complete (stalled, error).
enum class Outcome { kMet, kMissed, kIncomplete };
Outcome outcome(const Report& report);

// A stage's high-water mark: "16 KiB", "16 objects" in object mode; its writable side's when
// it has one, else its readable side's; "" when it has neither.
std::string high_water_mark_text(const StageReport& stage);

// The sites, most writes first (ties in the order given).
std::vector<const ViolationSite*> sites_by_count(const std::vector<ViolationSite>& violations);

// Whether the report holds heap figures. A run that the runner had to end (a crash, a timeout,
// a missing report) has none: its numbers are zeros, not measurements, and no writer shows
// them as if they were.
bool measured(const Report& report);

// "peak +1.2 MiB / bound 96 KiB (12.8×)"; the ratio is left out when not finite.
std::string growth_vs_bound(const HeapNumbers& heap);

// "slope 0.9": retained heap bytes per input byte over the whole run.
std::string slope_text(const HeapNumbers& heap);

// growth_vs_bound and slope_text joined by `separator`, or "no heap figures: the run did not
// complete" for a report that was not measured.
std::string heap_text(const Report& report, std::string_view separator);

// "expected bounded, got grows: peak +1.2 MiB / bound 96 KiB (12.8×), slope 0.9".
std::string verdict_message(const Report& report);

// Why the scenario ended as it did, one line each, in this order, each line only when it has
// something to say: the reason; each unmet expectation ("unmet: ..."); the pipeline's error
// (unless the reason already says it, as the runner's does for a run it ended);
// the signal that killed the run; the ceiling; heap left over after an error; the stages
// that buffered the most at their peak (up to 3, largest first: "buffered at peak: sink 12 MiB
// (hwm 16 KiB), ..."); the lines that ignored backpressure (up to 5, most first:
// "backpressure ignored at: drivers.cc:42 ×1234 (sink), ..."); the code that allocated what
// the heap held (up to 3, most bytes first: "allocated at: bp::harness::DataPool::next(unsigned
// long) 141 MiB (99%), ...").
std::vector<std::string> failure_details(const Report& report);

}  // namespace bp::reports
