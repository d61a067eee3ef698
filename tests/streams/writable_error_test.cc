// SEMANTICS.md 2.7-2.9: errors from _write, writes after end or destroy, and destroy().
// Orders checked on Node v20.20.2 (WL-L5..L12, L24, WB-A11, RB-R17, EX-03/04/05/09/10 and a
// local script written in the shape of these tests).
#include <gtest/gtest.h>

#include <string>

#include "tests/streams/test_streams.h"

namespace bp {
namespace {

using test::bytes;
using test::CallCount;
using test::describe;
using test::kWritableEvents;
using test::Lines;
using test::Log;
using test::LoopIsQuiet;
using test::Opts;
using test::TestWritable;
using DestroyMode = TestWritable::DestroyMode;
using WriteMode = TestWritable::WriteMode;

// --- 2.7 errors from _write ----------------------------------------------------------------

TEST(WritableError, AsyncWriteErrorCallsEveryCallbackThenErrorThenClose) {
  // WL-L5, EX-03: the write's own callback, the buffered ones, end's, then destroy.
  SimLoop loop;
  Log log;
  TestWritable w(loop, Opts().hwm(16), &log);
  log.watch(w, "w", kWritableEvents);
  w.write(bytes(3), log.cb("a"));
  w.write(bytes(3), log.cb("b"));
  w.end(log.cb("end"));
  log.take();
  w.complete(Error::plain("boom"));
  EXPECT_EQ(log.take(),
            (Lines{"a Error(boom)", "b Error(boom)", "end Error(boom)", "_destroy Error(boom)"}));
  EXPECT_TRUE(w.destroyed());
  EXPECT_EQ(w.writable_length(), 0u) << "queued chunks are discarded";
  EXPECT_EQ(describe(w.errored()), "Error(boom)");
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"w:error Error(boom)", "w:close"})) << "no 'finish'";
  EXPECT_FALSE(w.write(bytes(1), log.cb("c")));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"c ERR_STREAM_WRITE_AFTER_END"}) << "ending is checked first";
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableError, WriteAfterAWriteErrorWithoutEndGetsDestroyed) {
  // RB-R17
  SimLoop loop;
  Log log;
  TestWritable w(loop, {}, &log);
  log.watch(w, "w", kWritableEvents);
  w.write(bytes(3), log.cb("a"));
  w.complete(Error::plain("boom"));
  EXPECT_EQ(log.take(), (Lines{"_write 3", "a Error(boom)", "_destroy Error(boom)"}));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"w:error Error(boom)", "w:close"}));
  EXPECT_FALSE(w.write(bytes(1), log.cb("b")));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"b ERR_STREAM_DESTROYED"}) << "no second 'error'";
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableError, SyncWriteErrorReturnsFalseAndCallsBackOnTheNextTick) {
  // WL-L6
  SimLoop loop;
  Log log;
  TestWritable w(loop, {}, &log);
  w.write_mode = WriteMode::SyncError;
  log.watch(w, "w", kWritableEvents);
  EXPECT_FALSE(w.write(bytes(1), log.cb("a")));
  EXPECT_EQ(log.take(), Lines{"_write 1"});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"a Error(syncboom)", "_destroy Error(syncboom)",
                               "w:error Error(syncboom)", "w:close"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableError, WhileWriteLoopStopsAfterOneSyncFailure) {
  SimLoop loop;
  TestWritable w(loop);
  w.write_mode = WriteMode::SyncError;
  CallCount errors;
  w.on(Event::Error, [&](const EventArg&) { ++errors.calls; });
  int iterations = 1;
  while (w.write(bytes(1))) {
    if (++iterations > 100) break;
  }
  EXPECT_EQ(iterations, 1);
  EXPECT_EQ(w.write_calls, 1);
  loop.drain_ticks();
  EXPECT_EQ(errors.calls, 1);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableError, AutoDestroyFalseEmitsErrorInsideTheFailingCallback) {
  // WB-A11, EX-09: no destroy, no 'close'; later writes queue until destroy() fails them.
  SimLoop loop;
  Log log;
  TestWritable w(loop, Opts().no_auto_destroy(), &log);
  log.watch(w, "w", kWritableEvents);
  w.write(bytes(1), log.cb("a"));
  w.write(bytes(2), log.cb("q"));
  log.take();
  w.complete(Error::plain("boom"));
  EXPECT_EQ(log.take(), (Lines{"a Error(boom)", "q Error(boom)", "w:error Error(boom)"}));
  EXPECT_EQ(w.writable_length(), 0u);
  EXPECT_FALSE(w.destroyed());
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{});
  EXPECT_FALSE(w.write(bytes(4), log.cb("b")));
  EXPECT_EQ(w.writable_length(), 4u);
  EXPECT_EQ(w.writable_buffered(), 1u);
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{}) << "queued forever";
  w.destroy();
  EXPECT_EQ(log.take(), Lines{"_destroy null"});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"b Error(boom)", "w:close"})) << "failed with the stored error";
  EXPECT_EQ(w.writable_length(), 0u);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableError, AutoDestroyFalseSyncFailureEmitsErrorOnTheNextTick) {
  SimLoop loop;
  Log log;
  TestWritable w(loop, Opts().no_auto_destroy(), &log);
  w.write_mode = WriteMode::SyncError;
  log.watch(w, "w", kWritableEvents);
  w.write(bytes(1), log.cb("a"));
  EXPECT_EQ(log.take(), Lines{"_write 1"});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"a Error(syncboom)", "w:error Error(syncboom)"}));
  EXPECT_FALSE(w.destroyed());
  EXPECT_TRUE(LoopIsQuiet(loop));
}

