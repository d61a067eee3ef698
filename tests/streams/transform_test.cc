// SEMANTICS.md section 4: Duplex, Transform, PassThrough. Values and orders checked on Node
// v20.20.2 (TP-T1..T3, T9, T10 and a local script written in the shape of these tests).
#include <gtest/gtest.h>

#include <cstddef>
#include <string>

#include "streams/finished.h"
#include "tests/streams/test_streams.h"

namespace bp {
namespace {

using test::bytes;
using test::CallCount;
using test::describe;
using test::Lines;
using test::Log;
using test::LoopIsQuiet;
using test::Opts;
using test::str;
using test::TestDuplex;
using test::TestTransform;

constexpr std::initializer_list<Event> kDuplexEvents = {Event::Prefinish, Event::Finish, Event::End,
                                                        Event::Error, Event::Close};

// Writes `chunk_size`-unit chunks until write() says false; returns how many were written
// (the false one included).
int writes_until_false(Writable& w, std::size_t chunk_size) {
  int n = 0;
  bool ret = true;
  while (ret && n < 100000) {
    ret = w.write(w.writable_object_mode() ? Chunk::object(n) : bytes(chunk_size));
    ++n;
  }
  return n;
}

// --- Duplex --------------------------------------------------------------------------------

TEST(Duplex, DestroyIsSharedOneErrorOneClose) {
  SimLoop loop;
  Log log;
  TestDuplex d(loop);
  log.watch(d, "d", kDuplexEvents);
  d.destroy(Error::plain("dboom"));
  EXPECT_TRUE(d.readable_aborted());
  EXPECT_TRUE(d.writable_aborted());
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"d:error Error(dboom)", "d:close"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

// A Duplex whose _write fails synchronously.
class FailingDuplex : public Duplex {
 public:
  explicit FailingDuplex(Loop& loop) : Stream(loop), Duplex(loop) {}

 protected:
  void _read(std::size_t) override {}
  void _write(Chunk, Callback cb) override { cb(Error::plain("wboom")); }
};

TEST(Duplex, WriteErrorAlsoErrorsTheReadableSide) {
  SimLoop loop;
  Log log;
  FailingDuplex d(loop);
  log.watch(d, "d", kDuplexEvents);
  d.write(bytes(1));
  ASSERT_NE(d.readable_state(), nullptr);
  EXPECT_EQ(describe(d.readable_state()->errored), "Error(wboom)");
  EXPECT_TRUE(d.readable_aborted());
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"d:error Error(wboom)", "d:close"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Duplex, AutoDestroyWaitsForFinishAndEnd) {
  SimLoop loop;
  Log log;
  TestDuplex d(loop);
  log.watch(d, "d", kDuplexEvents);
  d.end();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"d:prefinish", "d:finish"}));
  EXPECT_FALSE(d.destroyed()) << "the readable side has not ended";
  d.push_eof();
  d.resume();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"d:end", "d:close"}));
  EXPECT_TRUE(d.destroyed());

  TestDuplex e(loop);
  log.watch(e, "e", kDuplexEvents);
  e.push_eof();
  e.resume();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"e:end"});
  EXPECT_FALSE(e.destroyed()) << "the writable side has not finished";
  e.end();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"e:prefinish", "e:finish", "e:close"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Duplex, DisabledReadableSideDoesNotHoldBackAutoDestroy) {
  SimLoop loop;
  Log log;
  TestDuplex d(loop, Opts().no_readable());
  log.watch(d, "d", kDuplexEvents);
  d.end();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"d:prefinish", "d:finish", "d:close"}));
  EXPECT_TRUE(d.destroyed());
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Duplex, WithoutHalfOpenTheReadableEndEndsTheWritableSide) {
  SimLoop loop;
  Log log;
  TestDuplex d(loop, Opts().no_half_open());
  log.watch(d, "d", kDuplexEvents);
  d.push_eof();
  d.resume();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"d:end", "d:prefinish", "d:finish", "d:close"}));
  EXPECT_TRUE(d.writable_ended());
  EXPECT_TRUE(LoopIsQuiet(loop));
}

// --- Transform -----------------------------------------------------------------------------

