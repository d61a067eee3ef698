// ByteAxis: the scale of a chart axis that measures bytes, with ticks people can read.
//
// Ticks are whole multiples of a power of two (64 MiB, 128 MiB, 192 MiB, ...), since the
// buffers being drawn are sized in powers of two, and the step is chosen so that every tick's
// label (byte_tick_label) states its value exactly: 1.5 MiB, never a 1.25 MiB rounded to 1.2.
#pragma once

#include <string>
#include <vector>

namespace bp::reports {

struct ByteAxis {
  double low = 0;             // the first tick, at or below the smallest value
  double high = 0;            // the last tick, at or above the largest value
  std::vector<double> ticks;  // from low to high, one step apart
};

// The axis for values in [lo, hi], 0 always included, in at most 6 steps. Values beyond
// ±2^63 bytes are clipped to it and NaN counts as 0; a range narrower than 1 KiB is widened to
// 1 KiB, so that an empty chart still has an axis.
ByteAxis byte_axis(double lo, double hi);

// "0", "512 B", "64 MiB", "-1.5 KiB": format_bytes (reports/human_units.h) for a tick's value.
std::string byte_tick_label(double value);

}  // namespace bp::reports
