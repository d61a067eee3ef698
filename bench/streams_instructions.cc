// streams_instructions K COUNT [CHUNK_BYTES]: runs the benchmark's pipeline (bench/pipeline_shape.h)
// once, with K PassThroughs and COUNT chunks (64 bytes unless given). Under callgrind, the
// instructions of a run with COUNT chunks less those of a run with none, divided by COUNT, are
// the instructions per chunk that bench/RESULTS.md quotes: a count that load does not change.
// bench/streams-instructions.sh does the arithmetic.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>

#include "bench/pipeline_shape.h"

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4) {
    std::fprintf(stderr, "usage: streams_instructions K COUNT [CHUNK_BYTES]\n");
    return 2;
  }
  const int stages = std::atoi(argv[1]);
  const std::int64_t count = std::atoll(argv[2]);
  const std::size_t size = argc == 4 ? std::strtoull(argv[3], nullptr, 10) : 64;
  if (stages < 0 || count < 0 || size == 0) {
    std::fprintf(stderr, "streams_instructions: K and COUNT must be >= 0, CHUNK_BYTES > 0\n");
    return 2;
  }
  bp::Chunk chunk = bp::Chunk::allocate(size);
  std::memset(chunk.data(), 'a', size);
  try {
    bp::bench::run_pipeline(chunk, stages, count);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "streams_instructions: %s\n", e.what());
    return 1;
  }
  return 0;
}
