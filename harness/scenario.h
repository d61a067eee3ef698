// A scenario, version 1: one source, zero or more stages, one sink, the driver that moves data
// between them, how to sample and when to stop, and what the memory is expected to do.
//
// Plain values with every default filled in, produced by parse_scenario() (scenario_parser.h)
// only when the file had no problem at all; docs/scenarios.md is the user's description of each
// field, and schemas/scenario.schema.json the editor's. Sizes are bytes (uint64), durations are
// std::chrono::nanoseconds, rates are bytes per second as a double with kUnlimited (infinity)
// for no limit. A high-water mark counts bytes, or objects when that side is in object mode, and
// is nullopt where the scenario leaves Node's default (16 KiB, or 16 objects).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/units.h"

namespace bp::harness {

using std::chrono::nanoseconds;

inline constexpr int kScenarioVersion = 1;
// More would be a mistake, not an experiment; the limits keep validation fast on any input.
inline constexpr std::size_t kMaxStages = 1000;
inline constexpr std::size_t kMaxFaults = 1000;
// What a file source reads at a time unless its highWaterMark says otherwise: Node's 64 KiB.
inline constexpr std::uint64_t kFileReadChunk = 64 * 1024;

enum class ClockKind { virtual_time, real_time };  // "virtual", "real"
enum class DataKind { log, ndjson, zeros, random };
enum class StageKind { passthrough, expand, shrink, cost, batch, gzip, gunzip, retain, custom };
enum class Driver { pipeline, pipe, await_drain, for_await_ignore, on_data_ignore, push_ignore };
enum class Verdict { bounded, grows, stalled, error };
enum class FaultKind { error, destroy, destroy_no_error };
enum class FaultTarget { source, stage, sink };
enum class RateProfileKind { constant, bursts, steps, stalls, jitter };

// The spellings used in scenario files: Driver::await_drain → "await-drain".
std::string_view to_string(ClockKind kind);
std::string_view to_string(DataKind kind);
std::string_view to_string(StageKind kind);  // StageKind::custom → "custom"
std::string_view to_string(Driver driver);
std::string_view to_string(Verdict verdict);
std::string_view to_string(FaultKind kind);
std::string_view to_string(RateProfileKind kind);

struct RateStep {
  double rate = kUnlimited;  // bytes/s
  nanoseconds duration{};    // > 0

  friend bool operator==(const RateStep&, const RateStep&) = default;
};

// How fast a source produces or a sink consumes, over the run's clock. Which fields matter
// depends on `kind`; the others keep their defaults.
//   constant: `rate` throughout.
//   bursts:   `rate` for `on`, then nothing for `off`, repeated.
//   steps:    each step's rate for its duration, in order; then the last rate holds, or the
//             sequence starts again when `repeat`.
//   stalls:   `rate`, except that every `every` it stops for `stall` (stall < every).
//   jitter:   every `every`, a new rate drawn uniformly from rate × [1 − spread, 1 + spread]
//             with a generator seeded by `seed`.
struct RateProfile {
  RateProfileKind kind = RateProfileKind::constant;
  double rate = kUnlimited;     // bytes/s; constant, bursts, stalls, jitter
  nanoseconds on{};             // bursts
  nanoseconds off{};            // bursts
  std::vector<RateStep> steps;  // steps
  bool repeat = false;          // steps
  nanoseconds every{};          // stalls: the period; jitter: how often the rate changes
  nanoseconds stall{};          // stalls
  double spread = 0;            // jitter, in [0, 1]
  std::uint64_t seed = 1;       // jitter

  // The rate is 0 and stays 0: a constant 0 profile.
  bool never_moves() const { return kind == RateProfileKind::constant && rate == 0; }

  friend bool operator==(const RateProfile&, const RateProfile&) = default;
};

// A generated source, or (real clock only) a file read as Node's createReadStream reads it:
// then `file` is set, the chunks are the read size (highWaterMark, 64 KiB by default) and
// `total` is the file's size, known once it has been read.
struct Source {
  std::string file;                 // as written; relative to the scenario file's folder
  std::uint64_t chunk = 64 * 1024;  // bytes per chunk (per object in object mode); default min(64KiB, total)
  std::uint64_t total = 0;          // bytes produced over the run; required
  RateProfile rate;                 // default unlimited
  std::optional<std::uint64_t> high_water_mark;
  bool object_mode = false;
  std::uint64_t seed = 1;
  DataKind data = DataKind::log;