TEST(Transform, TransformErrorFailsTheWriteThenErrorThenClose) {
  // TP-T9: the readable side never ends.
  SimLoop loop;
  Log log;
  TestTransform t(loop);
  t.transform = [](TestTransform&, Chunk, TransformCallback cb) { cb(Error::plain("tboom"), {}); };
  log.watch(t, "t", kDuplexEvents);
  t.write(str("x"), log.cb("w"));
  EXPECT_EQ(log.take(), Lines{});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"w Error(tboom)", "t:error Error(tboom)", "t:close"}));
  EXPECT_FALSE(t.readable_ended());
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Transform, AcceptsReadablePlusWritableMarkMinusOneUnitsBeforeFalse) {
  // TP-T1/T2, nobody reading; the false write is counted.
  struct Case {
    std::int64_t whwm, rhwm;  // -1: the default
    bool object_mode;
    int writes;
    std::size_t wlen, rlen;
  };
  for (const Case& c : {Case{10, 10, false, 19, 10, 10}, Case{1, 1, false, 1, 1, 1},
                        Case{3, 5, false, 7, 3, 5}, Case{10, 0, false, 10, 10, 1},
                        Case{0, 10, false, 10, 1, 10}, Case{-1, -1, false, 32767, 16384, 16384},
                        Case{-1, -1, true, 31, 16, 16}, Case{4, 4, true, 7, 4, 4}}) {
    const std::string ctx = "wHWM " + std::to_string(c.whwm) + " rHWM " + std::to_string(c.rhwm) +
                            (c.object_mode ? " objects" : " bytes");
    SimLoop loop;
    Opts opts;
    if (c.whwm >= 0) opts.writable_hwm(c.whwm);
    if (c.rhwm >= 0) opts.readable_hwm(c.rhwm);
    if (c.object_mode) opts.object_mode();
    PassThrough p(loop, opts);
    EXPECT_EQ(writes_until_false(p, 1), c.writes) << ctx;
    EXPECT_EQ(p.writable_length(), c.wlen) << ctx;
    EXPECT_EQ(p.readable_length(), c.rlen) << ctx;
    loop.drain_ticks();
    EXPECT_TRUE(LoopIsQuiet(loop)) << ctx;
  }
}

