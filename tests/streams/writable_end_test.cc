// SEMANTICS.md 2.6: end(), _final, 'prefinish', 'finish', 'close'. Orders checked on Node
// v20.20.2 (WL-L1..L4, L13, L19..L22, EX-07, EX-09 and a local script written in the shape of
// these tests).
#include <gtest/gtest.h>

#include <string>

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
using test::TestWritable;
using FinalMode = TestWritable::FinalMode;
using WriteMode = TestWritable::WriteMode;

TEST(WritableEnd, PrefinishIsSyncEndCallbackThenFinishThenClose) {
  // WL-L1: nothing pending.
  SimLoop loop;
  Log log;
  TestWritable w(loop, {}, &log);
  log.watch(w, "w", kWritableEvents);
  w.end(log.cb("end"));
  EXPECT_EQ(log.take(), Lines{"w:prefinish"}) << "'finish' never inside end()";
  EXPECT_TRUE(w.writable_ended());
  EXPECT_FALSE(w.writable_finished());
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"end null", "w:finish", "_destroy null", "w:close"}));
  EXPECT_TRUE(w.writable_finished());
  EXPECT_TRUE(w.destroyed());
  EXPECT_TRUE(w.closed());
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableEnd, WritableFinishedBecomesTrueExactlyAtFinish) {
  SimLoop loop;
  Log log;
  TestWritable w(loop);
  w.on(Event::Prefinish, [&](const EventArg&) {
    log.add(std::string("prefinish finished=") + (w.writable_finished() ? "true" : "false"));
  });
  w.on(Event::Finish, [&](const EventArg&) {
    log.add(std::string("finish finished=") + (w.writable_finished() ? "true" : "false"));
  });
  w.end();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"prefinish finished=false", "finish finished=true"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableEnd, EndWaitsForTheWriteInFlightAndWritesItsChunkFirst) {
  // WL-L2 with end(chunk): the chunk queues behind the write in flight, with no callback.
  SimLoop loop;
  Log log;
  TestWritable w(loop, {}, &log);
  log.watch(w, "w", kWritableEvents);
  w.write(bytes(3), log.cb("a"));
  w.end(bytes(2), log.cb("end"));
  EXPECT_EQ(log.take(), Lines{"_write 3"});
  EXPECT_EQ(w.writable_length(), 5u);
  w.complete();
  EXPECT_EQ(log.take(), (Lines{"_write 2", "a null"}));
  w.complete();
  EXPECT_EQ(log.take(), Lines{"w:prefinish"}) << "prefinish inside the last completion";
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"end null", "w:finish", "_destroy null", "w:close"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableEnd, SyncWriteThenEndFinishesOnTheNextTick) {
  // WL-L21
  SimLoop loop;
  Log log;
  TestWritable w(loop, {}, &log);
  w.write_mode = WriteMode::Sync;
  log.watch(w, "w", kWritableEvents);
  w.write(bytes(1), log.cb("x"));
  w.end(log.cb("end"));
  EXPECT_EQ(log.take(), (Lines{"_write 1", "w:prefinish"}));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"x null", "end null", "w:finish", "_destroy null", "w:close"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableEnd, AsyncFinalDelaysPrefinishUntilItCallsBack) {
  // WL-L3
  SimLoop loop;
  Log log;
  TestWritable w(loop, {}, &log);
  w.final_mode = FinalMode::Hold;
  log.watch(w, "w", kWritableEvents);
  w.end(log.cb("end"));
  EXPECT_EQ(log.take(), Lines{"_final"}) << "_final runs inside end()";
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{});
  EXPECT_FALSE(w.writable_finished());
  w.complete_final();
  EXPECT_EQ(log.take(), Lines{"w:prefinish"});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"end null", "w:finish", "_destroy null", "w:close"}));
  EXPECT_EQ(w.final_calls, 1);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableEnd, FinalRunsAfterTheLastWriteCompletes) {
  SimLoop loop;
  Log log;
  TestWritable w(loop, {}, &log);
  w.final_mode = FinalMode::Sync;
  log.watch(w, "w", kWritableEvents);
  w.write(bytes(1), log.cb("a"));
  w.end(log.cb("end"));
  EXPECT_EQ(log.take(), Lines{"_write 1"});
  w.complete();
  EXPECT_EQ(log.take(), (Lines{"a null", "_final", "w:prefinish"}));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"end null", "w:finish", "_destroy null", "w:close"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableEnd, SyncFinalFailureCallsEndCallbackAfterErrorAndClose) {
  // WL-L4: no prefinish, no finish.
  SimLoop loop;
  Log log;
  TestWritable w(loop, {}, &log);
  w.final_mode = FinalMode::SyncError;
  log.watch(w, "w", kWritableEvents);
  w.end(log.cb("end"));
  EXPECT_EQ(log.take(), (Lines{"_final", "_destroy Error(finalboom)"}));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"w:error Error(finalboom)", "w:close", "end Error(finalboom)"}));
  EXPECT_FALSE(w.writable_finished());
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableEnd, AsyncFinalFailureCallsEndCallbackBeforeErrorAndClose) {
  // EX-07
  SimLoop loop;
  Log log;
  TestWritable w(loop, {}, &log);
  w.final_mode = FinalMode::Hold;
  w.write_mode = WriteMode::Sync;
  log.watch(w, "w", kWritableEvents);
  w.write(bytes(4), log.cb("a"));
  w.end(log.cb("end"));
  EXPECT_EQ(log.take(), (Lines{"_write 4", "_final"}));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"a null"});
  w.complete_final(Error::plain("flush failed"));
  EXPECT_EQ(log.take(), (Lines{"end Error(flush failed)", "_destroy Error(flush failed)"}));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"w:error Error(flush failed)", "w:close"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableEnd, DestroyWhileFinalIsPendingSuppressesFinish) {
  // WL-L22: the late _final callback is ignored.
  SimLoop loop;
  Log log;
  TestWritable w(loop, {}, &log);
  w.final_mode = FinalMode::Hold;
  w.write_mode = WriteMode::Sync;
  log.watch(w, "w", kWritableEvents);
  w.end(log.cb("end"));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"_final"});
  w.destroy();
  EXPECT_EQ(log.take(), Lines{"_destroy null"});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"end ERR_STREAM_DESTROYED", "w:close"}));
  w.complete_final();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{});
  EXPECT_FALSE(w.writable_finished());
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableEnd, EndTwiceBeforeFinishCallsBothCallbacks) {
  // WL-L20
  SimLoop loop;
  Log log;
  TestWritable w(loop, {}, &log);
  log.watch(w, "w", kWritableEvents);
  w.write(bytes(1));
  w.end(log.cb("e1"));
  w.end(log.cb("e2"));
  EXPECT_EQ(log.take(), Lines{"_write 1"});
  w.complete();
  EXPECT_EQ(log.take(), Lines{"w:prefinish"});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"e1 null", "e2 null", "w:finish", "_destroy null", "w:close"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableEnd, EndAfterFinishGetsAlreadyFinishedWithoutAnErrorEvent) {
  // WL-L19
  SimLoop loop;
  Log log;
  TestWritable w(loop, {}, &log);
  log.watch(w, "w", kWritableEvents);
  w.end();
  loop.drain_ticks();
  log.take();
  w.end(log.cb("end2"));
  EXPECT_EQ(log.take(), Lines{});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"end2 ERR_STREAM_ALREADY_FINISHED"});
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableEnd, EndAfterAnErrorDoesNotSetEndedAndCallsBackWithTheError) {
  // EX-09 (autoDestroy:false keeps the errored stream undestroyed).
  SimLoop loop;
  Log log;
  TestWritable w(loop, Opts().no_auto_destroy(), &log);
  log.watch(w, "w", kWritableEvents);
  w.write(bytes(1));
  w.complete(Error::plain("boom"));
  log.take();
  w.end(log.cb("end"));
  EXPECT_EQ(log.take(), Lines{});
  EXPECT_FALSE(w.writable_ended());
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"end Error(boom)"});
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableEnd, EndAfterDestroyWithAnErrorGetsDestroyed) {
  SimLoop loop;
  Log log;
  TestWritable w(loop, {}, &log);
  log.watch(w, "w", kWritableEvents);
  w.destroy(Error::plain("d1"));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"_destroy Error(d1)", "w:error Error(d1)", "w:close"}));
  w.end(log.cb("end"));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"end ERR_STREAM_DESTROYED"});
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableEnd, EndAfterDestroyWithoutAnErrorNeverCallsBack) {
  // Node v20: not errored, not ending -> end() sets ending and stores the callback, but the
  // destroyed stream never finishes and the flush that fails stored callbacks was only
  // scheduled by destroy() itself. Checked on v20.20.2.
  SimLoop loop;
  Log log;
  TestWritable w(loop, {}, &log);
  log.watch(w, "w", kWritableEvents);
  w.destroy();
  CallCount end_cb;
  w.end(end_cb.fn());
  EXPECT_TRUE(w.writable_ended());
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"_destroy null", "w:close"}));
  EXPECT_EQ(end_cb.calls, 0);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableEnd, EndWithAChunkAfterEndIsWriteAfterEnd) {
  // test-stream-writable-end-cb-error: the stored first callback fails too.
  SimLoop loop;
  Log log;
  TestWritable w(loop, {}, &log);
  w.write_mode = WriteMode::Sync;
  log.watch(w, "w", kWritableEvents);
  w.end(bytes(1), log.cb("e1"));
  EXPECT_EQ(log.take(), (Lines{"_write 1", "w:prefinish"}));
  w.end(bytes(1), log.cb("e2"));
  EXPECT_EQ(log.take(), Lines{"_destroy ERR_STREAM_WRITE_AFTER_END"});
  loop.drain_ticks();
  EXPECT_EQ(log.take(),
            (Lines{"e1 ERR_STREAM_WRITE_AFTER_END", "w:error ERR_STREAM_WRITE_AFTER_END", "w:close",
                   "e2 ERR_STREAM_WRITE_AFTER_END"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableEnd, WriteFromAFinishListenerIsWriteAfterEnd) {
  SimLoop loop;
  Log log;
  TestWritable w(loop, {}, &log);
  w.write_mode = WriteMode::Sync;
  log.watch(w, "w", kWritableEvents);
  w.on(Event::Finish, [&](const EventArg&) {
    log.add(std::string("ret ") + (w.write(bytes(1), log.cb("late")) ? "true" : "false"));
  });
  w.end();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"w:prefinish", "w:finish", "_destroy ERR_STREAM_WRITE_AFTER_END",
                               "ret false", "late ERR_STREAM_WRITE_AFTER_END",
                               "w:error ERR_STREAM_WRITE_AFTER_END", "w:close"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableEnd, EmitCloseFalseDestroysWithoutClose) {
  // WL-L13
  SimLoop loop;
  Log log;
  TestWritable w(loop, Opts().no_emit_close(), &log, "a");
  w.write_mode = WriteMode::Sync;
  log.watch(w, "a", kWritableEvents);
  w.end();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"a:prefinish", "a:finish", "a._destroy null"}));
  EXPECT_TRUE(w.destroyed());
  EXPECT_TRUE(w.closed());
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableEnd, AutoDestroyFalseStaysOpenAfterFinish) {
  // WL-L13
  SimLoop loop;
  Log log;
  TestWritable w(loop, Opts().no_auto_destroy(), &log, "b");
  w.write_mode = WriteMode::Sync;
  log.watch(w, "b", kWritableEvents);
  w.end();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"b:prefinish", "b:finish"}));
  EXPECT_FALSE(w.destroyed());
  EXPECT_FALSE(w.closed());
  EXPECT_TRUE(LoopIsQuiet(loop));
}

}  // namespace
}  // namespace bp
