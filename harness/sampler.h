// Sampler: heap samples taken while a scenario runs, on the loop's clock.
//
// take() records the live heap over the baseline, the bytes in and out, and what each
// topology node buffers. It allocates nothing: storage is reserved before the baseline is
// read, and when it fills up every other sample is dropped and only every second request is
// kept from then on (the stride doubles), so a run of any length ends with between half
// and all of kCapacity samples, evenly spread. Per-node peaks are tracked over every request,
// decimated or not.
#pragma once

#include <cstdint>
#include <vector>

#include "harness/heap_probe.h"
#include "harness/topology.h"
#include "reports/report.h"
#include "streams/loop.h"

namespace bp::harness {

class Sampler {
 public:
  static constexpr std::size_t kCapacity = 8192;

  Sampler(const HeapProbe& probe, const Topology& topology, const Loop& loop);

  // Reads the baseline: call once the topology is built and before data flows.
  void start();
  // Takes a sample (or counts the request, when decimating); returns the heap growth.
  std::int64_t take(std::uint64_t input_bytes, std::uint64_t output_bytes);

  std::int64_t baseline() const { return baseline_; }
  std::int64_t peak_growth() const { return peak_growth_; }
  std::uint64_t requests() const { return requests_; }
  std::uint64_t peak_buffered(std::size_t node) const { return peaks_[node]; }
  // Up to `max` samples, evenly chosen, as the report carries them.
  std::vector<reports::Sample> samples(std::size_t max) const;
  // For the verdict's fit, per sample taken while input was still flowing (up to the first
  // sample at the final input; after that, draining buffers says nothing about growth per
  // input byte): the input bytes, and the heap growth that the stream buffers do not explain —
  // growth minus what the buffers held within their high-water marks
  // (Topology::held_within_bounds). A deep buffer filling slowly is thus not a leak; a buffer
  // filled past its mark, or memory kept outside any buffer, is.
  void series(std::vector<double>& input, std::vector<double>& unexplained) const;

 private:
  struct Row {
    double time_ms;
    std::uint64_t input;
    std::uint64_t output;
    std::int64_t heap;
    std::int64_t held;  // Σ Topology::held_within_bounds
    std::uint64_t resident;
  };
  void decimate();

  const HeapProbe& probe_;
  const Topology& topology_;
  const Loop& loop_;
  std::size_t nodes_;
  Loop::Duration start_time_{};
  std::int64_t baseline_ = 0;
  std::int64_t peak_growth_ = 0;
  std::uint64_t requests_ = 0;
  std::uint64_t stride_ = 1;
  std::vector<Row> rows_;
  std::vector<std::uint64_t> buffered_;  // rows_.size() × nodes_
  std::vector<std::uint64_t> peaks_;
  std::uint64_t resident_ = 0;
};

}  // namespace bp::harness
