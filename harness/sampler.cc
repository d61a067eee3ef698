#include "harness/sampler.h"

#include <algorithm>
#include <chrono>

namespace bp::harness {

Sampler::Sampler(const HeapProbe& probe, const Topology& topology, const Loop& loop)
    : probe_(probe), topology_(topology), loop_(loop), nodes_(topology.nodes().size()) {
  rows_.reserve(kCapacity);
  buffered_.reserve(kCapacity * nodes_);
  peaks_.assign(nodes_, 0);
}

void Sampler::start() {
  start_time_ = loop_.now();
  resident_ = probe_.resident();
  baseline_ = probe_.live();
}

std::int64_t Sampler::take(std::uint64_t input_bytes, std::uint64_t output_bytes) {
  const std::int64_t growth = probe_.live() - baseline_;
  peak_growth_ = std::max(peak_growth_, growth);
  for (std::size_t i = 0; i < nodes_; ++i) peaks_[i] = std::max(peaks_[i], topology_.buffered(i));
  if (requests_++ % stride_ != 0) return growth;
  if (rows_.size() == kCapacity) decimate();
  if (rows_.size() % 64 == 0) resident_ = probe_.resident();  // an epoch refresh is not free
  const double ms = std::chrono::duration<double, std::milli>(loop_.now() - start_time_).count();
  std::uint64_t held = 0;
  for (std::size_t i = 0; i < nodes_; ++i) {
    buffered_.push_back(topology_.buffered(i));
    held += topology_.held_within_bounds(i);
  }
  rows_.push_back({ms, input_bytes, output_bytes, growth, static_cast<std::int64_t>(held), resident_});
  return growth;
}

void Sampler::decimate() {
  std::size_t kept = 0;
  for (std::size_t i = 0; i < rows_.size(); i += 2, ++kept) {
    rows_[kept] = rows_[i];
    std::copy_n(buffered_.begin() + static_cast<std::ptrdiff_t>(i * nodes_), nodes_,
                buffered_.begin() + static_cast<std::ptrdiff_t>(kept * nodes_));
  }
  rows_.resize(kept);
  buffered_.resize(kept * nodes_);
  stride_ *= 2;
}

std::vector<reports::Sample> Sampler::samples(std::size_t max) const {
  std::vector<reports::Sample> out;
  const std::size_t n = rows_.size();
  const std::size_t count = std::min(n, max);
  for (std::size_t k = 0; k < count; ++k) {
    const std::size_t i = count == 1 ? n - 1 : k * (n - 1) / (count - 1);
    const Row& r = rows_[i];
    reports::Sample s{r.time_ms, r.input, r.output, r.heap, r.resident, {}};
    s.buffered.assign(buffered_.begin() + static_cast<std::ptrdiff_t>(i * nodes_),
                      buffered_.begin() + static_cast<std::ptrdiff_t>((i + 1) * nodes_));
    out.push_back(std::move(s));
  }
  return out;
}

void Sampler::series(std::vector<double>& input, std::vector<double>& unexplained) const {
  std::uint64_t last = 0;
  for (const Row& r : rows_) last = std::max(last, r.input);
  for (const Row& r : rows_) {
    input.push_back(static_cast<double>(r.input));
    unexplained.push_back(static_cast<double>(r.heap - r.held));
    if (r.input == last) break;
  }
}

}  // namespace bp::harness