// --- 2.8 write after end / after destroy ---------------------------------------------------

TEST(WritableError, WriteAfterEndBeforeFinishDestroysTheStream) {
  // WL-L7, EX-05: the write in flight still completes; end's callback gets the error.
  SimLoop loop;
  Log log;
  TestWritable w(loop, {}, &log);
  log.watch(w, "w", kWritableEvents);
  w.write(bytes(2), log.cb("a"));
  w.end(bytes(2), log.cb("end"));
  log.take();
  EXPECT_FALSE(w.write(bytes(2), log.cb("b")));
  EXPECT_EQ(log.take(), Lines{"_destroy ERR_STREAM_WRITE_AFTER_END"});
  EXPECT_EQ(w.writable_length(), 4u) << "nothing added";
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"b ERR_STREAM_WRITE_AFTER_END", "w:error ERR_STREAM_WRITE_AFTER_END",
                               "w:close"}));
  w.complete();
  EXPECT_EQ(log.take(), (Lines{"a null", "end ERR_STREAM_WRITE_AFTER_END"}));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{});
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableError, WriteAfterAnAutoDestroyedFinishOnlyFailsTheCallback) {
  // WL-L8: no 'error' event; without a callback the write is silently dropped.
  SimLoop loop;
  Log log;
  TestWritable w(loop, {}, &log);
  w.write_mode = WriteMode::Sync;
  log.watch(w, "w", kWritableEvents);
  w.end();
  loop.drain_ticks();
  log.take();
  EXPECT_FALSE(w.write(bytes(1), log.cb("late")));
  EXPECT_FALSE(w.write(bytes(1)));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"late ERR_STREAM_WRITE_AFTER_END"});
  EXPECT_TRUE(LoopIsQuiet(loop)) << "no uncaught error either";
}

