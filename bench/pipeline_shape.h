// The pipeline that the streams benchmarks measure, shared by streams_bench (chunks per second)
// and streams_instructions (instructions per chunk, under callgrind):
//   - the source is a Readable whose _read pushes one preallocated chunk (the same Chunk,
//     shared by reference count, as Node pushes the same Buffer) until push() returns false
//     or `count` chunks are out, then pushes EOF;
//   - k PassThrough stages with default options (16 KiB high-water marks);
//   - the sink is a Writable whose _write calls its callback at once (synchronously);
//   - one run is one whole pipeline on a fresh SimLoop, from the pipeline() call until its
//     callback has run and the loop is idle.
// These are the shapes of bench/node/pipeline-bench.js, so the C++ and Node numbers compare.
#pragma once

#include <cstdint>

#include "streams/chunk.h"

namespace bp::bench {

// Runs `count` chunks of the shared `chunk` through `stages` PassThroughs; throws
// std::runtime_error unless every chunk arrived and the pipeline completed cleanly.
void run_pipeline(const Chunk& chunk, int stages, std::int64_t count);

}  // namespace bp::bench
