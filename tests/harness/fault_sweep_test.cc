// The fault sweep: chains of 2 to 6 streams (a source, 0 to 4 transforms, a slow sink) with
// one fault — an error, destroy(err) or destroy() — at each stream, when the source has
// produced no byte yet, half of its bytes, or all of them. Under pipeline() every stream is
// destroyed exactly once, the callback runs exactly once with the injected error (or
// ERR_STREAM_PREMATURE_CLOSE after a destroy() without one) and the heap returns to its
// baseline. Under pipe() the outcome is Node's (SEMANTICS.md section 5): the failed stream is
// destroyed, the one piping into it is unpiped and left paused (unless it had already ended),
// streams after it never complete, and the only other streams destroyed are those that
// completed (autoDestroy).
#include <gtest/gtest.h>

#include <cstddef>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "harness/heap_probe.h"
#include "streams/pipeline.h"
#include "streams/readable.h"
#include "streams/sim_loop.h"
#include "streams/transform.h"
#include "streams/writable.h"
#include "tests/streams/test_streams.h"

namespace bp::harness {
namespace {

using test::describe;
using test::LoopIsQuiet;

constexpr std::size_t kChunk = 4096;
constexpr std::size_t kChunks = 16;
constexpr std::size_t kTotal = kChunk * kChunks;
// Less than one chunk's allocation: a chunk left behind anywhere shows.
constexpr std::int64_t kHeapTolerance = kChunk / 2;

enum class FaultKind { error, destroy, destroy_no_error };
enum class FaultAt { before_first_byte, middle, after_last_byte };
enum class Wiring { pipeline, pipe };

struct SweepCase {
  Wiring wiring;
  int streams;  // source + transforms + sink
  int target;   // index of the failing stream, 0 = source
  FaultKind kind;
  FaultAt at;
};

std::string name_of(const SweepCase& c) {
  static const char* kKinds[] = {"error", "destroy", "destroyNoError"};
  static const char* kAts[] = {"BeforeFirstByte", "Middle", "AfterLastByte"};
  return std::string(c.wiring == Wiring::pipeline ? "pipeline" : "pipe") + "_" +
         std::to_string(c.streams) + "streams_fault" + std::to_string(c.target) + "_" +
         kKinds[static_cast<int>(c.kind)] + "_" + kAts[static_cast<int>(c.at)];
}

std::size_t offset_of(FaultAt at) {
  switch (at) {
    case FaultAt::before_first_byte: return 0;
    case FaultAt::middle: return kTotal / 2;
    case FaultAt::after_last_byte: return kTotal;
  }
  return 0;
}

// What every stream of the sweep shares: how often it was destroyed, and an armed error that
// fails its next operation (the "error" fault of a transform or the sink).
struct Probe {
  int destroys = 0;
  Error fail_next;

  // Every stream's _destroy: count, and pass the error on.
  void on_destroy(Error err, const Callback& cb) {
    ++destroys;
    cb(std::move(err));
  }
};

class SweepSource final : public Readable {
 public:
  SweepSource(Loop& loop, Probe& probe, std::function<void(std::size_t)> on_produced)
      : Stream(loop), Readable(loop), probe_(probe), on_produced_(std::move(on_produced)) {}

 protected:
  // The fault check runs before each push, and once more after EOF: offset 0 fires before the
  // first byte, kTotal after the last byte left but before the rest of the chain has it all.
  void _read(std::size_t) override {
    on_produced_(produced_);
    if (destroyed()) return;
    if (produced_ == kTotal) {
      if (!ended_) {
        ended_ = true;
        push_eof();
      }
      return;
    }
    produced_ += kChunk;
    push(Chunk::zeros(kChunk));
  }
  void _destroy(Error err, Callback cb) override { probe_.on_destroy(std::move(err), cb); }

 private:
  Probe& probe_;
  std::function<void(std::size_t)> on_produced_;
  std::size_t produced_ = 0;
  bool ended_ = false;
};

class SweepStage final : public Transform {
 public:
  SweepStage(Loop& loop, Probe& probe) : Stream(loop), Transform(loop), probe_(probe) {}

 protected:
  void _transform(Chunk chunk, TransformCallback cb) override {
    if (probe_.fail_next) return cb(probe_.fail_next, {});
    cb({}, std::move(chunk));
  }
  void _flush(TransformCallback cb) override { cb(probe_.fail_next, {}); }
  bool has_flush() const override { return true; }
  void _destroy(Error err, Callback cb) override { probe_.on_destroy(std::move(err), cb); }

 private:
  Probe& probe_;
};

// A slow sink: each write completes 1 ms later, so data is still in flight when the source
// has produced its last byte.
class SweepSink final : public Writable {
 public:
  SweepSink(Loop& loop, Probe& probe) : Stream(loop), Writable(loop), probe_(probe) {}

 protected:
  void _write(Chunk, Callback cb) override {
    if (probe_.fail_next) return cb(probe_.fail_next);
    loop().set_timeout(std::chrono::milliseconds(1), [cb = std::move(cb)] { cb(); });
  }
  void _final(Callback cb) override { cb(probe_.fail_next); }
  bool has_final() const override { return true; }
  void _destroy(Error err, Callback cb) override { probe_.on_destroy(std::move(err), cb); }

