// DataPool: the bytes a scenario source produces, chosen by Source::data and seed.
//
// "log" is text that looks like a service's log (timestamps, levels, ids, paths, numbers),
// so compression stages see realistic ratios; "ndjson" is the same records as JSON, one object
// per line, for stages that parse; "zeros" and "random" are the extremes. The pool is
// generated once (1 MiB; a little more for "ndjson", which ends on a whole line) and chunks
// are filled by copying from it at a moving offset, so producing data costs a memcpy, not a
// formatter call, per chunk.
#pragma once

#include <cstdint>
#include <vector>

#include "harness/scenario.h"
#include "streams/chunk.h"

namespace bp::harness {

class DataPool {
 public:
  DataPool(DataKind kind, std::uint64_t seed);

  // A new chunk of `size` bytes: the next bytes of the endless data stream.
  Chunk next(std::size_t size);

 private:
  std::vector<char> pool_;
  std::size_t offset_ = 0;
};

}  // namespace bp::harness
