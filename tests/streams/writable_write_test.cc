// SEMANTICS.md 2.2-2.4: write()'s return value, completion and callback timing, and the
// exact 'drain' rule. Orders checked on Node v20.20.2 (WB-A1..A14, WL-L17 and local scripts
// written in the shape of these tests).
#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <vector>

#include "tests/streams/test_streams.h"

namespace bp {
namespace {

using test::bytes;
using test::CallCount;
using test::kWritableEvents;
using test::Lines;
using test::Log;
using test::LoopIsQuiet;
using test::Opts;
using test::str;
using test::TestWritable;
using test::write_result;
using WriteMode = TestWritable::WriteMode;

// --- 2.2 write() ---------------------------------------------------------------------------

TEST(Writable, WriteNullThrowsNullValuesSynchronously) {
  SimLoop loop;
  TestWritable w(loop);
  CallCount cb;
  try {
    w.write(Chunk{}, cb.fn());
    ADD_FAILURE() << "write(null) did not throw";
  } catch (const ArgumentError& e) {
    EXPECT_TRUE(e.error().is(ErrorCode::ERR_STREAM_NULL_VALUES));
  }
  EXPECT_EQ(w.writable_length(), 0u);
  EXPECT_EQ(w.write_calls, 0);
  EXPECT_TRUE(loop.idle()) << "nothing is scheduled for a rejected chunk";
  loop.drain_ticks();
  EXPECT_EQ(cb.calls, 0);
  EXPECT_FALSE(w.destroyed());
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Writable, WriteCallsWriteSynchronouslyOnAnIdleStream) {
  SimLoop loop;
  Log log;
  TestWritable w(loop, {}, &log);
  w.write(bytes(3));
  EXPECT_EQ(log.take(), Lines{"_write 3"});
  w.write(bytes(2));
  EXPECT_EQ(log.take(), Lines{}) << "a write in flight: the next chunk is buffered";
  EXPECT_EQ(w.writable_buffered(), 1u);
  w.complete();
  EXPECT_EQ(log.take(), Lines{"_write 2"});
  w.complete();
  loop.drain_ticks();
  EXPECT_EQ(w.held(), 0u);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Writable, WriteReturnsFalseAtHighWaterMark) {
  // WB-A1: length counts the chunk in flight plus the buffered ones; false once >= HWM.
  SimLoop loop;
  TestWritable w(loop, Opts().hwm(10));
  EXPECT_EQ(write_result(w, bytes(4)), "true 4 false");
  EXPECT_EQ(write_result(w, bytes(5)), "true 9 false");
  EXPECT_EQ(write_result(w, bytes(1)), "false 10 true");
  EXPECT_EQ(write_result(w, bytes(3)), "false 13 true");
  for (int i = 0; i < 4; ++i) w.complete();
  EXPECT_EQ(w.writable_length(), 0u);
  loop.drain_ticks();
  EXPECT_EQ(w.held(), 0u);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Writable, WriteReturnsFalseForAChunkLargerThanTheMarkOnAnIdleStream) {
  SimLoop loop;
  TestWritable w(loop, Opts().hwm(10));
  EXPECT_EQ(write_result(w, bytes(9)), "true 9 false") << "HWM - 1 still true";
  w.complete();
  EXPECT_EQ(write_result(w, bytes(100)), "false 100 true");
  w.complete();
  loop.drain_ticks();
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Writable, SyncWriteReturnsTrueForAnyChunkSize) {
  for (const std::size_t hwm :
       {std::size_t{0}, std::size_t{1}, std::size_t{10}, std::size_t{16384}}) {
    for (const std::size_t size : {std::size_t{0}, std::size_t{1}, hwm, hwm + 1, 4 * hwm + 3}) {
      const std::string ctx = "hwm " + std::to_string(hwm) + " chunk " + std::to_string(size);
      SimLoop loop;
      Log log;
      TestWritable w(loop, Opts().hwm(static_cast<std::int64_t>(hwm)), &log);
      w.write_mode = WriteMode::Sync;
      log.watch(w, "w", kWritableEvents);
      EXPECT_EQ(write_result(w, bytes(size), log.cb("a")), "true 0 false") << ctx;
      EXPECT_EQ(log.take(), Lines{"_write " + std::to_string(size)})
          << ctx << ": the callback is not called inside write()";
      loop.drain_ticks();
      EXPECT_EQ(log.take(), Lines{"a null"}) << ctx << ": callback on the next tick, no drain";
      EXPECT_TRUE(LoopIsQuiet(loop)) << ctx;
    }
  }
}

TEST(Writable, HighWaterMarkZeroReturnsFalseForEveryNonEmptyWrite) {
  // WB-A4: an async write of 1 byte is false; an empty write on an idle stream is true.
  SimLoop loop;
  Log log;
  TestWritable w(loop, Opts().hwm(0), &log);
  log.watch(w, "w", kWritableEvents);
  EXPECT_EQ(write_result(w, bytes(0), log.cb("e0")), "true 0 false");
  w.complete();
  loop.drain_ticks();
  log.take();
  EXPECT_EQ(write_result(w, bytes(1), log.cb("one")), "false 1 true");
  EXPECT_EQ(write_result(w, bytes(0), log.cb("e1")), "false 1 true");
  log.take();
  w.complete();
  EXPECT_EQ(log.take(), (Lines{"_write 0", "w:drain", "one null"}))
      << "the empty chunk in flight does not hold back the drain";
  w.complete();
  EXPECT_EQ(log.take(), Lines{"e1 null"});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{});
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Writable, EmptyWriteOnAnIdleStreamReturnsTrue) {
  SimLoop loop;
  TestWritable w(loop, Opts().hwm(10));
  EXPECT_EQ(write_result(w, bytes(0)), "true 0 false");
  w.complete();
  loop.drain_ticks();
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Writable, ObjectModeCountsOnePerChunk) {
  struct Case {
    std::int64_t hwm;  // -1: the default
    std::string rets;
  };
  for (const Case& c : {Case{1, "FFF"}, Case{2, "TFFF"}, Case{-1, "TTTTTTTTTTTTTTTFFF"}}) {
    const std::string ctx = "object HWM " + std::to_string(c.hwm);
    SimLoop loop;
    Opts opts = Opts().object_mode();
    if (c.hwm >= 0) opts.hwm(c.hwm);
    TestWritable w(loop, opts);
    std::string rets;
    for (std::size_t i = 0; i < c.rets.size(); ++i) {
      rets += w.write(Chunk::object(static_cast<std::int64_t>(i))) ? 'T' : 'F';
    }
    EXPECT_EQ(rets, c.rets) << ctx;
    EXPECT_EQ(w.writable_length(), c.rets.size()) << ctx;
    while (w.held() > 0) w.complete();
    loop.drain_ticks();
    EXPECT_TRUE(LoopIsQuiet(loop)) << ctx;
  }
}

TEST(Writable, StringsCountBytesWhenDecodedAndUtf16UnitsOtherwise) {
  // WB-A6: '€€' is 6 bytes, 2 UTF-16 units; an emoji is 4 bytes, 2 units.
  SimLoop loop;
  Log log;
  TestWritable decoded(loop, {}, &log);
  EXPECT_EQ(write_result(decoded, str("€€")), "true 6 false");
  EXPECT_FALSE(decoded.written.back().is_string()) << "decodeStrings turns it into bytes";
  TestWritable kept(loop, Opts().no_decode_strings(), &log);
  EXPECT_EQ(write_result(kept, str("€€")), "true 2 false");
  EXPECT_TRUE(kept.written.back().is_string());
  TestWritable emoji(loop, Opts().no_decode_strings(), &log);
  EXPECT_EQ(write_result(emoji, str("\xF0\x9F\x98\x80")), "true 2 false");
  EXPECT_EQ(log.take(), (Lines{"_write 6", "_write 2", "_write 2"}));
  decoded.complete();
  kept.complete();
  emoji.complete();
  loop.drain_ticks();
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Writable, WriteIsAdvisoryEveryChunkIsAcceptedAfterFalse) {
  SimLoop loop;
  TestWritable w(loop, Opts().hwm(2));
  std::vector<const void*> sent;
  for (int i = 0; i < 6; ++i) {
    Chunk c = bytes(1);
    sent.push_back(c.identity());
    w.write(std::move(c));
  }
  EXPECT_EQ(w.writable_length(), 6u);
  while (w.held() > 0) w.complete();
  ASSERT_EQ(w.written.size(), 6u);
  for (std::size_t i = 0; i < sent.size(); ++i) {
    EXPECT_EQ(w.written[i].identity(), sent[i]) << "chunk " << i << " reaches _write in order";
  }
  loop.drain_ticks();
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Writable, WriteReturnsFalseWhileErroredEvenBelowTheMark) {
  // WB-A11 (autoDestroy:false keeps the stream alive but errored): the chunk is buffered.
  SimLoop loop;
  Log log;
  TestWritable w(loop, Opts().no_auto_destroy(), &log);
  log.watch(w, "w", kWritableEvents);
  w.write(bytes(1), log.cb("a"));
  w.complete(Error::plain("boom"));
  EXPECT_EQ(log.take(), (Lines{"_write 1", "a Error(boom)", "w:error Error(boom)"}));
  EXPECT_EQ(write_result(w, bytes(1), log.cb("b")), "false 1 false");
  EXPECT_EQ(w.writable_buffered(), 1u);
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{}) << "the queued write waits: nothing will flush it";
  w.destroy();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"_destroy null", "b Error(boom)", "w:close"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Writable, WriteAfterDestroyReturnsFalseAndAddsNothing) {
  SimLoop loop;
  Log log;
  TestWritable w(loop, {}, &log);
  log.watch(w, "w", kWritableEvents);
  w.destroy();
  log.take();
  EXPECT_EQ(write_result(w, bytes(3), log.cb("x")), "false 0 false");
  EXPECT_EQ(log.take(), Lines{}) << "the callback is not called inside write()";
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"w:close", "x ERR_STREAM_DESTROYED"}));
  EXPECT_EQ(w.write_calls, 0);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Writable, WriteReturnsTrueWhileADrainIsStillOwed) {
  // WB-A13: the return value is length-based; needDrain stays set until length is 0.
  SimLoop loop;
  Log log;
  TestWritable w(loop, Opts().hwm(10), &log);
  log.watch(w, "w", kWritableEvents);
  EXPECT_EQ(write_result(w, bytes(6), log.cb("a")), "true 6 false");
  EXPECT_EQ(write_result(w, bytes(6), log.cb("b")), "false 12 true");
  w.complete();
  EXPECT_EQ(write_result(w, bytes(1), log.cb("c")), "true 7 true");
  w.complete();
  w.complete();
  EXPECT_EQ(log.take(),
            (Lines{"_write 6", "_write 6", "a null", "_write 1", "b null", "w:drain", "c null"}));
  EXPECT_EQ(w.drain_count(), 1u);
  loop.drain_ticks();
  EXPECT_TRUE(LoopIsQuiet(loop));
}

