// The progress line a terminal shows while scenarios run: a bar, a count, and the scenario in
// progress. A pure function: the caller decides when to draw (only on a terminal), writes "\r"
// before the line and "\x1b[K" after it to clear what a longer line left, and "\n" (or a clear)
// when the run is over. No threads, no timers, no colour.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace bp::reports {

// "[=========>          ] 7/16 pipeline-slow-sink", at most `width` characters (the
// terminal's width): the name is cut with "..." to fit, and the bar is left out when even a
// short one would not fit. `done` above `total` counts as `total`. ASCII only; control
// characters in `current` are shown as '?'.
std::string progress_line(std::size_t done, std::size_t total, std::string_view current,
                          std::size_t width = 80);

}  // namespace bp::reports
