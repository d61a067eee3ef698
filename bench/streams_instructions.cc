// streams_instructions K COUNT [CHUNK_BYTES]: runs the benchmark's pipeline (bench/pipeline_shape.h)
// once, with K PassThroughs and COUNT chunks (64 bytes unless given). Under callgrind, the
// instructions of a run with COUNT chunks less those of a run with none, divided by COUNT, are
// the instructions per chunk that bench/RESULTS.md quotes: a count that load does not change.
// bench/streams-instructions.sh does the arithmetic.
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <string_view>

#include "bench/pipeline_shape.h"

namespace {

// A whole decimal number in [min, max], or nothing.
bool parse(std::string_view text, std::int64_t min, std::int64_t max, std::int64_t& out) {
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), out);
  return error == std::errc() && end == text.data() + text.size() && out >= min && out <= max;
}

}  // namespace

int main(int argc, char** argv) {
  std::int64_t stages = 0;
  std::int64_t count = 0;
  std::int64_t size = 64;
  if (argc < 3 || argc > 4 || !parse(argv[1], 0, 64, stages) || !parse(argv[2], 0, INT64_MAX, count) ||
      (argc == 4 && !parse(argv[3], 1, std::int64_t{1} << 30, size))) {
    std::fprintf(stderr,
                 "usage: streams_instructions K COUNT [CHUNK_BYTES]\n"
                 "  K: PassThroughs, 0 to 64; COUNT: chunks, 0 or more; CHUNK_BYTES: 1 to 1073741824\n");
    return 2;
  }
  bp::Chunk chunk = bp::Chunk::allocate(static_cast<std::size_t>(size));
  std::memset(chunk.data(), 'a', static_cast<std::size_t>(size));
  try {
    bp::bench::run_pipeline(chunk, static_cast<int>(stages), count);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "streams_instructions: %s\n", e.what());
    return 1;
  }
  return 0;
}
