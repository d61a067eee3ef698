// streams_bench: chunks per second through pipeline(source, k × PassThrough, sink).
//
// The shapes of bench/node/pipeline-bench.js, so the two run side by side:
//   - the source is a Readable whose _read pushes one preallocated chunk (the same Chunk,
//     shared by reference count, as Node pushes the same Buffer) until push() returns false
//     or kChunks chunks are out, then pushes EOF;
//   - k PassThrough stages with default options (16 KiB high-water marks);
//   - the sink is a Writable whose _write calls its callback at once (synchronously);
//   - one benchmark iteration is one whole pipeline of kChunks chunks on a fresh SimLoop,
//     from the pipeline() call until its callback has run and the loop is idle.
// Items are chunks: items_per_second is chunks per second of CPU time (robust on a shared
// machine, and what the Node script reports first); wall_chunks_per_s is per wall second.
//
//   build-bench/bench/streams_bench --benchmark_repetitions=5 --benchmark_report_aggregates_only
// bench/run-all.sh runs it shape by shape next to bench/node/pipeline-bench.js.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdint>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <vector>

#include "streams/chunk.h"
#include "streams/pipeline.h"
#include "streams/readable.h"
#include "streams/sim_loop.h"
#include "streams/transform.h"
#include "streams/writable.h"

namespace {

// Chunks per pipeline run; bench/node/pipeline-bench.js uses the same count.
constexpr std::int64_t kChunks = 1'000'000;

class RepeatSource final : public bp::Readable {
 public:
  RepeatSource(bp::Loop& loop, bp::Chunk chunk, std::int64_t count)
      : Stream(loop), Readable(loop), chunk_(std::move(chunk)), left_(count) {}

 protected:
  void _read(std::size_t) override {
    while (left_ > 0) {
      --left_;
      if (!push(chunk_)) return;
    }
    push_eof();
  }

 private:
  bp::Chunk chunk_;
  std::int64_t left_;
};

class InstantSink final : public bp::Writable {
 public:
  explicit InstantSink(bp::Loop& loop) : Stream(loop), Writable(loop) {}
  std::int64_t received() const { return received_; }

 protected:
  void _write(bp::Chunk, bp::Callback cb) override {
    ++received_;
    cb({});
  }

 private:
  std::int64_t received_ = 0;
};

// One pipeline of `count` chunks of the shared `chunk` through `stages` PassThroughs.
void run_pipeline(const bp::Chunk& chunk, int stages, std::int64_t count) {
  bp::SimLoop loop;
  RepeatSource source(loop, chunk, count);
  std::vector<std::unique_ptr<bp::PassThrough>> passes;
  for (int i = 0; i < stages; ++i) passes.push_back(std::make_unique<bp::PassThrough>(loop));
  InstantSink sink(loop);

  std::vector<bp::Stream*> chain{&source};
  for (auto& p : passes) chain.push_back(p.get());
  chain.push_back(&sink);

  bool done = false;
  bp::Error failure;
  bp::pipeline(chain, [&](bp::Error err) {
    done = true;
    failure = std::move(err);
  });
  loop.run();
  if (!done || failure || sink.received() != count) {
    throw std::runtime_error("pipeline did not deliver every chunk and complete cleanly");
  }
}

void BM_Pipeline(benchmark::State& state) {
  const int stages = static_cast<int>(state.range(0));
  const auto size = static_cast<std::size_t>(state.range(1));
  bp::Chunk chunk = bp::Chunk::allocate(size);
  std::memset(chunk.data(), 'a', size);
  double wall_seconds = 0;
  for (auto _ : state) {
    const auto t0 = std::chrono::steady_clock::now();
    run_pipeline(chunk, stages, kChunks);
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
