// Topology: the streams of one scenario — source → stages → sink — built on a loop, with
// what the sampler and the bound need to know about each of them.
//
// The topology owns every stream. Drivers connect them (harness/drivers.h); the topology only
// creates them with the scenario's high-water marks and object modes. bound() is the
// theoretical bound of docs/verdicts.md: what all buffers together may hold when every
// stream honours backpressure. A generated source and a null sink run on any loop; a file
// source or sink needs the real one (UvLoop), and so do gzip stages there (compression moves
// to libuv's thread pool).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "harness/scenario.h"
#include "harness/sink_stream.h"
#include "harness/source_stream.h"
#include "streams/duplex.h"
#include "streams/file_read_stream.h"
#include "streams/file_write_stream.h"

namespace bp::harness {

// One stream of the topology as the sampler and the report see it.
struct TopologyNode {
  std::string name;
  std::string kind;
  Stream* stream = nullptr;
  Readable* readable = nullptr;  // its readable side, if any
  Writable* writable = nullptr;  // its writable side, if any
  bool object_mode = false;
  std::size_t input_chunk = 0;   // bytes per chunk arriving (per object in object mode)
  std::size_t output_chunk = 0;  // bytes per chunk leaving
  std::size_t fixed = 0;         // state besides its buffers (zlib tables)
};

class Topology {
 public:
  Topology(Loop& loop, const Scenario& scenario, bool source_ignores_push);
  ~Topology();

  Readable& source() { return *source_; }
  Writable& sink() { return *sink_; }
  // The generated source, or null when the source is a file.
  SourceStream* generated_source() { return generated_; }
  // Bytes the source has produced and the sink has completed so far.
  std::uint64_t produced() const;
  std::uint64_t completed() const;
  Duplex& stage(std::size_t i) { return *stages_[i]; }
  std::size_t stage_count() const { return stages_.size(); }
  // The readable whose output reaches the sink: the last stage, or the source.
  Readable& last_readable();
  // source, stages..., sink: the argument of pipeline().
  std::vector<Stream*> chain();

  const std::vector<TopologyNode>& nodes() const { return nodes_; }
  // Bytes held by node i's buffers now (both sides).
  std::uint64_t buffered(std::size_t i) const;
  // The heap node i's buffers take now, counting no more than backpressure lets into each: a
  // buffer filling up to its high-water mark explains heap growth, one filled past it does not.
  std::uint64_t held_within_bounds(std::size_t i) const;
  std::uint64_t bound() const { return bound_; }

 private:
  std::unique_ptr<Readable> source_;
  SourceStream* generated_ = nullptr;
  FileReadStream* file_source_ = nullptr;
  std::vector<std::unique_ptr<Duplex>> stages_;
  std::unique_ptr<Writable> sink_;
  SinkStream* null_sink_ = nullptr;
  FileWriteStream* file_sink_ = nullptr;
  int temp_sink_fd_ = -1;  // the sink's temporary file, nameless, closed with the topology
  std::vector<TopologyNode> nodes_;
  std::uint64_t bound_ = 0;
};

// The allocator's footprint of one chunk of `size` bytes and its header, each rounded up to the
// size class of an allocator with four classes per power of two (jemalloc).
std::uint64_t chunk_allocation(std::size_t size);

}  // namespace bp::harness
