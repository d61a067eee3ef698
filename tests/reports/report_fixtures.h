// Reports and summaries for the tests: one with every field set to a value unlike its default
// (extremes included), and small ones for the console and JUnit tests.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>

#include "reports/report.h"

namespace bp::reports::testing {

inline std::filesystem::path source_dir() { return BP_SOURCE_DIR; }

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline ToolInfo full_tool() {
  return {.version = "0.1.0",
          .allocator = "jemalloc 5.3.0-0-g54eaed1d8b56",
          .host = "ci-runner-7",
          .os = "Linux 6.1.0-18-amd64",
          .cpus = 2};
}

// Every field differs from its default; tests/reports/report_json_test.cc checks that it does.
inline Report full_report() {
  Report r;
  r.name = "for-await-ignore-slow-sink";
  r.file = "scenarios/for-await-ignore-slow-sink.json";
  r.description = "The seed's leak: \"write()\" ignored,\nwith a tab\tand ünïcödé ✓.";
  r.scenario = {{"version", 1},
                {"name", "for-await-ignore-slow-sink"},
                {"source", {{"chunkSize", "64KiB"}, {"total", 1073741824}, {"jitter", 0.25}}},
                {"stages", nlohmann::json::array({{{"kind", "gzip"}, {"level", 6}}})},
                {"expect", {{"memory", "grows"}, {"maxSlope", 1.5}}},
                {"flags", {true, false, nullptr}}};
  r.driver = "for-await-ignore";
  r.clock = "real";
  r.expected = "bounded";
  r.verdict = "grows";
  r.pass = true;
  r.reason = "heap grew 0.9 bytes per input byte over 64 MiB of input";
  r.failures = {"verdict grows, expected bounded", "peak 12 MiB above maxPeak 1 MiB"};
  r.error = "ERR_STREAM_DESTROYED: Cannot call write after a stream was destroyed";
  r.signal = 9;
  r.program = ProgramReport{.argv = {"node", "transform.js", "--upper"},
                            .pid = 4242,
                            .exit_code = 0,
                            .exit_signal = 15,
                            .stopped = "ceiling",
                            .peak_rss = 73400320,
                            .stderr_tail = "warning: \u00e9 \x01 done\n"};
  r.heap = {.baseline = 123456789,
            .peak_growth = std::numeric_limits<std::int64_t>::max(),
            .final_growth = std::numeric_limits<std::int64_t>::min(),
            .bound = std::numeric_limits<std::uint64_t>::max(),
            .growth_over_bound = 12.833333333333334,
            .tolerance = 1.5,
            .slope = 0.1 + 0.2,
            .slope_second_half = 1e-300,
            .intercept = -2.5e10,
            .slope_threshold = 0.01,
            .noise_floor = 1048576,
            .ceiling = 1073741824,
            .ceiling_hit = true,
            .returned_to_baseline = false};
  r.input_bytes = 67108864;
  r.output_bytes = 6710886;
  r.stages = {
      {.name = "source",
       .kind = "source",
       .readable_high_water_mark = 16384,
       .writable_high_water_mark = 0,
       .object_mode = false,
       .peak_buffered = 16384,
       .drains = 0,
       .violations = 0},
      {.name = "zip",
       .kind = "gzip",
       .readable_high_water_mark = 16384,
       .writable_high_water_mark = 16384,
       .object_mode = true,
       .peak_buffered = 65536,
       .drains = 12,
       .violations = 3},
      {.name = "sink",
       .kind = "sink",
       .readable_high_water_mark = 0,
       .writable_high_water_mark = 16384,
       .object_mode = false,
       .peak_buffered = 12582912,
       .drains = 1,
       .violations = 1234},
  };
  r.violations = {
      {.stream = "sink",
       .file = "harness/drivers.cc",
       .line = 42,
       .function = "for_await_ignore",
       .count = 1234},
      {.stream = "zip",
       .file = "harness/drivers.cc",
       .line = 4294967295u,
       .function = "on_data_ignore",
       .count = 3},
  };
  r.allocation_sites = {
      {.function = "bp::harness::DataPool::next(unsigned long)", .bytes = 12058624, .share = 0.958},
      {.function = "bp::Writable::write_or_buffer(bp::Chunk&&, bp::Callback&&)", .bytes = 524288, .share = 0.0417},
  };
  r.samples = {
      {.time_ms = 0.5,
       .input_bytes = 65536,
       .output_bytes = 6553,
       .heap = -4096,
       .resident = 8388608,
       .buffered = {16384, 0, 58983}},
      {.time_ms = 1000.125,
       .input_bytes = 67108864,
       .output_bytes = 6710886,
       .heap = 12582912,
       .resident = 20971520,
       .buffered = {0, 65536, 12582912}},
  };
  r.samples_taken = 40000;
  r.virtual_ms = 10000.000000000002;
  r.wall_ms = 123.456;
  r.tool = full_tool();
  return r;
}

inline Summary full_summary() {
  Summary s;
  s.started = "2024-05-01T12:34:56Z";
  s.wall_ms = 12345.678;
  s.scenarios = {
      {.name = "pipeline-slow-sink",
       .verdict = "bounded",
       .expected = "bounded",
       .pass = true,
       .report = "pipeline-slow-sink.report.json",
       .wall_ms = 12.5},
      {.name = "for-await-ignore-slow-sink",
       .verdict = "grows",
       .expected = "bounded",
       .pass = false,
       .report = "for-await-ignore-slow-sink.report.json",
       .wall_ms = 340.25},
  };
  s.passed = 1;
  s.failed = 1;
  s.interrupted = true;
  s.tool = full_tool();
  return s;
}

// A scenario that met its expectation, with plain numbers.
inline Report passing_report() {
  Report r;
  r.name = "pipeline-slow-sink";
  r.driver = "pipeline";
  r.clock = "virtual";
  r.expected = "bounded";
  r.verdict = "bounded";
  r.pass = true;
  r.reason = "heap growth stayed within the bound and flattened";
  r.heap.peak_growth = 40 * 1024;
  r.heap.bound = 96 * 1024;
  r.heap.growth_over_bound = 40.0 / 96.0;
  r.heap.slope = 0.0001;
  r.samples_taken = 412;
  r.wall_ms = 12;
  return r;
}

// The seed's leak, caught where it was not expected.
inline Report failing_report() {
  Report r = full_report();
  r.pass = false;
  r.signal.reset();
  r.error.reset();
  r.heap.returned_to_baseline.reset();
  r.heap.ceiling_hit = false;
  r.heap.peak_growth = 1258291;  // 1.2 MiB
  r.heap.bound = 96 * 1024;
  r.heap.growth_over_bound = 1258291.0 / (96 * 1024);
  r.heap.slope = 0.9;
  r.wall_ms = 1234;
  return r;
}

}  // namespace bp::reports::testing
