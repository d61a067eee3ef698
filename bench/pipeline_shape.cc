#include "bench/pipeline_shape.h"

#include <memory>
#include <stdexcept>
#include <utility>
#include <vector>

#include "streams/pipeline.h"
#include "streams/readable.h"
#include "streams/sim_loop.h"
#include "streams/transform.h"
#include "streams/writable.h"

namespace bp::bench {

namespace {

class RepeatSource final : public Readable {
 public:
  RepeatSource(Loop& loop, Chunk chunk, std::int64_t count)
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
  Chunk chunk_;
  std::int64_t left_;
};

class InstantSink final : public Writable {
 public:
  explicit InstantSink(Loop& loop) : Stream(loop), Writable(loop) {}
  std::int64_t received() const { return received_; }

 protected:
  void _write(Chunk, Callback cb) override {
    ++received_;
    cb();
  }

 private:
  std::int64_t received_ = 0;
};

}  // namespace

void run_pipeline(const Chunk& chunk, int stages, std::int64_t count) {
  SimLoop loop;
  RepeatSource source(loop, chunk, count);
  std::vector<std::unique_ptr<PassThrough>> passes;
  for (int i = 0; i < stages; ++i) passes.push_back(std::make_unique<PassThrough>(loop));
  InstantSink sink(loop);

  std::vector<Stream*> chain{&source};
  for (auto& p : passes) chain.push_back(p.get());
  chain.push_back(&sink);

  bool done = false;
  Error failure;
  pipeline(chain, [&](Error err) {
    done = true;
    failure = std::move(err);
  });
  loop.run();
  if (!done || failure || sink.received() != count) {
    throw std::runtime_error("pipeline did not deliver every chunk and complete cleanly");
  }
}

}  // namespace bp::bench
