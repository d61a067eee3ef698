#include "harness/topology.h"

#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "harness/stage_registry.h"
#include "harness/stages.h"
#include "streams/options.h"
#include "streams/uv_loop.h"

namespace bp::harness {

namespace {

std::optional<std::int64_t> as_hwm(const std::optional<std::uint64_t>& v) {
  if (!v) return std::nullopt;
  return static_cast<std::int64_t>(*v);
}

// Per buffered chunk, what the stream machinery adds besides the bytes: the queue entry
// with its callback, the deque's blocks.
constexpr std::uint64_t kPerChunkOverhead = 128;
// The harness's own state during a run (loop queues, timers, listeners): a small constant.
constexpr std::uint64_t kRunSlack = 256 * 1024;

// Chunks of `chunk` bytes in `units` of a buffer's length (objects in object mode), rounded up.
std::uint64_t chunks_in(std::uint64_t units, bool object_mode, std::size_t chunk) {
  if (object_mode) return units;
  chunk = std::max<std::size_t>(chunk, 1);
  return (units + chunk - 1) / chunk;
}

// What one buffer may hold under backpressure, in chunks: it accepts data until its length
// reaches the high-water mark, so at most hwm − 1 units plus one more chunk.
std::uint64_t max_chunks(std::size_t hwm_units, bool object_mode, std::size_t chunk) {
  return chunks_in(hwm_units, object_mode, chunk) + 1;
}

// The heap that `chunks` buffered chunks of `chunk` bytes take.
std::uint64_t footprint(std::uint64_t chunks, std::size_t chunk) {
  return chunks * (chunk_allocation(std::max<std::size_t>(chunk, 1)) + kPerChunkOverhead);
}

std::uint64_t buffer_bound(std::size_t hwm_units, bool object_mode, std::size_t chunk) {
  return footprint(max_chunks(hwm_units, object_mode, chunk), chunk);
}

// The heap a buffer of `length` units takes, counting no more than backpressure lets in.
std::uint64_t held_within_bound(std::uint64_t length, std::size_t hwm_units, bool object_mode,
                                std::size_t chunk) {
  const std::uint64_t held = chunks_in(length, object_mode, chunk);
  return footprint(std::min(held, max_chunks(hwm_units, object_mode, chunk)), chunk);
}

}  // namespace

namespace {
std::uint64_t size_class(std::uint64_t n) {
  if (n <= 16) return 16;
  // Four size classes per doubling: round up to a multiple of a quarter of the power of two
  // below n.
  std::uint64_t pow = 1;
  while (pow * 2 < n) pow *= 2;
  const std::uint64_t step = std::max<std::uint64_t>(pow / 4, 16);
  return (n + step - 1) / step * step;
}
}  // namespace

std::uint64_t chunk_allocation(std::size_t size) {
  // The bytes and the chunk's header, each rounded to its size class (an upper bound for the
  // small chunks that share one allocation with their header).
  return size_class(size) + size_class(Chunk::footprint(0));
}

namespace {

UvLoop& real_loop(Loop& loop) {
  auto* uv = dynamic_cast<UvLoop*>(&loop);
  if (!uv) throw std::runtime_error("files need the real clock (\"clock\": \"real\")");
  return *uv;
}

// A temporary file that has no name from the start: its descriptor is all there is of it, so
// the kernel frees it when the process ends, even when the runner kills the process at a
// timeout or on Ctrl-C and no destructor runs.
int make_temp_file() {
  std::string pattern = (std::filesystem::temp_directory_path() / "bpharness-sink-XXXXXX").string();
  const int fd = ::mkstemp(pattern.data());
  if (fd < 0) throw std::runtime_error("cannot create a temporary file for the sink in " + pattern);
  ::unlink(pattern.c_str());
  return fd;
}

}  // namespace

Topology::Topology(Loop& loop, const Scenario& scenario, bool source_ignores_push) {
  const bool object_mode = scenario.source.object_mode;
  const std::size_t chunk = static_cast<std::size_t>(scenario.source.chunk);

  StreamOptions source_options;
  source_options.object_mode = object_mode;
  source_options.high_water_mark = as_hwm(scenario.source.high_water_mark);
  if (scenario.source.file.empty()) {
    auto made = std::make_unique<SourceStream>(loop, scenario.source, source_options, source_ignores_push);
    generated_ = made.get();
    source_ = std::move(made);
  } else {
    auto made = std::make_unique<FileReadStream>(real_loop(loop), scenario_path(scenario, scenario.source.file),
                                                 source_options);
    file_source_ = made.get();
    source_ = std::move(made);
  }
  nodes_.push_back({"source", "source", source_.get(), source_.get(), nullptr, object_mode, 0,
                    chunk, 0});
  bound_ += buffer_bound(source_->readable_high_water_mark(), object_mode, chunk);

  std::size_t in = chunk;
  for (const Stage& st : scenario.stages) {
    StreamOptions o;
    o.object_mode = object_mode;
    o.high_water_mark = as_hwm(st.high_water_mark);
    o.readable_high_water_mark = as_hwm(st.readable_high_water_mark);
    o.writable_high_water_mark = as_hwm(st.writable_high_water_mark);
    const StageContext ctx{loop, st, o, in};
    std::unique_ptr<Duplex> made;
    StageFootprint fp;
    if (st.kind == StageKind::custom) {
      const StageType* type = StageRegistry::global().find(st.kind_name);
      if (!type) throw std::runtime_error("no stage kind '" + st.kind_name + "' is registered");
      made = type->make(ctx);
      fp = {static_cast<std::size_t>(static_cast<double>(in) * type->size_ratio), 0};
    } else {
      made = make_builtin_stage(ctx);
      fp = builtin_footprint(st, in, dynamic_cast<UvLoop*>(&loop) != nullptr);
    }
    if (st.kind == StageKind::batch) fp.fixed += st.count * chunk_allocation(in);
    Duplex& d = *made;
    nodes_.push_back({st.name, st.kind_name, &d, &d, &d, object_mode, in, fp.output_chunk, fp.fixed});
    bound_ += buffer_bound(d.writable_high_water_mark(), object_mode, in);
    bound_ += buffer_bound(d.readable_high_water_mark(), object_mode, fp.output_chunk);
    bound_ += chunk_allocation(in) + chunk_allocation(fp.output_chunk) + fp.fixed;  // held + in transit
    stages_.push_back(std::move(made));
    in = std::max<std::size_t>(fp.output_chunk, 1);
  }

  StreamOptions sink_options;
  sink_options.object_mode = scenario.sink.object_mode;
  sink_options.high_water_mark = as_hwm(scenario.sink.high_water_mark);
  if (!scenario.sink.to_file) {
    auto made = std::make_unique<SinkStream>(loop, scenario.sink, sink_options);
    null_sink_ = made.get();
    sink_ = std::move(made);
  } else {
    if (scenario.sink.file.empty()) temp_sink_fd_ = make_temp_file();
    // The sink opens the nameless file again through the process's link to its descriptor.
    const std::string path = temp_sink_fd_ < 0 ? scenario_path(scenario, scenario.sink.file)
                                               : "/proc/self/fd/" + std::to_string(temp_sink_fd_);
    auto made = std::make_unique<FileWriteStream>(real_loop(loop), path, sink_options);
    file_sink_ = made.get();
    sink_ = std::move(made);
  }
  nodes_.push_back({"sink", "sink", sink_.get(), nullptr, sink_.get(), scenario.sink.object_mode,
                    in, 0, 0});
  bound_ += buffer_bound(sink_->writable_high_water_mark(), scenario.sink.object_mode, in);
  bound_ += kRunSlack;
}

Topology::~Topology() {
  if (temp_sink_fd_ >= 0) ::close(temp_sink_fd_);
}

std::uint64_t Topology::produced() const {
  return generated_ ? generated_->produced() : file_source_->bytes_read();
}

std::uint64_t Topology::completed() const {
  return null_sink_ ? null_sink_->completed() : file_sink_->bytes_written();
}

Readable& Topology::last_readable() {
  if (stages_.empty()) return *source_;
  return *stages_.back();
}

std::vector<Stream*> Topology::chain() {
  std::vector<Stream*> out;
  out.push_back(source_.get());
  for (auto& s : stages_) out.push_back(s.get());
  out.push_back(sink_.get());
  return out;
}

std::uint64_t Topology::buffered(std::size_t i) const {
  const TopologyNode& n = nodes_[i];
  std::uint64_t total = 0;
  if (n.readable) {
    const std::uint64_t len = n.readable->readable_length();
    total += n.object_mode ? len * n.output_chunk : len;
  }
  if (n.writable) {
    const std::uint64_t len = n.writable->writable_length();
    total += n.object_mode ? len * n.input_chunk : len;
  }
  return total;
}

std::uint64_t Topology::held_within_bounds(std::size_t i) const {
  const TopologyNode& n = nodes_[i];
  std::uint64_t total = 0;
  if (n.readable) {
    total += held_within_bound(n.readable->readable_length(), n.readable->readable_high_water_mark(),
                               n.object_mode, n.output_chunk);
  }
  if (n.writable) {
    total += held_within_bound(n.writable->writable_length(), n.writable->writable_high_water_mark(),
                               n.object_mode, n.input_chunk);
  }
  return total;
}

}  // namespace bp::harness