TEST(WritableError, WriteAfterFinishWithoutAutoDestroyEmitsErrorWithoutClose) {
  // WL-L9
  SimLoop loop;
  Log log;
  TestWritable w(loop, Opts().no_auto_destroy(), &log);
  w.write_mode = WriteMode::Sync;
  log.watch(w, "w", kWritableEvents);
  w.end();
  loop.drain_ticks();
  log.take();
  EXPECT_FALSE(w.write(bytes(1)));
  EXPECT_EQ(log.take(), Lines{});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"w:error ERR_STREAM_WRITE_AFTER_END"});
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableError, WriteAfterDestroyFailsTheCallbackWithoutAnErrorEvent) {
  SimLoop loop;
  Log log;
  TestWritable w(loop, {}, &log);
  log.watch(w, "w", kWritableEvents);
  w.destroy();
  loop.drain_ticks();
  log.take();
  EXPECT_FALSE(w.write(bytes(1), log.cb("x")));
  EXPECT_EQ(log.take(), Lines{});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"x ERR_STREAM_DESTROYED"});
  EXPECT_TRUE(LoopIsQuiet(loop));
}

// --- 2.9 destroy() -------------------------------------------------------------------------

TEST(WritableError, DestroyDoesNotWaitForTheWriteInFlightButQueuedCallbacksDo) {
  // WL-L10, EX-04
  SimLoop loop;
  Log log;
  TestWritable w(loop, Opts().hwm(8), &log);
  log.watch(w, "w", kWritableEvents);
  w.write(bytes(6), log.cb("a"));
  w.write(bytes(6), log.cb("b"));
  w.end(log.cb("end"));
  log.take();
  w.destroy();
  EXPECT_EQ(log.take(), Lines{"_destroy null"});
  EXPECT_TRUE(w.destroyed());
  EXPECT_TRUE(w.closed());
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"w:close"}) << "'close' is not delayed";
  EXPECT_EQ(w.writable_length(), 12u);
  EXPECT_EQ(w.writable_buffered(), 1u);
  w.complete();
  EXPECT_EQ(log.take(), (Lines{"a null", "b ERR_STREAM_DESTROYED", "end ERR_STREAM_DESTROYED"}))
      << "the write in flight reports success; the rest fail after it";
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{});
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableError, QueuedCallbacksNeverRunIfTheWriteInFlightNeverCompletes) {
  SimLoop loop;
  Log log;
  TestWritable w(loop, {}, &log);
  log.watch(w, "w", kWritableEvents);
  w.write(bytes(1), log.cb("a"));
  w.write(bytes(1), log.cb("b"));
  w.destroy();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"_write 1", "_destroy null", "w:close"}));
  EXPECT_EQ(w.held(), 1u);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableError, DestroyFailsQueuedWritesOnTheNextTickWhenNothingIsInFlight) {
  SimLoop loop;
  Log log;
  TestWritable w(loop, {}, &log);
  log.watch(w, "w", kWritableEvents);
  w.cork();
  w.write(bytes(1), log.cb("a"));
  w.write(bytes(1), log.cb("b"));
  w.destroy();
  EXPECT_EQ(log.take(), Lines{"_destroy null"});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"a ERR_STREAM_DESTROYED", "b ERR_STREAM_DESTROYED", "w:close"}));
  EXPECT_EQ(w.writable_length(), 0u);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableError, DestroyWithErrorEmitsErrorThenCloseAndSecondDestroyIsANoOp) {
  // WL-L11: the second destroy's callback runs at once, with no error.
  SimLoop loop;
  Log log;
  TestWritable w(loop, {}, &log);
  log.watch(w, "w", kWritableEvents);
  w.destroy(Error::plain("d1"), log.cb("dcb1"));
  EXPECT_EQ(log.take(), (Lines{"_destroy Error(d1)", "dcb1 Error(d1)"}));
  w.destroy(Error::plain("d2"), log.cb("dcb2"));
  EXPECT_EQ(log.take(), Lines{"dcb2 null"});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"w:error Error(d1)", "w:close"}));
  EXPECT_EQ(describe(w.errored()), "Error(d1)");
  EXPECT_EQ(w.destroy_calls, 1);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableError, AsyncDestroyDelaysClose) {
  // WL-L12
  SimLoop loop;
  Log log;
  TestWritable w(loop, {}, &log);
  w.destroy_mode = DestroyMode::Hold;
  log.watch(w, "w", kWritableEvents);
  w.destroy(Error::plain("x"), log.cb("dcb"));
  EXPECT_EQ(log.take(), Lines{"_destroy Error(x)"});
  EXPECT_TRUE(w.destroyed());
  EXPECT_FALSE(w.closed());
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{});
  w.complete_destroy(Error::plain("x"));
  EXPECT_EQ(log.take(), Lines{"dcb Error(x)"});
  EXPECT_TRUE(w.closed());
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"w:error Error(x)", "w:close"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableError, SecondDestroyWhileDestroyIsPendingIsIgnored) {
  // WL-L24, EX-10: the error _destroy hands back is the one emitted.
  SimLoop loop;
  Log log;
  TestWritable w(loop, {}, &log);
  w.destroy_mode = DestroyMode::Hold;
  log.watch(w, "w", kWritableEvents);
  w.destroy(Error::plain("abort"));
  w.destroy(Error::plain("second"), log.cb("dcb2"));
  EXPECT_EQ(log.take(), (Lines{"_destroy Error(abort)", "dcb2 null"}));
  EXPECT_EQ(describe(w.errored()), "Error(abort)");
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{});
  w.complete_destroy(Error::plain("from _destroy"));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"w:error Error(from _destroy)", "w:close"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

