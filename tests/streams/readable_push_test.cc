// SEMANTICS.md 3.1-3.2: push()'s return value and accounting, and when _read is called.
// Orders checked on Node v20.20.2 (RB-R1..R6, R14, R15 and a local script written in the
// shape of these tests).
#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <vector>

#include "tests/streams/test_streams.h"

namespace bp {
namespace {

using test::bytes;
using test::describe;
using test::Lines;
using test::Log;
using test::LoopIsQuiet;
using test::Opts;
using test::TestReadable;

// "<ret> <readableLength>" after a push.
std::string push_result(Readable& r, Chunk c) {
  const bool ret = r.push(std::move(c));
  return std::string(ret ? "true " : "false ") + std::to_string(r.readable_length());
}

// --- 3.1 push() ----------------------------------------------------------------------------

TEST(ReadablePush, PushReturnsFalseOnceTheBufferReachesTheMark) {
  // RB-R2: evaluated after adding the chunk.
  SimLoop loop;
  Log log;
  TestReadable r(loop, Opts().hwm(10), &log);
  EXPECT_EQ(push_result(r, bytes(4)), "true 4");
  EXPECT_EQ(push_result(r, bytes(5)), "true 9");
  EXPECT_EQ(push_result(r, bytes(1)), "false 10");
  EXPECT_EQ(push_result(r, bytes(3)), "false 13");
  EXPECT_EQ(log.take(), Lines{}) << "a full buffer asks for nothing";
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{});
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(ReadablePush, PushEofReturnsFalseAndALaterPushFailsTheStream) {
  SimLoop loop;
  Log log;
  TestReadable r(loop, Opts().hwm(10), &log);
  log.watch(r, "r", {Event::Error, Event::Close, Event::End});
  r.push(bytes(4));
  EXPECT_FALSE(r.push_eof());
  EXPECT_EQ(push_result(r, bytes(1)), "false 4");
  EXPECT_EQ(log.take(), Lines{"r._destroy ERR_STREAM_PUSH_AFTER_EOF"}) << "destroyed inside push()";
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"r:error ERR_STREAM_PUSH_AFTER_EOF", "r:close"}));
  EXPECT_TRUE(r.destroyed());
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(ReadablePush, ObjectModeCountsItems) {
  // RB-R15: default HWM 16.
  struct Case {
    std::int64_t hwm;  // -1: the default
    std::string rets;
  };
  for (const Case& c : {Case{2, "TFF"}, Case{-1, "TTTTTTTTTTTTTTTFF"}}) {
    const std::string ctx = "object HWM " + std::to_string(c.hwm);
    SimLoop loop;
    Opts opts = Opts().object_mode();
    if (c.hwm >= 0) opts.hwm(c.hwm);
    TestReadable r(loop, opts);
    std::string rets;
    for (std::size_t i = 0; i < c.rets.size(); ++i) {
      rets += r.push(Chunk::object(static_cast<std::int64_t>(i))) ? 'T' : 'F';
    }
    EXPECT_EQ(rets, c.rets) << ctx;
    EXPECT_EQ(r.readable_length(), c.rets.size()) << ctx;
    loop.drain_ticks();
    EXPECT_EQ(r.read_calls, 0) << ctx;
    EXPECT_TRUE(LoopIsQuiet(loop)) << ctx;
  }
}

TEST(ReadablePush, EmptyChunkIsNotStored) {
  SimLoop loop;
  TestReadable r(loop, Opts().hwm(10));
  EXPECT_EQ(push_result(r, bytes(0)), "true 0");
  r.push(bytes(10));
  EXPECT_EQ(push_result(r, bytes(0)), "false 10") << "same answer as for the buffer";
  EXPECT_EQ(r.read().size(), 10u);
  loop.drain_ticks();
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(ReadablePush, EmptyObjectIsStoredInObjectMode) {
  SimLoop loop;
  TestReadable r(loop, Opts().object_mode());
  EXPECT_EQ(push_result(r, bytes(0)), "true 1");
  loop.drain_ticks();
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(ReadablePush, PushesAfterDestroyAreDropped) {
  // RB-R14
  SimLoop loop;
  Log log;
  TestReadable r(loop, {}, &log);
  log.watch(r, "r", {Event::Error, Event::Close, Event::End});
  r.destroy(Error::plain("rboom"));
  EXPECT_EQ(push_result(r, bytes(1)), "false 0");
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"r._destroy Error(rboom)", "r:error Error(rboom)", "r:close"}));
  EXPECT_EQ(push_result(r, bytes(1)), "false 0");
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(ReadablePush, FlowingAsyncPushIntoAnEmptyBufferIsEmittedDirectly) {
  // RB-R6: never counted in readableLength.
  SimLoop loop;
  Log log;
  TestReadable r(loop, Opts().hwm(4), &log);
  r.on(Event::Data, [&](const EventArg& a) {
    log.add("data " + std::to_string(a.chunk.size()) + " len " +
            std::to_string(r.readable_length()));
  });
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"r._read 4 len 0"});
  EXPECT_EQ(push_result(r, bytes(10)), "true 0");
  EXPECT_EQ(log.take(), Lines{"data 10 len 0"});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"r._read 4 len 0"});
  EXPECT_EQ(r.readable_peak_length(), 0u);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

