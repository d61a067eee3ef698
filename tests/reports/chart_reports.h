// Reports with samples, for the chart and HTML tests: a workload run by a leaky driver (heap
// rising with the input) or a bounded one (heap flat under its bound), with a source and a sink
// stage whose buffers are sampled.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>

#include "reports/report.h"

namespace bp::reports::testing {

inline constexpr std::uint64_t kChartBound = 320 * 1024;

// `samples` samples over 256 MiB of input; a leak keeps 90% of its input (mostly in the sink's
// buffer), a fix stays between 16 and 48 KiB.
inline Report chart_report(const std::string& name, std::size_t samples, bool leak) {
  Report r;
  r.name = name;
  r.driver = leak ? "for-await-ignore" : "await-drain";
  r.clock = "virtual";
  r.expected = leak ? "grows" : "bounded";
  r.verdict = r.expected;
  r.pass = true;
  r.reason = leak ? "heap grew 0.9 bytes per input byte" : "heap stayed within its bound";
  r.scenario = {{"version", 1},
                {"name", name},
                {"driver", r.driver},
                {"expect", {{"memory", r.expected}}},
                {"source", {{"chunk", "16KiB"}, {"total", "256MiB"}, {"rate", "640MiB/s"}}},
                {"sink", {{"rate", "64MiB/s"}}}};
  r.heap.bound = kChartBound;
  r.heap.tolerance = 2;
  r.heap.slope_threshold = 0.005;
  r.heap.noise_floor = 512 * 1024;
  r.heap.ceiling = 512 * 1024 * 1024;
  r.heap.slope = leak ? 0.9 : 0;
  r.stages = {{.name = "source", .kind = "source", .readable_high_water_mark = 16384},
              {.name = "sink", .kind = "sink", .writable_high_water_mark = 16384}};
  const std::uint64_t total = 256ull * 1024 * 1024;
  for (std::size_t i = 0; i < samples; ++i) {
    const std::uint64_t input = samples == 1 ? total : total * i / (samples - 1);
    const std::uint64_t held = leak ? input / 10 * 9 : 16384 + (i % 3) * 16384;
    r.samples.push_back({.time_ms = static_cast<double>(i),
                         .input_bytes = input,
                         .output_bytes = input - held,
                         .heap = static_cast<std::int64_t>(held + 4096),
                         .buffered = {16384, held}});
    r.heap.peak_growth = std::max<std::int64_t>(r.heap.peak_growth, r.samples.back().heap);
  }
  r.heap.growth_over_bound =
      static_cast<double>(r.heap.peak_growth) / static_cast<double>(kChartBound);
  r.input_bytes = total;
  r.output_bytes = total;
  r.samples_taken = samples;
  return r;
}

}  // namespace bp::reports::testing
