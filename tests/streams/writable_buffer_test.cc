// SEMANTICS.md 2.5: flushing the write buffer, cork()/uncork(), _writev. Orders checked on
// Node v20.20.2 (WL-L14..L16 and a local script written in the shape of these tests).
#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <vector>

#include "tests/streams/test_streams.h"

namespace bp {
namespace {

using test::bytes;
using test::kWritableEvents;
using test::Lines;
using test::Log;
using test::LoopIsQuiet;
using test::Opts;
using test::TestWritable;
using WriteMode = TestWritable::WriteMode;

TEST(WritableBuffer, QueuedChunksGoToOneWritevAfterTheWriteInFlight) {
  // WL-L15
  SimLoop loop;
  Log log;
  TestWritable w(loop, {}, &log);
  w.writev = true;
  log.watch(w, "w", kWritableEvents);
  w.write(bytes(1), log.cb("a"));
  w.write(bytes(2), log.cb("b"));
  w.write(bytes(3), log.cb("c"));
  EXPECT_EQ(log.take(), Lines{"_write 1"});
  EXPECT_EQ(w.writable_buffered(), 2u);
  w.complete();
  EXPECT_EQ(log.take(), (Lines{"_writev [2,3]", "a null"}));
  EXPECT_EQ(w.writable_length(), 5u);
  EXPECT_EQ(w.writable_buffered(), 0u);
  w.complete();
  EXPECT_EQ(log.take(), (Lines{"b null", "c null"})) << "one completion, every callback in order";
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{});
  EXPECT_EQ(w.writev_calls, 1);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableBuffer, ASingleQueuedChunkGoesToWriteEvenWithWritev) {
  SimLoop loop;
  Log log;
  TestWritable w(loop, {}, &log);
  w.writev = true;
  w.write(bytes(1), log.cb("a"));
  w.write(bytes(2), log.cb("b"));
  log.take();
  w.complete();
  EXPECT_EQ(log.take(), (Lines{"_write 2", "a null"}));
  w.complete();
  EXPECT_EQ(log.take(), Lines{"b null"});
  loop.drain_ticks();
  EXPECT_EQ(w.writev_calls, 0);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableBuffer, WithoutWritevSyncCompletionsKeepFlushingSynchronously) {
  SimLoop loop;
  Log log;
  TestWritable w(loop, {}, &log);
  w.write(bytes(1), log.cb("a"));
  w.write(bytes(2), log.cb("b"));
  w.write(bytes(3), log.cb("c"));
  log.take();
  w.write_mode = WriteMode::Sync;
  w.complete();
  EXPECT_EQ(log.take(), (Lines{"_write 2", "_write 3", "a null"}));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"b null", "c null"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableBuffer, WithoutWritevAsyncCompletionsFlushOneChunkAtATime) {
  SimLoop loop;
  Log log;
  TestWritable w(loop, {}, &log);
  w.write(bytes(1), log.cb("a"));
  w.write(bytes(2), log.cb("b"));
  w.write(bytes(3), log.cb("c"));
  log.take();
  w.complete();
  EXPECT_EQ(log.take(), (Lines{"_write 2", "a null"}));
  w.complete();
  EXPECT_EQ(log.take(), (Lines{"_write 3", "b null"}));
  w.complete();
  EXPECT_EQ(log.take(), Lines{"c null"});
  loop.drain_ticks();
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableBuffer, CorkQueuesEveryWriteAndKeepsTheLengthBasedReturnValue) {
  // WL-L14: 4, 4, 4 with HWM 10 -> true, true, false; uncork twice for two corks.
  SimLoop loop;
  Log log;
  TestWritable w(loop, Opts().hwm(10), &log);
  w.writev = true;
  w.write_mode = WriteMode::Sync;
  log.watch(w, "w", kWritableEvents);
  w.cork();
  w.cork();
  EXPECT_TRUE(w.write(bytes(4), log.cb("x")));
  EXPECT_TRUE(w.write(bytes(4), log.cb("y")));
  EXPECT_FALSE(w.write(bytes(4), log.cb("z")));
  EXPECT_EQ(w.writable_length(), 12u);
  EXPECT_EQ(w.writable_corked(), 2u);
  EXPECT_EQ(w.writable_buffered(), 3u);
  EXPECT_EQ(log.take(), Lines{}) << "nothing reaches _write while corked";
  w.uncork();
  EXPECT_EQ(log.take(), Lines{});
  EXPECT_EQ(w.writable_corked(), 1u);
  w.uncork();
  EXPECT_EQ(log.take(), Lines{"_writev [4,4,4]"}) << "flushed synchronously inside uncork()";
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"w:drain", "x null", "y null", "z null"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableBuffer, UncorkWithAsyncWritevCompletesEveryCallbackAfterDrain) {
  SimLoop loop;
  Log log;
  TestWritable w(loop, Opts().hwm(10), &log);
  w.writev = true;
  log.watch(w, "w", kWritableEvents);
  w.cork();
  w.write(bytes(4), log.cb("x"));
  w.write(bytes(4), log.cb("y"));
  w.write(bytes(4), log.cb("z"));
  w.uncork();
  EXPECT_EQ(log.take(), Lines{"_writev [4,4,4]"});
  EXPECT_EQ(w.writable_length(), 12u) << "the whole batch is in flight";
  w.complete();
  EXPECT_EQ(log.take(), (Lines{"w:drain", "x null", "y null", "z null"}));
  loop.drain_ticks();
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableBuffer, UncorkWithoutWritevWritesSequentially) {
  SimLoop loop;
  Log log;
  TestWritable w(loop, Opts().hwm(10), &log);
  log.watch(w, "w", kWritableEvents);
  w.cork();
  w.write(bytes(1), log.cb("x"));
  w.write(bytes(2), log.cb("y"));
  w.uncork();
  EXPECT_EQ(log.take(), Lines{"_write 1"});
  EXPECT_EQ(w.writable_buffered(), 1u);
  w.complete();
  EXPECT_EQ(log.take(), (Lines{"_write 2", "x null"}));
  w.complete();
  EXPECT_EQ(log.take(), Lines{"y null"});
  loop.drain_ticks();
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableBuffer, EndUncorksFully) {
  // WL-L16
  SimLoop loop;
  Log log;
  TestWritable w(loop, {}, &log);
  w.write_mode = WriteMode::Sync;
  log.watch(w, "w", kWritableEvents);
  w.cork();
  w.cork();
  w.write(bytes(1));
  w.write(bytes(2));
  EXPECT_EQ(log.take(), Lines{});
  w.end();
  EXPECT_EQ(log.take(), (Lines{"_write 1", "_write 2", "w:prefinish"}));
  EXPECT_EQ(w.writable_corked(), 0u);
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"w:finish", "_destroy null", "w:close"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableBuffer, UncorkDoesNotFlushWhileAWriteIsInFlight) {
  SimLoop loop;
  Log log;
  TestWritable w(loop, {}, &log);
  w.write(bytes(1), log.cb("a"));
  w.cork();
  w.write(bytes(2), log.cb("b"));
  w.uncork();
  EXPECT_EQ(log.take(), Lines{"_write 1"});
  w.complete();
  EXPECT_EQ(log.take(), (Lines{"_write 2", "a null"}));
  w.complete();
  EXPECT_EQ(log.take(), Lines{"b null"});
  loop.drain_ticks();
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableBuffer, ExtraUncorkIsANoOp) {
  SimLoop loop;
  TestWritable w(loop);
  w.uncork();
  EXPECT_EQ(w.writable_corked(), 0u);
  w.write(bytes(1));
  EXPECT_EQ(w.write_calls, 1) << "not corked by the extra uncork";
  w.complete();
  loop.drain_ticks();
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableBuffer, BufferedCountFollowsTheRealQueueAsItDrains) {
  // test-stream-writable-clear-buffer: corked, slow _write, 4 chunks.
  SimLoop loop;
  TestWritable w(loop);
  w.cork();
  for (int i = 0; i < 4; ++i) w.write(bytes(1));
  std::vector<std::size_t> counts{w.writable_buffered()};
  w.uncork();
  counts.push_back(w.writable_buffered());
  while (w.held() > 0) {
    w.complete();
    counts.push_back(w.writable_buffered());
  }
  EXPECT_EQ(counts, (std::vector<std::size_t>{4, 3, 2, 1, 0, 0}));
  loop.drain_ticks();
  EXPECT_TRUE(LoopIsQuiet(loop));
}

// A Writable that implements only _writev.
class WritevOnly : public Writable {
 public:
  WritevOnly(Loop& loop, Log& log) : Stream(loop), Writable(loop), log_(log) {}

