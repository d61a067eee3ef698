// SEMANTICS.md 3.3: paused and flowing modes, 'readable', read(), 'end'. Orders checked on
// Node v20.20.2 (RB-R5, R7, R8, R13, R14, EX-11 and a local script written in the shape of
// these tests).
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "tests/streams/test_streams.h"

namespace bp {
namespace {

using test::bytes;
using test::Lines;
using test::Log;
using test::LoopIsQuiet;
using test::Opts;
using test::str;
using test::TestReadable;

// Records each 'data' chunk with the buffer length at that moment.
void log_data(Readable& r, Log& log) {
  r.on(Event::Data, [&r, &log](const EventArg& a) {
    log.add("data " + std::to_string(a.chunk.size()) + " len " +
            std::to_string(r.readable_length()));
  });
}

std::string flowing(const Readable& r) {
  const std::optional<bool> f = r.readable_flowing();
  return f ? (*f ? "true" : "false") : "null";
}

TEST(ReadableModes, FlowingStateIsNullThenTrueThenFalse) {
  SimLoop loop;
  TestReadable r(loop);
  EXPECT_EQ(flowing(r), "null");
  EXPECT_FALSE(r.is_paused());
  r.resume();
  EXPECT_EQ(flowing(r), "true");
  EXPECT_FALSE(r.is_paused());
  r.pause();
  EXPECT_EQ(flowing(r), "false");
  EXPECT_TRUE(r.is_paused());
  loop.drain_ticks();
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(ReadableModes, DataListenerStartsTheFlowOnTheNextTickOneChunkPerData) {
  // EX-11: 'resume' and data come on the next tick; chunks are not merged.
  SimLoop loop;
  Log log;
  TestReadable r(loop, Opts().hwm(4), &log);
  log.watch(r, "r", {Event::Pause, Event::Resume, Event::End, Event::Close});
  r.push(bytes(3));
  r.push(bytes(3));
  r.push(bytes(3));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{});
  log_data(r, log);
  EXPECT_EQ(log.take(), Lines{});
  EXPECT_EQ(flowing(r), "true");
  loop.drain_ticks();
  EXPECT_EQ(log.take(),
            (Lines{"r:resume", "data 3 len 6", "r._read 4 len 6", "data 3 len 3", "data 3 len 0"}));
  r.pause();
  EXPECT_EQ(log.take(), Lines{"r:pause"});
  r.push(bytes(2));
  r.push(bytes(2));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{}) << "paused: pushes accumulate";
  r.resume();
  EXPECT_EQ(log.take(), Lines{});
  r.push_eof();
  EXPECT_EQ(log.take(), (Lines{"data 2 len 2", "data 2 len 0"})) << "EOF flushes the flow";
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"r:resume", "r:end", "r._destroy null", "r:close"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(ReadableModes, ResumeEmitsResumeOnTheNextTick) {
  SimLoop loop;
  Log log;
  TestReadable r(loop, {}, &log);
  log.watch(r, "r", {Event::Pause, Event::Resume});
  r.resume();
  EXPECT_EQ(log.take(), Lines{});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"r._read 16384 len 0", "r:resume"}));
  r.pause();
  r.pause();
  EXPECT_EQ(log.take(), Lines{"r:pause"}) << "once per change of mode";
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(ReadableModes, PausedStreamFillsToTheMarkThenStopsReading) {
  // RB-R5: HWM 6, 2-byte chunks, paused after 3 'data' events.
  SimLoop loop;
  TestReadable r(loop, Opts().hwm(6));
  r.on_read = [](TestReadable& self, std::size_t) {
    self.push(bytes(2));
    if (self.read_calls > 40) self.push_eof();
  };
  int chunks = 0;
  r.on(Event::Data, [&](const EventArg&) {
    if (++chunks == 3) r.pause();
  });
  loop.drain_ticks();
  EXPECT_EQ(chunks, 3);
  EXPECT_TRUE(r.is_paused());
  EXPECT_EQ(r.readable_length(), 6u);
  EXPECT_EQ(r.read_calls, 6);
  loop.drain_ticks();
  EXPECT_EQ(r.readable_length(), 6u);
  EXPECT_EQ(r.read_calls, 6) << "no _read at the mark";
  bool ended = false;
  r.on(Event::End, [&](const EventArg&) { ended = true; });
  r.resume();
  loop.drain_ticks();
  EXPECT_EQ(chunks, 41);
  EXPECT_TRUE(ended);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(ReadableModes, DataListenerDoesNotResumeAnExplicitlyPausedStream) {
  SimLoop loop;
  Log log;
  TestReadable r(loop, {}, &log);
  r.pause();
  r.on(Event::Data, [&](const EventArg&) { log.add("data"); });
  r.push(bytes(1));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"r._read 16384 len 1"}) << "read-ahead, no data";
  EXPECT_EQ(flowing(r), "false");
  r.resume();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"data"});
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(ReadableModes, ReadableListenerTakesPrecedenceOverData) {
  // RB-R8
  SimLoop loop;
  Log log;
  TestReadable r(loop, {}, &log);
  r.on(Event::Readable, [&](const EventArg&) { log.add("readable"); });
  r.on(Event::Data, [&](const EventArg& a) { log.add("data " + std::to_string(a.chunk.size())); });
  r.push(bytes(1));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"r._read 16384 len 1", "readable"}));
  EXPECT_EQ(flowing(r), "false");
  EXPECT_EQ(r.readable_length(), 1u);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(ReadableModes, ReadReturnsEverythingBufferedInPausedMode) {
  // RB-R7: 'ab','cd','ef' -> one read of "abcdef"; 'readable' again at EOF, then 'end'.
  SimLoop loop;
  Log log;
  TestReadable r(loop, Opts().hwm(100), &log);
  r.push(str("ab"));
  r.push(str("cd"));
  r.push(str("ef"));
  r.on(Event::Readable, [&](const EventArg&) {
    std::string got;
    for (Chunk c = r.read(); !c.is_null(); c = r.read()) got += "[" + std::string(c.view()) + "]";
    log.add("readable " + got);
  });
  log.watch(r, "r", {Event::End});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"r._read 100 len 6", "readable [abcdef]"}));
  r.push_eof();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"readable ", "r:end", "r._destroy null"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(ReadableModes, ReadOfNBytesReturnsExactlyNOrNullUntilTheEnd) {
  SimLoop loop;
  TestReadable r(loop, Opts().hwm(100));
  r.push(bytes(3));
  r.push(bytes(3));
  EXPECT_EQ(r.read(4).size(), 4u) << "joined across chunks";
  EXPECT_TRUE(r.read(4).is_null()) << "only 2 left";
  EXPECT_EQ(r.readable_length(), 2u);
  r.push_eof();
  EXPECT_EQ(r.read(4).size(), 2u) << "ended: what is left";
  loop.drain_ticks();
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(ReadableModes, ObjectModeReadReturnsOneItem) {
  SimLoop loop;
  TestReadable r(loop, Opts().object_mode());
  r.push(Chunk::object(1));
  r.push(Chunk::object(2));
  EXPECT_EQ(r.read().as_int(), 1);
  EXPECT_EQ(r.readable_length(), 1u);
  loop.drain_ticks();
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(ReadableModes, EndOnlyAfterTheBufferIsConsumedThenClose) {
  // RB-R13
  SimLoop loop;
  Log log;
  TestReadable r(loop, {}, &log);
  log.watch(r, "r", {Event::End, Event::Close});
  r.push(bytes(1));
  r.push_eof();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{});
  EXPECT_FALSE(r.readable_ended());
  EXPECT_EQ(r.readable_length(), 1u);
  r.resume();
  EXPECT_EQ(log.take(), Lines{});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"r:end", "r._destroy null", "r:close"}));
  EXPECT_TRUE(r.readable_ended());
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(ReadableModes, PausedStreamWithDataLeftNeverEnds) {
  SimLoop loop;
  Log log;
  TestReadable r(loop, {}, &log);
  log.watch(r, "r", {Event::End, Event::Close});
  r.push(bytes(1));
  r.push_eof();
  r.pause();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{});
  EXPECT_FALSE(r.readable_ended());
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(ReadableModes, AutoDestroyFalseEndsWithoutClose) {
  SimLoop loop;
  Log log;
  TestReadable r(loop, Opts().no_auto_destroy(), &log);
  log.watch(r, "r", {Event::End, Event::Close});
  r.push_eof();
  r.resume();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"r:end"});
  EXPECT_FALSE(r.destroyed());
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(ReadableModes, DestroyWithErrorEmitsErrorThenCloseAndNoEnd) {
  // RB-R14
  SimLoop loop;
  Log log;
  TestReadable r(loop, {}, &log);
  log.watch(r, "r", {Event::End, Event::Error, Event::Close});
  r.push(bytes(1));
  r.destroy(Error::plain("rboom"));
  EXPECT_EQ(log.take(), Lines{"r._destroy Error(rboom)"});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"r:error Error(rboom)", "r:close"}));
  EXPECT_TRUE(r.readable_aborted());
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(ReadableModes, ResumeWithTheBufferOverTheMarkDoesNotCallRead) {
  // test-stream-readable-resume-hwm
  SimLoop loop;
  TestReadable r(loop, Opts().hwm(5));
  r.push(bytes(10));
  r.resume();
  EXPECT_EQ(r.read_calls, 0);
  r.pause();
  loop.drain_ticks();
  EXPECT_EQ(r.read_calls, 0);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(ReadableModes, ReadingExactlyWhatIsLeftStillEnds) {
  // test-stream2-large-read-stall
  SimLoop loop;
  Log log;
  TestReadable r(loop, Opts().hwm(10));
  log.watch(r, "r", {Event::End});
  r.push(bytes(20));
  r.push_eof();
  r.on(Event::Readable, [&](const EventArg&) {
    for (Chunk c = r.read(5); !c.is_null(); c = r.read(5))
      log.add("read " + std::to_string(c.size()));
  });
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"read 5", "read 5", "read 5", "read 5", "r:end"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(ReadableModes, RemovingTheReadableListenerLetsDataListenersFlow) {
  SimLoop loop;
  Log log;
  TestReadable r(loop);
  const ListenerId readable = r.on(Event::Readable, [&](const EventArg&) { log.add("readable"); });
  r.on(Event::Data, [&](const EventArg& a) { log.add("data " + std::to_string(a.chunk.size())); });
  r.push(bytes(1));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"readable"});
  EXPECT_EQ(flowing(r), "false");
  r.read();
  r.off(Event::Readable, readable);
  r.push(bytes(2));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"data 1", "data 2"}));
  EXPECT_EQ(flowing(r), "true");
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(ReadableModes, PushFromADataListenerIsDeliveredBeforePushReturns) {
  SimLoop loop;
  Log log;
  TestReadable r(loop);
  int i = 0;
  r.on(Event::Data, [&](const EventArg& a) {
    log.add("data " + std::to_string(a.chunk.size()));
    if (i++ < 2)
      log.add(std::string("push ") +
              (r.push(bytes(static_cast<std::size_t>(i) + 1)) ? "true" : "false"));
  });
  r.push(bytes(1));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"data 1", "data 2", "data 3", "push true", "push true"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(ReadableModes, DestroyInsideReadEmitsErrorAndCloseWithoutEnd) {
  SimLoop loop;
  Log log;
  TestReadable r(loop);
  r.on_read = [](TestReadable& self, std::size_t) { self.destroy(Error::plain("inread")); };
  log.watch(r, "r", {Event::End, Event::Error, Event::Close});
  r.resume();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"r:error Error(inread)", "r:close"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(ReadableModes, DestroyRightAfterResumeStillDeliversBufferedData) {
  // The flow scheduled by resume() runs before the 'close' scheduled by destroy().
  SimLoop loop;
  Log log;
  TestReadable r(loop);
  log.watch(r, "r", {Event::Data, Event::End, Event::Close, Event::Error});
  r.push(str("ab"));
  r.resume();
  r.destroy();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"r:data 2", "r:close"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

}  // namespace
}  // namespace bp
