#include "harness/stages.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "harness/zlib_stage.h"
#include "streams/loop.h"
#include "streams/parallel_gzip.h"
#include "streams/uv_loop.h"
#include "streams/zlib_transform.h"

namespace bp::harness {

void FaultableStage::_transform(Chunk chunk, TransformCallback cb) {
  if (pending_error_) {
    cb(std::exchange(pending_error_, Error{}), {});
    return;
  }
  transform(std::move(chunk), std::move(cb));
}

namespace {

class PassStage final : public FaultableStage {
 public:
  PassStage(Loop& loop, const StreamOptions& options) : Stream(loop), FaultableStage(loop, options) {}

 protected:
  void transform(Chunk chunk, TransformCallback cb) override { cb({}, std::move(chunk)); }
};

// expand / shrink: each output chunk is a new buffer of ratio × the input's size, filled by
// repeating (or truncating) the input bytes.
class ResizeStage final : public FaultableStage {
 public:
  ResizeStage(Loop& loop, const StreamOptions& options, double ratio)
      : Stream(loop), FaultableStage(loop, options), ratio_(ratio) {}

 protected:
  void transform(Chunk chunk, TransformCallback cb) override {
    const auto n = static_cast<std::size_t>(std::llround(static_cast<double>(chunk.size()) * ratio_));
    Chunk out = Chunk::allocate(n);
    for (std::size_t done = 0; done < n && !chunk.empty();) {
      const std::size_t k = std::min(chunk.size(), n - done);
      std::memcpy(out.data() + done, chunk.data(), k);
      done += k;
    }
    cb({}, std::move(out));
  }

 private:
  double ratio_;
};

// cost: the transform takes per_byte × size of loop time before it calls back.
class CostStage final : public FaultableStage {
 public:
  CostStage(Loop& loop, const StreamOptions& options, std::chrono::duration<double, std::nano> per_byte)
      : Stream(loop), FaultableStage(loop, options), per_byte_(per_byte) {}

 protected:
  void transform(Chunk chunk, TransformCallback cb) override {
    const auto delay = std::chrono::nanoseconds(
        static_cast<std::int64_t>(per_byte_.count() * static_cast<double>(chunk.size())));
    if (delay.count() <= 0) {
      cb({}, std::move(chunk));
      return;
    }
    loop().set_timeout(delay, [cb = std::move(cb), chunk = std::move(chunk)]() mutable {
      cb({}, std::move(chunk));
    });
  }

 private:
  std::chrono::duration<double, std::nano> per_byte_;
};

// batch: joins every `count` input chunks into one output chunk; the rest at the end.
class BatchStage final : public FaultableStage {
 public:
  BatchStage(Loop& loop, const StreamOptions& options, std::uint64_t count)
      : Stream(loop), FaultableStage(loop, options), count_(count) {}

 protected:
  void transform(Chunk chunk, TransformCallback cb) override {
    pending_.push_back(std::move(chunk));
    if (pending_.size() < count_) {
      cb({}, {});
      return;
    }
    cb({}, join());
  }
  void _flush(TransformCallback cb) override { cb({}, pending_.empty() ? Chunk{} : join()); }
  bool has_flush() const override { return true; }

 private:
  Chunk join() {
    std::size_t total = 0;
    for (const Chunk& c : pending_) total += c.size();
    Chunk out = Chunk::allocate(total);
    std::size_t at = 0;
    for (const Chunk& c : pending_) {
      std::memcpy(out.data() + at, c.data(), c.size());
      at += c.size();
    }
    pending_.clear();
    return out;
  }

  std::uint64_t count_;
  std::vector<Chunk> pending_;
};

// retain: passes every chunk on and keeps a seeded `fraction` of them alive forever — an
// application-level leak outside any stream buffer.
class RetainStage final : public FaultableStage {
 public:
  RetainStage(Loop& loop, const StreamOptions& options, double fraction, std::uint64_t seed)
      : Stream(loop), FaultableStage(loop, options), fraction_(fraction), rng_(seed) {}

 protected:
  void transform(Chunk chunk, TransformCallback cb) override {
    if (std::uniform_real_distribution<double>(0, 1)(rng_) < fraction_) kept_.push_back(chunk);
    cb({}, std::move(chunk));
  }

 private:
  double fraction_;
  std::mt19937_64 rng_;
  std::vector<Chunk> kept_;
};

}  // namespace

std::unique_ptr<Duplex> make_builtin_stage(const StageContext& ctx) {
  const Stage& s = ctx.config;
  switch (s.kind) {
    case StageKind::passthrough: return std::make_unique<PassStage>(ctx.loop, ctx.options);
    case StageKind::expand:
    case StageKind::shrink: return std::make_unique<ResizeStage>(ctx.loop, ctx.options, s.ratio);
    case StageKind::cost: return std::make_unique<CostStage>(ctx.loop, ctx.options, s.per_byte);
    case StageKind::batch: return std::make_unique<BatchStage>(ctx.loop, ctx.options, s.count);
    case StageKind::gzip:
      if (auto* uv = dynamic_cast<UvLoop*>(&ctx.loop)) return std::make_unique<Gzip>(*uv, s.level, ctx.options);
      return make_gzip_stage(ctx.loop, ctx.options, s.level);
    case StageKind::gunzip:
      if (auto* uv = dynamic_cast<UvLoop*>(&ctx.loop)) return std::make_unique<Gunzip>(*uv, ctx.options);
      return make_gunzip_stage(ctx.loop, ctx.options);
    case StageKind::retain:
      return std::make_unique<RetainStage>(ctx.loop, ctx.options, s.fraction, s.seed);
    case StageKind::custom: break;
  }
  return nullptr;
}

StageFootprint builtin_footprint(const Stage& stage, std::size_t input_chunk, bool real_clock) {
  const auto scaled = [&](double ratio) {
    return static_cast<std::size_t>(std::ceil(static_cast<double>(input_chunk) * ratio));
  };
  switch (stage.kind) {
    case StageKind::expand:
    case StageKind::shrink: return {scaled(stage.ratio), 0};
    case StageKind::batch: return {scaled(static_cast<double>(stage.count)), 0};
    case StageKind::gzip:
      if (real_clock) return {kGzipBlockOutput, kGzipWorkingSet};
      return {kZlibChunk, kDeflateState};
    case StageKind::gunzip: return {kZlibChunk, kInflateState};
    default: return {input_chunk, 0};
  }
}

}  // namespace bp::harness