 private:
  Probe& probe_;
};

// One chain of streams with its fault.
class Chain {
 public:
  Chain(SimLoop& loop, const SweepCase& c) : c_(c), probes_(static_cast<std::size_t>(c.streams)) {
    source_ = std::make_unique<SweepSource>(loop, probes_[0], [this](std::size_t produced) {
      if (!fired_ && produced >= offset_of(c_.at)) fire();
    });
    streams_.push_back(source_.get());
    for (int i = 1; i + 1 < c.streams; ++i) {
      stages_.push_back(std::make_unique<SweepStage>(loop, probes_[static_cast<std::size_t>(i)]));
      streams_.push_back(stages_.back().get());
    }
    sink_ = std::make_unique<SweepSink>(loop, probes_.back());
    streams_.push_back(sink_.get());
    // Every stream has an 'error' listener, as the harness's drivers do, so that an error
    // under pipe() is not reported as uncaught.
    for (Stream* s : streams_) s->on(Event::Error, [](const EventArg&) {});
  }

  Stream& at(int i) { return *streams_[static_cast<std::size_t>(i)]; }
  Readable& readable(int i) { return dynamic_cast<Readable&>(at(i)); }
  std::vector<Stream*>& streams() { return streams_; }
  int destroys(int i) const { return probes_[static_cast<std::size_t>(i)].destroys; }
  // Every side of stream i is done: 'end' emitted, 'finish' emitted.
  bool completed(int i) {
    const ReadableState* rs = at(i).readable_state();
    const WritableState* ws = at(i).writable_state();
    return (rs == nullptr || rs->has(Readable::kEndEmitted)) &&
           (ws == nullptr || ws->has(Writable::kFinished));
  }
  bool fired() const { return fired_; }
  const Error& injected() const { return injected_; }

 private:
  void fire() {
    fired_ = true;
    injected_ = Error::plain("injected fault");
    Stream& target = at(c_.target);
    switch (c_.kind) {
      case FaultKind::error:
        // A source fails by destroying itself inside _read; a transform or the sink fails
        // its next operation.
        if (c_.target == 0) {
          target.destroy(injected_);
        } else {
          probes_[static_cast<std::size_t>(c_.target)].fail_next = injected_;
        }
        break;
      case FaultKind::destroy: target.destroy(injected_); break;
      case FaultKind::destroy_no_error: target.destroy(); break;
    }
  }

  SweepCase c_;
  std::vector<Probe> probes_;
  std::unique_ptr<SweepSource> source_;
  std::vector<std::unique_ptr<SweepStage>> stages_;
  std::unique_ptr<SweepSink> sink_;
  std::vector<Stream*> streams_;
  bool fired_ = false;
  Error injected_;
};

class FaultSweep : public ::testing::TestWithParam<SweepCase> {};

TEST_P(FaultSweep, CleansUpAsNodeDoes) {
  const SweepCase c = GetParam();
  const HeapProbe heap;
  const std::int64_t baseline = heap.live();
  {
    SimLoop loop;
    Chain chain(loop, c);
    int callbacks = 0;
    Error result;
    if (c.wiring == Wiring::pipeline) {
      pipeline(chain.streams(), [&](Error err) {
        ++callbacks;
        result = std::move(err);
      });
    } else {
      for (int i = 0; i + 1 < c.streams; ++i) chain.readable(i).pipe(dynamic_cast<Writable&>(chain.at(i + 1)));
    }
    loop.run();
    ASSERT_TRUE(chain.fired()) << "the fault never fired";
    EXPECT_TRUE(LoopIsQuiet(loop));

    if (c.wiring == Wiring::pipeline) {
      EXPECT_EQ(callbacks, 1);
      if (c.kind == FaultKind::destroy_no_error) {
        EXPECT_EQ(describe(result), "ERR_STREAM_PREMATURE_CLOSE");
      } else {
        EXPECT_TRUE(result == chain.injected()) << "the callback got " << describe(result);
      }
      for (int i = 0; i < c.streams; ++i) EXPECT_EQ(chain.destroys(i), 1) << "stream " << i;
    } else {
      EXPECT_EQ(chain.destroys(c.target), 1) << "the failed stream";
      // Besides the failed stream, only streams that completed are destroyed (by autoDestroy):
      // upstream ones, when the buffers held everything the source still had to give.
      for (int i = 0; i < c.streams; ++i) {
        if (i == c.target) continue;
        EXPECT_EQ(chain.destroys(i), chain.completed(i) ? 1 : 0) << "stream " << i;
        if (i > c.target) {
          EXPECT_FALSE(chain.completed(i)) << "stream " << i << " after the fault completed";
        }
      }
      if (c.target > 0 && !chain.completed(c.target - 1)) {
        const Readable& upstream = chain.readable(c.target - 1);
        EXPECT_TRUE(upstream.readable_state()->pipes.empty()) << "the stream before the fault is still piped";
        EXPECT_EQ(upstream.readable_flowing(), std::optional<bool>(false)) << "the stream before the fault is not paused";
      }
      // What pipe() leaves open is the user's to destroy.
      for (Stream* s : chain.streams()) s->destroy();
      loop.run();
    }
  }
  EXPECT_LE(heap.live() - baseline, kHeapTolerance) << "bytes left on the heap";
}

std::vector<SweepCase> all_cases() {
  std::vector<SweepCase> cases;
  for (Wiring wiring : {Wiring::pipeline, Wiring::pipe}) {
    for (int streams = 2; streams <= 6; ++streams) {
      for (int target = 0; target < streams; ++target) {
        for (FaultKind kind : {FaultKind::error, FaultKind::destroy, FaultKind::destroy_no_error}) {
          for (FaultAt at : {FaultAt::before_first_byte, FaultAt::middle, FaultAt::after_last_byte}) {
            cases.push_back({wiring, streams, target, kind, at});
          }
        }
      }
    }
  }
  return cases;
}

std::string case_test_name(const ::testing::TestParamInfo<SweepCase>& param) {
  return name_of(param.param);
}

INSTANTIATE_TEST_SUITE_P(Chains, FaultSweep, ::testing::ValuesIn(all_cases()), case_test_name);

}  // namespace
}  // namespace bp::harness