  friend bool operator==(const Source&, const Source&) = default;
};

struct Stage {
  StageKind kind = StageKind::passthrough;
  std::string kind_name;  // as written: "gzip", or the registered name of a custom kind
  std::string name;       // unique among stages; default kind_name + index, e.g. "gzip2"
  // As in Node: highWaterMark, when given, sets both sides (and then the other two are absent).
  std::optional<std::uint64_t> high_water_mark;
  std::optional<std::uint64_t> readable_high_water_mark;
  std::optional<std::uint64_t> writable_high_water_mark;

  double ratio = 1;                                     // expand (> 1), shrink (in (0, 1))
  std::chrono::duration<double, std::nano> per_byte{};  // cost: time spent per input byte
  std::uint64_t count = 1;                              // batch: chunks per output chunk
  int level = 6;                                        // gzip: zlib level 0–9
  double fraction = 0;                                  // retain: share of chunks kept, [0, 1]
  std::uint64_t seed = 1;                               // retain: which chunks
  nlohmann::json params;                                // custom: "params" as written, or null

  friend bool operator==(const Stage&, const Stage&) = default;
};

// A null sink that consumes at its rate, or (real clock only) a file written as Node's
// createWriteStream writes it.
struct Sink {
  bool to_file = false;
  std::string file;  // with to_file: as written, relative to the scenario file's folder;
                     // "" for a temporary file removed after the run
  RateProfile rate;  // default unlimited
  std::optional<std::uint64_t> high_water_mark;
  bool object_mode = false;  // default: the source's

  friend bool operator==(const Sink&, const Sink&) = default;
};

struct Sampling {
  nanoseconds every = std::chrono::milliseconds(10);  // of the loop's clock
  std::uint64_t every_bytes = 1024 * 1024;            // of input, at least this often

  friend bool operator==(const Sampling&, const Sampling&) = default;
};

struct Limits {
  std::uint64_t ceiling = std::uint64_t{1} << 30;                  // heap growth that stops the run
  std::optional<nanoseconds> timeout = std::chrono::seconds(120);  // wall clock; nullopt: "none"

  friend bool operator==(const Limits&, const Limits&) = default;
};

struct Expectation {
  Verdict memory = Verdict::bounded;
  std::optional<std::uint64_t> max_peak;  // bytes of heap growth
  std::optional<double> max_slope;        // retained bytes per input byte

  friend bool operator==(const Expectation&, const Expectation&) = default;
};

struct Thresholds {
  double tolerance = 2.0;                             // growth may reach bound × tolerance
  double slope = 0.005;                               // retained bytes per input byte that mean "grows"
  std::uint64_t noise_floor = 512 * 1024;             // growth below this never means "grows"
  nanoseconds stall_after = std::chrono::seconds(5);  // of the loop's clock without progress

  friend bool operator==(const Thresholds&, const Thresholds&) = default;
};

struct Fault {
  FaultTarget target = FaultTarget::stage;
  std::size_t stage = 0;  // index into Scenario::stages when target is FaultTarget::stage
  std::uint64_t at = 0;   // bytes of source output after which the fault fires; < total
  FaultKind kind = FaultKind::error;

  friend bool operator==(const Fault&, const Fault&) = default;
};

// An external program in place of stages and a driver (`bpharness exec`, or "program" in a
// scenario file, which runs only with --allow-exec): the source is written to its stdin, its
// stdout is read at the sink's rate, and its process tree's memory is sampled
// (harness/run_program.h).
struct Program {
  std::vector<std::string> argv;  // empty: the scenario has no program

  friend bool operator==(const Program&, const Program&) = default;
};

struct Scenario {
  std::string file;    // where it was read from; "" when parsed from a string
  std::string schema;  // "$schema" as written, or ""
  std::string name;    // [A-Za-z0-9][A-Za-z0-9._-]*, unique in a run; names the report files
  std::string description;
  ClockKind clock = ClockKind::virtual_time;
  Source source;
  std::vector<Stage> stages;
  Sink sink;
  Driver driver = Driver::pipeline;
  Sampling sampling;
  Limits limits;
  Expectation expect;
  Thresholds thresholds;
  std::vector<Fault> faults;
  Program program;

  friend bool operator==(const Scenario&, const Scenario&) = default;
};

// A path as the scenario wrote it, relative to the scenario file's folder (as given when the
// scenario came from no file).
std::string scenario_path(const Scenario& scenario, const std::string& path);

}  // namespace bp::harness