 protected:
  void _writev(std::vector<Chunk> chunks, Callback cb) override {
    log_.add("_writev " + std::to_string(chunks.size()) + " chunk(s)");
    cb();
  }
  bool has_writev() const override { return true; }

 private:
  Log& log_;
};

TEST(WritableBuffer, WritevAloneWrapsASingleChunk) {
  SimLoop loop;
  Log log;
  WritevOnly w(loop, log);
  w.write(bytes(3), log.cb("a"));
  EXPECT_EQ(log.take(), Lines{"_writev 1 chunk(s)"});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"a null"});
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableBuffer, FailedWritevFailsEveryCallbackInTheBatch) {
  SimLoop loop;
  Log log;
  TestWritable w(loop, {}, &log);
  w.writev = true;
  log.watch(w, "w", kWritableEvents);
  w.cork();
  w.write(bytes(1), log.cb("a"));
  w.write(bytes(2), log.cb("b"));
  w.uncork();
  log.take();
  w.complete(Error::plain("vboom"));
  EXPECT_EQ(log.take(), (Lines{"a Error(vboom)", "b Error(vboom)", "_destroy Error(vboom)"}));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"w:error Error(vboom)", "w:close"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableBuffer, WritevBatchCallsOnlyTheCallbacksThatWereGiven) {
  SimLoop loop;
  Log log;
  TestWritable w(loop, {}, &log);
  w.writev = true;
  w.cork();
  w.write(bytes(1));
  w.write(bytes(2), log.cb("b"));
  w.write(bytes(3));
  w.uncork();
  EXPECT_EQ(log.take(), Lines{"_writev [1,2,3]"});
  w.complete();
  EXPECT_EQ(log.take(), Lines{"b null"});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{});
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableBuffer, EndWithAChunkWhileCorkedFlushesInOrderThenFinishes) {
  SimLoop loop;
  Log log;
  TestWritable w(loop, {}, &log);
  log.watch(w, "w", kWritableEvents);
  w.cork();
  w.write(test::str("a"));
  w.write(test::str("b"));
  w.end(test::str("c"), log.cb("end"));
  EXPECT_EQ(log.take(), Lines{"_write 1"});
  w.complete();
  EXPECT_EQ(log.take(), Lines{"_write 1"});
  w.complete();
  EXPECT_EQ(log.take(), Lines{"_write 1"});
  w.complete();
  EXPECT_EQ(log.take(), Lines{"w:prefinish"});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"end null", "w:finish", "_destroy null", "w:close"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

}  // namespace
}  // namespace bp
