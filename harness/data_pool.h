// DataPool: the bytes a scenario source produces, chosen by Source::data and seed.
//
// "log" is text that looks like a service's log (timestamps, levels, ids, paths, numbers),
// so compression stages see realistic ratios; "ndjson" is the same records as JSON, one object
// per line, each line padded with spaces to kNdjsonLine bytes, for stages that parse (a total
// that is a multiple of kNdjsonLine ends on a whole line); "zeros" and "random" are the
// extremes. The pool is generated once (1 MiB) and chunks are filled by copying from it at a
// moving offset, so producing data costs a memcpy, not a formatter call, per chunk.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "harness/scenario.h"
#include "streams/chunk.h"

namespace bp::harness {

inline constexpr std::size_t kNdjsonLine = 256;  // bytes per "ndjson" line, its newline included

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