TEST(Transform, LargerChunksFillBothBuffersPastTheirMarks) {
  // 3-byte chunks, 10/10: 7 writes, 12 bytes on each side.
  SimLoop loop;
  PassThrough p(loop, Opts().hwm(10));
  EXPECT_EQ(writes_until_false(p, 3), 7);
  EXPECT_EQ(p.writable_length(), 12u);
  EXPECT_EQ(p.readable_length(), 12u);
  loop.drain_ticks();
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Transform, HeldCallbackIsReleasedByARead) {
  // TP-T3: objectMode, HWM 2 on both sides.
  SimLoop loop;
  Log log;
  TestTransform t(loop, Opts().hwm(2).object_mode());
  t.transform = [&](TestTransform&, Chunk c, TransformCallback cb) {
    log.add("_transform " + std::to_string(c.as_int()));
    cb({}, std::move(c));
  };
  log.watch(t, "t", {Event::Drain});
  Lines rets;
  for (int k = 1; k <= 6; ++k) {
    const bool ret = t.write(Chunk::object(k));
    rets.push_back(std::string(ret ? "true " : "false ") + std::to_string(t.writable_length()) +
                   " " + std::to_string(t.readable_length()));
  }
  EXPECT_EQ(rets,
            (Lines{"true 0 1", "true 1 2", "false 2 2", "false 3 2", "false 4 2", "false 5 2"}))
      << "the second chunk is counted on both sides while its callback is held";
  EXPECT_EQ(log.take(), (Lines{"_transform 1", "_transform 2"}));
  EXPECT_EQ(t.read().as_int(), 1);
  EXPECT_EQ(log.take(), Lines{"_transform 3"});
  EXPECT_EQ(t.writable_length(), 4u);
  EXPECT_EQ(t.readable_length(), 2u);
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{});
  for (Chunk c = t.read(); !c.is_null(); c = t.read())
    log.add("read " + std::to_string(c.as_int()));
  EXPECT_EQ(log.take(), (Lines{"_transform 4", "read 2", "_transform 5", "read 3", "_transform 6",
                               "read 4", "t:drain", "read 5", "read 6"}));
  EXPECT_EQ(t.writable_length(), 0u);
  EXPECT_EQ(t.readable_length(), 0u);
  loop.drain_ticks();
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Transform, ReadableMarkZeroHoldsOneItem) {
  SimLoop loop;
  Log log;
  PassThrough p(loop, Opts().hwm(0).object_mode());
  log.watch(p, "p", {Event::Drain});
  Lines rets;
  for (int i = 0; i < 3; ++i) {
    const bool ret = p.write(Chunk::object(i));
    rets.push_back(std::string(ret ? "true " : "false ") + std::to_string(p.writable_length()) +
                   " " + std::to_string(p.readable_length()));
  }
  EXPECT_EQ(rets, (Lines{"false 1 1", "false 2 1", "false 3 1"}));
  p.on(Event::Readable, [&](const EventArg&) {
    for (Chunk c = p.read(); !c.is_null(); c = p.read())
      log.add("read " + std::to_string(c.as_int()));
  });
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"read 0", "read 1", "read 2", "p:drain"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Transform, TransformMayPushSeveralChunks) {
  SimLoop loop;
  Log log;
  TestTransform t(loop);
  t.transform = [](TestTransform& self, Chunk c, TransformCallback cb) {
    self.push(c.slice(0, 1));
    self.push(c.slice(1, c.size() - 1));
    cb({}, {});
  };
  log.watch(t, "t", {Event::Data});
  t.write(bytes(3));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"t:data 1", "t:data 2"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Transform, EndRunsFlushThenPrefinishEndFinishClose) {
  // TP-T10
  SimLoop loop;
  Log log;
  TestTransform t(loop, {}, &log);
  t.flush = [](TestTransform&, TransformCallback cb) { cb({}, str("tail")); };
  log.watch(t, "t", kDuplexEvents);
  t.on(Event::Data, [&](const EventArg& a) { log.add("data " + std::string(a.chunk.view())); });
  t.end(str("x"));
  EXPECT_EQ(log.take(),
            (Lines{"t._transform 1", "data x", "t._flush", "data tail", "t:prefinish"}));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"t:end", "t:finish", "t._destroy null", "t:close"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Transform, FlushErrorFailsTheStreamWithoutFinish) {
  SimLoop loop;
  Log log;
  TestTransform t(loop);
  t.flush = [](TestTransform&, TransformCallback cb) { cb(Error::plain("fboom"), {}); };
  log.watch(t, "t", kDuplexEvents);
  t.resume();
  t.end(str("x"), log.cb("end"));
  EXPECT_EQ(log.take(), Lines{});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"t:error Error(fboom)", "t:close", "end Error(fboom)"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Transform, EndedPassThroughThatIsNeverReadNeverEndsOrCloses) {
  for (const bool with_data : {false, true}) {
    const std::string ctx = with_data ? "with data" : "empty";
    SimLoop loop;
    Log log;
    PassThrough p(loop);
    log.watch(p, "p", kDuplexEvents);
    CallCount done;
    finished(p, done.fn());
    if (with_data) p.write(str("x"));
    p.end();
    loop.drain_ticks();
    EXPECT_EQ(log.take(), (Lines{"p:prefinish", "p:finish"})) << ctx;
    EXPECT_FALSE(p.destroyed()) << ctx;
    EXPECT_EQ(done.calls, 0) << ctx << ": finished() never completes";
    EXPECT_TRUE(LoopIsQuiet(loop)) << ctx;
  }
}