// --- 3.2 _read -----------------------------------------------------------------------------

TEST(ReadablePush, ReadIsNeverCalledWithoutAConsumer) {
  // RB-R1
  SimLoop loop;
  TestReadable r(loop);
  loop.drain_ticks();
  EXPECT_EQ(r.read_calls, 0);
  EXPECT_FALSE(r.readable_flowing().has_value());
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(ReadablePush, OnePushFromOutsideReadsAheadUpToTheMark) {
  // RB-R3: _read gets the HWM as size and is called at length 1, 4, 7.
  SimLoop loop;
  Log log;
  TestReadable r(loop, Opts().hwm(10), &log);
  r.on_read = [&](TestReadable& self, std::size_t) {
    log.add(std::string("push ") + (self.push(bytes(3)) ? "true" : "false"));
  };
  r.push(bytes(1));
  EXPECT_EQ(log.take(), Lines{}) << "read-ahead starts on the next tick";
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"r._read 10 len 1", "push true", "r._read 10 len 4", "push true",
                               "r._read 10 len 7", "push false"}));
  EXPECT_EQ(r.readable_length(), 10u);
  EXPECT_FALSE(r.readable_flowing().has_value());
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(ReadablePush, ReadIsNotReenteredWhileOneIsOutstanding) {
  // RB-R4
  SimLoop loop;
  Log log;
  TestReadable r(loop, Opts().hwm(10), &log);
  r.read(0);
  r.read(0);
  r.read(0);
  EXPECT_EQ(log.take(), Lines{"r._read 10 len 0"});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{});
  r.push(bytes(2));
  EXPECT_EQ(log.take(), Lines{});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"r._read 10 len 2"}) << "the push re-arms _read";
  EXPECT_EQ(r.readable_length(), 2u);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(ReadablePush, ReadCallsReadOnlyWhenWhatRemainsWouldBeBelowTheMark) {
  SimLoop loop;
  Log log;
  TestReadable r(loop, Opts().hwm(10), &log);
  r.push(bytes(15));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{});
  EXPECT_EQ(r.read(4).size(), 4u);
  EXPECT_EQ(log.take(), Lines{}) << "11 left >= 10";
  EXPECT_EQ(r.read(2).size(), 2u);
  EXPECT_EQ(log.take(), Lines{"r._read 10 len 11"}) << "9 left < 10";
  EXPECT_EQ(r.readable_length(), 9u);
  loop.drain_ticks();
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(ReadablePush, ReadSizeIsAlwaysTheHighWaterMark) {
  for (const std::int64_t hwm : {1, 7, 16384}) {
    const std::string ctx = "HWM " + std::to_string(hwm);
    SimLoop loop;
    TestReadable r(loop, Opts().hwm(hwm));
    r.read(1);
    EXPECT_EQ(r.read_sizes, std::vector<std::size_t>{static_cast<std::size_t>(hwm)}) << ctx;
    loop.drain_ticks();
    EXPECT_TRUE(LoopIsQuiet(loop)) << ctx;
  }
}

TEST(ReadablePush, HighWaterMarkZeroReadsOnlyWhenEmptyAndSomeoneReads) {
  // test-stream-readable-hwm-0: attaching 'readable' calls _read once.
  SimLoop loop;
  Log log;
  TestReadable r(loop, Opts().hwm(0), &log);
  r.on(Event::Readable, [&](const EventArg&) { log.add("readable"); });
  log.watch(r, "r", {Event::End});
  EXPECT_EQ(log.take(), Lines{});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"r._read 0 len 0"});
  EXPECT_TRUE(r.read().is_null());
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{});
  r.push(bytes(1));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"readable"});
  EXPECT_EQ(r.read().size(), 1u);
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{}) << "nobody read from an empty buffer yet";
  r.push_eof();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"readable"});
  EXPECT_TRUE(r.read().is_null());
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"r:end", "r._destroy null"}));
  EXPECT_EQ(r.read_calls, 1);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(ReadablePush, HighWaterMarkZeroWithoutAConsumerNeverReads) {
  SimLoop loop;
  TestReadable r(loop, Opts().hwm(0));
  r.push(bytes(1));
  loop.drain_ticks();
  EXPECT_EQ(r.read_calls, 0);
  EXPECT_EQ(r.readable_length(), 1u);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

}  // namespace
}  // namespace bp
