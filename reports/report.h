// Report: everything one scenario run produced, as plain data. The harness fills it; the
// writers in reports/ (JSON, console, JUnit, HTML) only read it. Nothing here knows how a
// scenario runs. docs/verdicts.md explains each heap number.
//
// Units: bytes are integers; times are milliseconds as doubles; the slope is retained heap
// bytes per input byte (dimensionless).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace bp::reports {

inline constexpr int kReportFormatVersion = 1;

// One heap sample on the loop's clock.
struct Sample {
  double time_ms = 0;              // loop time since the run started (virtual or real)
  std::uint64_t input_bytes = 0;   // bytes the source has produced so far
  std::uint64_t output_bytes = 0;  // bytes the sink has consumed so far
  std::int64_t heap = 0;           // live heap of the run over the baseline, in bytes
  std::uint64_t resident = 0;      // process resident bytes (0 when unknown)
  std::vector<std::uint64_t> buffered;  // per stage, aligned with Report::stages: bytes held

  friend bool operator==(const Sample&, const Sample&) = default;
};

// A line of code that wrote while a 'drain' was owed, and how often.
struct ViolationSite {
  std::string stream;  // the stream written to
  std::string file;
  std::uint32_t line = 0;
  std::string function;
  std::uint64_t count = 0;

  friend bool operator==(const ViolationSite&, const ViolationSite&) = default;
};

// Code that allocated memory the run held, from jemalloc's sampled heap profile.
struct AllocationSite {
  std::string function;     // demangled, from the symbol table of its executable or library
  std::uint64_t bytes = 0;  // estimated live bytes it had allocated, at the capture
  double share = 0;         // of all the live bytes sampled then

  friend bool operator==(const AllocationSite&, const AllocationSite&) = default;
};

// One buffer-holding stream of the topology: the source, each stage, the sink.
struct StageReport {
  std::string name;  // "source", a stage's name, "sink"
  std::string kind;  // "source", "passthrough", "gzip", ..., "sink"
  std::uint64_t readable_high_water_mark = 0;  // 0 when the stream has no readable side
  std::uint64_t writable_high_water_mark = 0;  // 0 when it has no writable side
  bool object_mode = false;
  std::uint64_t peak_buffered = 0;  // bytes, over the samples
  std::uint64_t drains = 0;         // 'drain' events on its writable side
  std::uint64_t violations = 0;     // writes made while it owed a 'drain'

  friend bool operator==(const StageReport&, const StageReport&) = default;
};

// The numbers behind the verdict (docs/verdicts.md).
struct HeapNumbers {
  std::int64_t baseline = 0;          // live heap when the run started (absolute, bytes)
  std::int64_t peak_growth = 0;       // max(heap sample) over the baseline
  std::int64_t final_growth = 0;      // heap over the baseline after the run was torn down
  std::uint64_t bound = 0;            // theoretical bound from the configuration
  double growth_over_bound = 0;       // peak_growth / bound
  double tolerance = 0;               // allowed growth_over_bound
  double slope = 0;                   // Theil–Sen slope of unexplained heap vs input, whole run
  double slope_second_half = 0;       // the same over the second half of the input
  double intercept = 0;               // of the whole-run fit, bytes
  double slope_threshold = 0;         // slope above which memory "grows"
  std::uint64_t noise_floor = 0;      // growth below which memory never "grows"
  std::uint64_t ceiling = 0;          // growth that stops the run
  bool ceiling_hit = false;
  std::optional<bool> returned_to_baseline;  // after an error: did cleanup free the heap?

  friend bool operator==(const HeapNumbers&, const HeapNumbers&) = default;
};

struct ToolInfo {
  std::string version;    // bpharness version
  std::string allocator;  // "jemalloc 5.3.0-0-g…", "sanitizer", or "none"
  std::string host;
  std::string os;
  unsigned cpus = 0;

  friend bool operator==(const ToolInfo&, const ToolInfo&) = default;
};

// What `exec` adds: the program that ran and how it ended.
struct ProgramReport {
  std::vector<std::string> argv;
  std::int64_t pid = 0;
  std::optional<int> exit_code;    // when it exited
  std::optional<int> exit_signal;  // when a signal ended it
  // Why bpharness ended it, when it did: "timeout", "ceiling", "stalled", "interrupted",
  // "error" (the harness failed); absent when it ended on its own.
  std::optional<std::string> stopped;
  std::uint64_t peak_rss = 0;    // Σ VmHWM over its process tree, the highest seen, bytes
  std::string stderr_tail;       // the last bytes it wrote to stderr (kStderrTail at most)

  friend bool operator==(const ProgramReport&, const ProgramReport&) = default;
};

inline constexpr std::size_t kStderrTail = 4096;

struct Report {
  int format_version = kReportFormatVersion;
  std::string name;
  std::string file;  // the scenario file
  std::string description;
  nlohmann::json scenario;  // the scenario as run, every default filled in
  std::string driver;
  std::string clock;     // "virtual" or "real"
  std::string expected;  // the expected verdict
  std::string verdict;   // bounded | grows | stalled | error
  bool pass = false;
  std::string reason;                 // one sentence: why this verdict
  std::vector<std::string> failures;  // each expectation that was not met
  std::optional<std::string> error;   // the pipeline's error ("CODE: message"), if any
  std::optional<int> signal;          // the signal that killed the scenario's process
  std::optional<ProgramReport> program;  // `exec` runs only
  HeapNumbers heap;
  std::uint64_t input_bytes = 0;
  std::uint64_t output_bytes = 0;
  std::vector<StageReport> stages;
  std::vector<ViolationSite> violations;
  // For a grows verdict: who allocated what the heap held when it passed the bound (or at the
  // end of the run), when jemalloc could profile; most bytes first, at most kMaxSites.
  std::vector<AllocationSite> allocation_sites;
  std::vector<Sample> samples;  // decimated to at most kMaxSamples
  std::uint64_t samples_taken = 0;
  double virtual_ms = 0;
  double wall_ms = 0;
  ToolInfo tool;

  friend bool operator==(const Report&, const Report&) = default;
};

inline constexpr std::size_t kMaxSamples = 2000;
inline constexpr std::size_t kMaxSites = 5;

// The whole run: one line per scenario, and the totals the exit code comes from.
struct SummaryEntry {
  std::string name;
  std::string verdict;
  std::string expected;
  bool pass = false;
  std::string report;  // the report file, relative to the summary
  double wall_ms = 0;

  friend bool operator==(const SummaryEntry&, const SummaryEntry&) = default;
};

struct Summary {
  int format_version = kReportFormatVersion;
  std::string started;  // ISO 8601 UTC
  double wall_ms = 0;
  std::vector<SummaryEntry> scenarios;
  std::size_t passed = 0;
  std::size_t failed = 0;
  bool interrupted = false;
  ToolInfo tool;

  friend bool operator==(const Summary&, const Summary&) = default;
};

}  // namespace bp::reports