// --- 2.3 completion ------------------------------------------------------------------------

TEST(Writable, AsyncCompletionEmitsDrainBeforeTheWriteCallback) {
  SimLoop loop;
  Log log;
  TestWritable w(loop, Opts().hwm(2), &log);
  log.watch(w, "w", kWritableEvents);
  EXPECT_EQ(write_result(w, bytes(2), log.cb("a")), "false 2 true");
  log.take();
  w.complete();
  EXPECT_EQ(log.take(), (Lines{"w:drain", "a null"})) << "both inside the completing call";
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{});
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Writable, SyncCompletionsCallBackOnTheNextTickInWriteOrder) {
  SimLoop loop;
  Log log;
  TestWritable w(loop, {}, &log);
  w.write_mode = WriteMode::Sync;
  w.write(bytes(1), log.cb("a"));
  loop.next_tick([&] { log.add("t"); });
  w.write(bytes(1), log.cb("b"));
  EXPECT_EQ(log.take(), (Lines{"_write 1", "_write 1"}));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"a null", "t", "b null"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Writable, SyncCompletionWithoutCallbackSchedulesNothingInByteMode) {
  SimLoop loop;
  TestWritable w(loop);
  w.write_mode = WriteMode::Sync;
  w.write(bytes(5));
  EXPECT_TRUE(loop.idle()) << "no callback and no drain due: no tick";
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Writable, SyncCompletionInObjectModeAlwaysSchedulesATick) {
  // The v20 precedence slip (SEMANTICS.md 2.3) reads the objectMode bit as "destroyed".
  SimLoop loop;
  TestWritable w(loop, Opts().object_mode());
  w.write_mode = WriteMode::Sync;
  w.write(Chunk::object(1));
  EXPECT_FALSE(loop.idle());
  loop.drain_ticks();
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Writable, LateSecondCallbackCallIsAMultipleCallbackError) {
  SimLoop loop;
  Log log;
  TestWritable w(loop, {}, &log);
  log.watch(w, "w", kWritableEvents);
  w.write(bytes(1), log.cb("a"));
  Callback onwrite = w.peek_held();
  w.complete();
  EXPECT_EQ(log.take(), (Lines{"_write 1", "a null"}));
  onwrite({});
  EXPECT_EQ(log.take(), Lines{"_destroy ERR_MULTIPLE_CALLBACK"});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"w:error ERR_MULTIPLE_CALLBACK", "w:close"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

// A Writable whose _write calls back twice synchronously (WL-L17).
class TwiceWritable : public Writable {
 public:
  explicit TwiceWritable(Loop& loop) : Stream(loop), Writable(loop) {}

 protected:
  void _write(Chunk, Callback cb) override {
    cb();
    cb();
  }
};

TEST(Writable, SyncSecondCallbackCallFailsTheStreamAfterTheWriteCallback) {
  SimLoop loop;
  Log log;
  TwiceWritable w(loop);
  log.watch(w, "w", kWritableEvents);
  EXPECT_FALSE(w.write(bytes(1), log.cb("a"))) << "destroyed inside write()";
  EXPECT_EQ(log.take(), Lines{});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"a null", "w:error ERR_MULTIPLE_CALLBACK", "w:close"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Writable, WriteFromInsideASyncWriteCallback) {
  SimLoop loop;
  Log log;
  TestWritable w(loop, Opts().hwm(3), &log);
  w.write_mode = WriteMode::Sync;
  log.watch(w, "w", kWritableEvents);
  w.write(bytes(1), [&](Error) {
    log.add("cb1");
    log.add(std::string("ret ") + (w.write(bytes(5), log.cb("cb2")) ? "true" : "false"));
  });
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"_write 1", "cb1", "_write 5", "ret true", "cb2 null"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

// --- 2.4 'drain' ---------------------------------------------------------------------------

TEST(Writable, DrainIsNeverEmittedWithoutAFalseWrite) {
  SimLoop loop;
  Log log;
  TestWritable w(loop, Opts().hwm(10), &log);
  log.watch(w, "w", kWritableEvents);
  w.write(bytes(3), log.cb("a"));
  w.write(bytes(3), log.cb("b"));
  w.complete();
  w.complete();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"_write 3", "_write 3", "a null", "b null"}))
      << "the next buffered chunk starts before the completed write's callback";
  EXPECT_EQ(w.drain_count(), 0u);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Writable, DrainWaitsForLengthZeroNotForLengthBelowTheMark) {
  // WB-A7
  SimLoop loop;
  Log log;
  TestWritable w(loop, Opts().hwm(10), &log);
  log.watch(w, "w", kWritableEvents);
  EXPECT_EQ(write_result(w, bytes(6), log.cb("a")), "true 6 false");
  EXPECT_EQ(write_result(w, bytes(6), log.cb("b")), "false 12 true");
  log.take();
  w.complete();
  EXPECT_EQ(log.take(), (Lines{"_write 6", "a null"}));
  EXPECT_EQ(w.writable_length(), 6u);
  EXPECT_TRUE(w.writable_need_drain()) << "6 < HWM, but no drain yet";
  w.complete();
  EXPECT_EQ(log.take(), (Lines{"w:drain", "b null"}));
  loop.drain_ticks();
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Writable, DrainFiresOncePerFalseEpisode) {
  // WB-A1: four writes, two of them false, one drain; a new episode needs a new false.
  SimLoop loop;
  Log log;
  TestWritable w(loop, Opts().hwm(10), &log);
  log.watch(w, "w", kWritableEvents);
  w.write(bytes(4), log.cb("a"));
  w.write(bytes(5), log.cb("b"));
  w.write(bytes(1), log.cb("c"));
  w.write(bytes(3), log.cb("d"));
  EXPECT_EQ(log.take(), Lines{"_write 4"});
  w.complete();
  EXPECT_EQ(log.take(), (Lines{"_write 5", "a null"}));
  w.complete();
  EXPECT_EQ(log.take(), (Lines{"_write 1", "b null"}));
  w.complete();
  EXPECT_EQ(log.take(), (Lines{"_write 3", "c null"}));
  w.complete();
  EXPECT_EQ(log.take(), (Lines{"w:drain", "d null"}));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{});
  EXPECT_EQ(write_result(w, bytes(3), log.cb("e")), "true 3 false");
  w.complete();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"_write 3", "e null"}));
  EXPECT_EQ(w.drain_count(), 1u);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Writable, SyncCompletionThatEmptiesTheBufferDrainsOnTheNextTick) {
  // WB-A8: a completes asynchronously, b then runs synchronously from the buffer.
  SimLoop loop;
  Log log;
  TestWritable w(loop, Opts().hwm(5), &log);
  log.watch(w, "w", kWritableEvents);
  EXPECT_EQ(write_result(w, bytes(5), log.cb("a")), "false 5 true");
  EXPECT_EQ(write_result(w, bytes(1), log.cb("b")), "false 6 true");
  log.take();
  w.write_mode = WriteMode::Sync;
  w.complete();
  EXPECT_EQ(log.take(), (Lines{"_write 1", "w:drain", "a null"}));
  loop.next_tick([&] { log.add("user tick"); });
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"b null", "user tick"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Writable, NoDrainOnceEndHasBeenCalled) {
  // WB-A9
  SimLoop loop;
  Log log;
  TestWritable w(loop, Opts().hwm(10), &log);
  log.watch(w, "w", kWritableEvents);
  w.write(bytes(20), log.cb("a"));
  EXPECT_TRUE(w.writable_need_drain());
  w.end(log.cb("end"));
  EXPECT_FALSE(w.writable_need_drain()) << "ending hides the owed drain";
  log.take();
  w.complete();
  EXPECT_EQ(log.take(), (Lines{"a null", "w:prefinish"}));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"end null", "w:finish", "_destroy null", "w:close"}));
  EXPECT_EQ(w.drain_count(), 0u);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Writable, NoDrainAfterDestroy) {
  // WB-A10: destroy() with the false write in flight; its completion still succeeds.
  SimLoop loop;
  Log log;
  TestWritable w(loop, Opts().hwm(10), &log);
  log.watch(w, "w", kWritableEvents);
  w.write(bytes(20), log.cb("a"));
  w.destroy();
  EXPECT_FALSE(w.writable_need_drain());
  EXPECT_EQ(w.writable_length(), 20u);
  EXPECT_EQ(log.take(), (Lines{"_write 20", "_destroy null"}));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"w:close"});
  w.complete();
  EXPECT_EQ(log.take(), Lines{"a null"});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{});
  EXPECT_EQ(w.drain_count(), 0u);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Writable, ZeroLengthChunkInFlightDoesNotBlockDrain) {
  // WB-A14
  SimLoop loop;
  Log log;
  TestWritable w(loop, Opts().hwm(1), &log);
  log.watch(w, "w", kWritableEvents);
  EXPECT_EQ(write_result(w, bytes(1), log.cb("a")), "false 1 true");
  EXPECT_EQ(write_result(w, bytes(0), log.cb("empty")), "false 1 true");
  log.take();
  w.complete();
  EXPECT_EQ(log.take(), (Lines{"_write 0", "w:drain", "a null"}));
  EXPECT_EQ(w.held(), 1u) << "the empty chunk is still in flight";
  w.complete();
  EXPECT_EQ(log.take(), Lines{"empty null"});
  loop.drain_ticks();
  EXPECT_TRUE(LoopIsQuiet(loop));
}

}  // namespace
}  // namespace bp