// A Writable whose _destroy hands back `replacement` whatever it was given.
class ReplacingDestroy : public Writable {
 public:
  ReplacingDestroy(Loop& loop, Error replacement)
      : Stream(loop), Writable(loop), replacement_(std::move(replacement)) {}

 protected:
  void _write(Chunk, Callback cb) override { cb(); }
  void _destroy(Error, Callback cb) override { cb(replacement_); }

 private:
  Error replacement_;
};

TEST(WritableError, CustomDestroyCanSwallowTheError) {
  SimLoop loop;
  Log log;
  ReplacingDestroy w(loop, Error{});
  log.watch(w, "w", kWritableEvents);
  w.destroy(Error::plain("swallowed"));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"w:close"});
  EXPECT_EQ(describe(w.errored()), "Error(swallowed)") << "still recorded as errored";
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableError, CustomDestroyCanReplaceTheError) {
  SimLoop loop;
  Log log;
  ReplacingDestroy w(loop, Error::plain("replaced"));
  log.watch(w, "w", kWritableEvents);
  w.destroy(Error::plain("orig"));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"w:error Error(replaced)", "w:close"}));
  EXPECT_EQ(describe(w.errored()), "Error(orig)") << "first error wins";
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableError, CustomDestroyCanAddAnError) {
  SimLoop loop;
  Log log;
  ReplacingDestroy w(loop, Error::plain("fromdestroy"));
  log.watch(w, "w", kWritableEvents);
  w.destroy();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"w:error Error(fromdestroy)", "w:close"}));
  EXPECT_EQ(describe(w.errored()), "Error(fromdestroy)");
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableError, EmitCloseFalseStillEmitsTheError) {
  SimLoop loop;
  Log log;
  TestWritable w(loop, Opts().no_emit_close(), &log);
  log.watch(w, "w", kWritableEvents);
  w.destroy(Error::plain("e"));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"_destroy Error(e)", "w:error Error(e)"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableError, UnhandledErrorIsReportedToTheLoop) {
  SimLoop loop;
  TestWritable w(loop);
  w.destroy(Error::plain("nobody listens"));
  loop.drain_ticks();
  ASSERT_EQ(loop.uncaught().size(), 1u);
  EXPECT_EQ(describe(loop.uncaught().front()), "Error(nobody listens)");
  EXPECT_TRUE(loop.idle());
}