TEST(Transform, NeedDrainIsStillClearInsideASynchronousTransform) {
  // test-stream-writable-needdrain-state, HWM 1 with a flowing consumer: needDrain is only
  // computed after _write returns, and the write completes inside it.
  SimLoop loop;
  Log log;
  TestTransform t(loop, Opts().hwm(1));
  t.transform = [&](TestTransform& self, Chunk c, TransformCallback cb) {
    log.add(std::string("in transform needDrain ") +
            (self.writable_need_drain() ? "true" : "false"));
    cb({}, std::move(c));
  };
  t.on(Event::Data, [](const EventArg&) {});
  loop.drain_ticks();
  const bool ret = t.write(str("xx"), [&](Error) {
    log.add(std::string("cb needDrain ") + (t.writable_need_drain() ? "true" : "false"));
  });
  EXPECT_TRUE(ret);
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"in transform needDrain false", "cb needDrain false"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Transform, PassThroughDrainsOnceItIsRead) {
  SimLoop loop;
  Log log;
  PassThrough p(loop, Opts().hwm(2));
  log.watch(p, "p", {Event::Drain});
  int writes = 1;
  while (p.write(str("a"))) ++writes;
  EXPECT_EQ(writes, 3);
  p.resume();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"p:drain"});
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Transform, EndWaitsForHeldTransformsAndFlushesOnlyWhenRead) {
  // objectMode, HWM 1: 1 is pushed, 2 and 3 wait; _flush runs once the reader drains them.
  SimLoop loop;
  Log log;
  TestTransform t(loop, Opts().hwm(1).object_mode(), &log);
  t.flush = [](TestTransform&, TransformCallback cb) { cb({}, Chunk::object(99)); };
  log.watch(t, "t", kDuplexEvents);
  t.write(Chunk::object(1));
  t.write(Chunk::object(2));
  t.write(Chunk::object(3));
  t.end();
  EXPECT_EQ(log.take(), Lines{"t._transform 1"});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{});
  std::string got;
  for (Chunk c = t.read(); !c.is_null(); c = t.read()) got += std::to_string(c.as_int()) + " ";
  EXPECT_EQ(got, "1 2 3 99 ");
  EXPECT_EQ(log.take(), (Lines{"t._transform 2", "t._transform 3", "t._flush", "t:prefinish"}));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"t:finish", "t:end", "t._destroy null", "t:close"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Transform, DestroyWithAHeldCallbackNeverCallsTheWriteCallbacks) {
  SimLoop loop;
  Log log;
  TestTransform t(loop, Opts().hwm(1).object_mode());
  log.watch(t, "t", kDuplexEvents);
  CallCount writes;
  t.write(Chunk::object(1), writes.fn());
  t.write(Chunk::object(2), writes.fn());
  t.write(Chunk::object(3), writes.fn());
  t.destroy();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"t:close"});
  EXPECT_EQ(writes.calls, 0) << "the held one is in flight forever; the queued ones wait for it";
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Duplex, WithoutHalfOpenTheWritableFinishDoesNotEndTheReadableSide) {
  SimLoop loop;
  Log log;
  TestDuplex d(loop, Opts().no_half_open());
  log.watch(d, "d", kDuplexEvents);
  d.end();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"d:prefinish", "d:finish"}));
  d.push_eof();
  d.resume();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"d:end", "d:close"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Duplex, EmitCloseFalseOnEitherSideOptionSilencesClose) {
  SimLoop loop;
  Log log;
  TestDuplex d(loop, Opts().no_emit_close());
  log.watch(d, "d", kDuplexEvents);
  d.destroy();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{});
  EXPECT_TRUE(d.closed());
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Transform, CompletionIsDeferredToTheNextTickOnceTheReadableSideHasEnded) {
  // _transform pushes EOF itself: the write completes on the next tick, so write() still
  // counts the chunk (false at HWM 1) and the drain precedes the callback.
  SimLoop loop;
  Log log;
  TestTransform t(loop, Opts().hwm(1));
  t.transform = [&](TestTransform& self, Chunk, TransformCallback cb) {
    log.add("_transform");
    self.push_eof();
    cb({}, {});
  };
  log.watch(t, "t", {Event::Drain, Event::Error});
  const bool ret = t.write(str("a"), log.cb("cb"));
  log.add(std::string("ret ") + (ret ? "true" : "false") + " len " +
          std::to_string(t.writable_length()));
  loop.next_tick([&] { log.add("user tick"); });
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"_transform", "ret false len 1", "t:drain", "cb null", "user tick"}));
  EXPECT_EQ(t.writable_length(), 0u);
  EXPECT_TRUE(LoopIsQuiet(loop));
}


// A PassThrough subclass that overrides _transform: Transform skips the _transform call only
// for a stock PassThrough, so this one must still see every chunk.
class CountingPassThrough : public PassThrough {
 public:
  explicit CountingPassThrough(Loop& loop) : Stream(loop), PassThrough(loop) {}
  int transforms = 0;

 protected:
  void _transform(Chunk chunk, TransformCallback cb) override {
    ++transforms;
    cb({}, std::move(chunk));
  }
};

TEST(Transform, PassThroughSubclassStillRunsItsOwnTransform) {
  SimLoop loop;
  CountingPassThrough p(loop);
  std::size_t received = 0;
  p.on(Event::Data, [&](const EventArg& a) { received += a.chunk.size(); });
  p.write(bytes(3));
  p.write(bytes(4));
  p.end();
  loop.run();
  EXPECT_EQ(p.transforms, 2);
  EXPECT_EQ(received, 7u);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

}  // namespace
}  // namespace bp
