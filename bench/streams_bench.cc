// streams_bench: chunks per second through pipeline(source, k × PassThrough, sink), the
// pipeline of bench/pipeline_shape.h (the shapes of bench/node/pipeline-bench.js, so the two run
// side by side). One benchmark iteration is one whole pipeline of kChunks chunks.
// Items are chunks: items_per_second is chunks per second of CPU time (robust on a shared
// machine, and what the Node script reports first); wall_chunks_per_s is per wall second.
//
//   build-bench/bench/streams_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only
// bench/run-all.sh runs it shape by shape next to bench/node/pipeline-bench.js.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>
#include <cstring>

#include "bench/pipeline_shape.h"
#include "streams/chunk.h"

namespace {

// Chunks per pipeline run; bench/node/pipeline-bench.js uses the same count.
constexpr std::int64_t kChunks = 1'000'000;

void BM_Pipeline(benchmark::State& state) {
  const int stages = static_cast<int>(state.range(0));
  const auto size = static_cast<std::size_t>(state.range(1));
  bp::Chunk chunk = bp::Chunk::allocate(size);
  std::memset(chunk.data(), 'a', size);
  double wall_seconds = 0;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    bp::bench::run_pipeline(chunk, stages, kChunks);
    wall_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }
  state.SetItemsProcessed(state.iterations() * kChunks);  // per CPU second
  state.counters["wall_chunks_per_s"] =
      static_cast<double>(state.iterations() * kChunks) / wall_seconds;
  state.counters["k"] = stages;
  state.counters["chunk_bytes"] = static_cast<double>(size);
}

// Args: {k PassThroughs, chunk bytes}.
BENCHMARK(BM_Pipeline)
    ->ArgNames({"k", "chunk"})
    ->Args({0, 64})
    ->Args({1, 64})
    ->Args({4, 64})
    ->Args({0, 64 << 10})
    ->Args({1, 64 << 10})
    ->Args({4, 64 << 10})
    ->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