TEST(WritableError, GettersTrackTheErroredAndAbortedState) {
  SimLoop loop;
  TestWritable w(loop);
  w.on(Event::Error, [](const EventArg&) {});
  w.write(bytes(1));
  EXPECT_TRUE(w.writable());
  EXPECT_FALSE(w.writable_aborted());
  w.complete(Error::plain("boom"));
  EXPECT_FALSE(w.writable());
  EXPECT_TRUE(w.writable_aborted());
  EXPECT_TRUE(w.destroyed());
  EXPECT_TRUE(w.closed());
  EXPECT_EQ(describe(w.errored()), "Error(boom)");
  loop.drain_ticks();

  TestWritable done(loop);
  done.write_mode = WriteMode::Sync;
  done.end();
  loop.drain_ticks();
  EXPECT_FALSE(done.writable());
  EXPECT_FALSE(done.writable_aborted()) << "destroyed after finishing is not aborted";
  EXPECT_TRUE(done.destroyed());
  EXPECT_TRUE(done.writable_finished());
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableError, DestroyWithAWritevInFlightLetsTheBatchSucceedAndFailsTheRest) {
  SimLoop loop;
  Log log;
  TestWritable w(loop);
  w.writev = true;
  log.watch(w, "w", kWritableEvents);
  w.cork();
  w.write(bytes(1), log.cb("a"));
  w.write(bytes(1), log.cb("b"));
  w.uncork();
  w.write(bytes(1), log.cb("c"));
  w.destroy(Error::plain("x"));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"w:error Error(x)", "w:close"}));
  w.complete();
  EXPECT_EQ(log.take(), (Lines{"a null", "b null", "c Error(x)"}));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{});
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableError, WriteWhileAnAsyncDestroyIsPendingFailsWithDestroyed) {
  SimLoop loop;
  Log log;
  TestWritable w(loop);
  w.destroy_mode = DestroyMode::Hold;
  log.watch(w, "w", kWritableEvents);
  w.destroy();
  w.write(bytes(1), log.cb("x"));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"x ERR_STREAM_DESTROYED"});
  w.complete_destroy();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"w:close"});
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableError, EndWhileAnAsyncDestroyIsPendingFailsWithDestroyed) {
  SimLoop loop;
  Log log;
  TestWritable w(loop);
  w.write_mode = WriteMode::Sync;
  w.destroy_mode = DestroyMode::Hold;
  log.watch(w, "w", kWritableEvents);
  w.write(bytes(1), log.cb("a"));
  w.destroy(Error::plain("boom"));
  w.end(log.cb("end"));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"a null", "end ERR_STREAM_DESTROYED"}));
  w.complete_destroy(Error::plain("boom"));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"w:error Error(boom)", "w:close"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableError, DestroyWhileCorkedFailsTheQueuedWriteEvenIfUncorkedLater) {
  SimLoop loop;
  Log log;
  TestWritable w(loop, {}, &log);
  w.write_mode = WriteMode::Sync;
  log.watch(w, "w", kWritableEvents);
  w.cork();
  w.write(bytes(1), log.cb("a"));
  w.destroy();
  w.uncork();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"_destroy null", "a ERR_STREAM_DESTROYED", "w:close"}));
  EXPECT_EQ(w.write_calls, 0);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableError, DestroyWithAnErrorFailsThePendingEndCallbackWithIt) {
  SimLoop loop;
  Log log;
  TestWritable w(loop);
  log.watch(w, "w", kWritableEvents);
  w.write(bytes(1), log.cb("a"));
  w.end(log.cb("end"));
  w.destroy(Error::plain("z"));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"w:error Error(z)", "w:close"}));
  w.complete();
  EXPECT_EQ(log.take(), (Lines{"a null", "end Error(z)"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(WritableError, ALateWriteErrorAfterDestroyFailsTheQueuedWritesWithoutAnEvent) {
  SimLoop loop;
  Log log;
  TestWritable w(loop);
  log.watch(w, "w", kWritableEvents);
  w.write(bytes(1), log.cb("a"));
  w.write(bytes(1), log.cb("b"));
  w.destroy();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"w:close"});
  w.complete(Error::plain("late"));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"a Error(late)", "b Error(late)"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

}  // namespace
}  // namespace bp
