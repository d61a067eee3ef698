// SEMANTICS.md section 7: finished(). Orders checked on Node v20.20.2 (PF-F1..F5, F7 and a
// local script written in the shape of these tests; listener order matters, so each test
// attaches finished() and its watchers in the same order as the script).
#include "streams/finished.h"

#include <gtest/gtest.h>

#include <string>

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
using test::TestReadable;
using test::TestWritable;
using DestroyMode = TestWritable::DestroyMode;
using WriteMode = TestWritable::WriteMode;

// A finished() callback that records "finished <error>".
Callback finished_cb(Log& log) {
  return [&log](Error e) { log.add("finished " + describe(e)); };
}

TEST(Finished, WritableCallsBackAfterCloseNotAtFinish) {
  // PF-F1
  SimLoop loop;
  Log log;
  TestWritable w(loop);
  w.write_mode = WriteMode::Sync;
  log.watch(w, "w", {Event::Finish, Event::Close});
  finished(w, finished_cb(log));
  w.end(str("x"));
  EXPECT_EQ(log.take(), Lines{});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"w:finish", "w:close", "finished null"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Finished, ErrorCallsBackAtOnceBeforeClose) {
  // PF-F2
  SimLoop loop;
  Log log;
  TestWritable w(loop);
  w.write_mode = WriteMode::SyncError;
  log.watch(w, "w", {Event::Error, Event::Close});
  finished(w, finished_cb(log));
  w.write(str("x"));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"w:error Error(syncboom)", "finished Error(syncboom)", "w:close"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Finished, CloseBeforeCompletionIsPrematureClose) {
  // PF-F3, for both kinds of stream.
  SimLoop loop;
  Log log;
  TestReadable r(loop);
  finished(r, finished_cb(log));
  r.destroy();
  TestWritable w(loop);
  finished(w, finished_cb(log));
  w.destroy();
  loop.drain_ticks();
  EXPECT_EQ(log.take(),
            (Lines{"finished ERR_STREAM_PREMATURE_CLOSE", "finished ERR_STREAM_PREMATURE_CLOSE"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Finished, AsyncDestroyDelaysTheCallbackUntilClose) {
  SimLoop loop;
  Log log;
  TestWritable w(loop);
  w.destroy_mode = DestroyMode::Hold;
  finished(w, finished_cb(log));
  w.destroy();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{});
  w.complete_destroy();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"finished ERR_STREAM_PREMATURE_CLOSE"});
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Finished, AlreadyClosedStreamCallsBackOnTheNextTickNeverSynchronously) {
  // PF-F4
  SimLoop loop;
  Log log;
  TestWritable w(loop);
  w.write_mode = WriteMode::Sync;
  w.end();
  loop.drain_ticks();
  ASSERT_TRUE(w.closed());
  const std::size_t close_listeners = w.listener_count(Event::Close);
  Cleanup cleanup = finished(w, finished_cb(log));
  EXPECT_EQ(log.take(), Lines{});
  EXPECT_EQ(w.listener_count(Event::Close), close_listeners + 1);
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"finished null"});
  cleanup();
  EXPECT_EQ(w.listener_count(Event::Close), close_listeners);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Finished, AlreadyFinishedButOpenStreamCallsBackOnTheNextTick) {
  SimLoop loop;
  Log log;
  TestWritable w(loop, Opts().no_auto_destroy());
  w.write_mode = WriteMode::Sync;
  w.end();
  loop.drain_ticks();
  finished(w, finished_cb(log));
  EXPECT_EQ(log.take(), Lines{});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"finished null"});
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Finished, AlreadyClosedReadableReportsHowItEnded) {
  SimLoop loop;
  Log log;
  TestReadable aborted(loop);
  aborted.destroy();
  TestReadable ended(loop);
  ended.push_eof();
  ended.resume();
  loop.drain_ticks();
  finished(aborted, finished_cb(log));
  finished(ended, finished_cb(log));
  EXPECT_EQ(log.take(), Lines{});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"finished ERR_STREAM_PREMATURE_CLOSE", "finished null"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Finished, AlreadyErroredStreamCallsBackWithItsError) {
  SimLoop loop;
  Log log;
  TestWritable w(loop, Opts().no_auto_destroy());
  w.write_mode = WriteMode::SyncError;
  w.on(Event::Error, [](const EventArg&) {});
  w.write(str("x"));
  loop.drain_ticks();
  finished(w, finished_cb(log));
  EXPECT_EQ(log.take(), Lines{});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"finished Error(syncboom)"});
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Finished, WithoutAutoDestroyCallsBackAtEndOrFinish) {
  // PF-F5
  SimLoop loop;
  Log log;
  TestReadable r(loop, Opts().no_auto_destroy());
  log.watch(r, "r", {Event::End});
  finished(r, finished_cb(log));
  r.push_eof();
  r.resume();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"r:end", "finished null"}));
  TestWritable w(loop, Opts().no_auto_destroy());
  w.write_mode = WriteMode::Sync;
  log.watch(w, "w", {Event::Finish});
  finished(w, finished_cb(log));
  w.end();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"w:finish", "finished null"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Finished, EmitCloseFalseCallsBackAtFinish) {
  SimLoop loop;
  Log log;
  TestWritable w(loop, Opts().no_emit_close());
  w.write_mode = WriteMode::Sync;
  log.watch(w, "w", {Event::Finish, Event::Close});
  finished(w, finished_cb(log));
  w.end();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"w:finish", "finished null"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Finished, DuplexWaitsForBothSides) {
  // PF-F7
  SimLoop loop;
  Log log;
  PassThrough p(loop);
  finished(p, finished_cb(log));
  log.watch(p, "d", {Event::Finish, Event::End, Event::Close});
  p.end(str("x"));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"d:finish"}) << "readable side not consumed yet";
  p.resume();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"d:end", "finished null", "d:close"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Finished, ReadableFalseWatchesOnlyTheWritableSide) {
  SimLoop loop;
  Log log;
  PassThrough p(loop);
  FinishedOptions options;
  options.readable = false;
  finished(p, options, finished_cb(log));
  log.watch(p, "d", {Event::Finish, Event::End, Event::Close});
  p.end(str("x"));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"finished null", "d:finish"}));
  p.resume();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"d:end", "d:close"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Finished, WritableFalseWatchesOnlyTheReadableSide) {
  SimLoop loop;
  Log log;
  PassThrough p(loop);
  FinishedOptions options;
  options.writable = false;
  finished(p, options, finished_cb(log));
  log.watch(p, "d", {Event::Finish, Event::End, Event::Close});
  p.push(str("x"));
  p.push_eof();
  p.resume();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"finished null", "d:end"}));
  p.end();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"d:finish", "d:close"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Finished, ErrorFalseIgnoresTheErrorEventButCloseStillReportsIt) {
  SimLoop loop;
  Log log;
  TestWritable w(loop);
  w.on(Event::Error, [&](const EventArg&) { log.add("user error listener"); });
  FinishedOptions options;
  options.error = false;
  finished(w, options, finished_cb(log));
  w.destroy(Error::plain("ignored"));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"user error listener", "finished Error(ignored)"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Finished, CallbackRunsAtMostOnce) {
  SimLoop loop;
  TestWritable w(loop);
  w.on(Event::Error, [](const EventArg&) {});
  CallCount first;
  CallCount second;
  finished(w, first.fn());
  finished(w, second.fn());
  w.destroy(Error::plain("x"));
  w.destroy(Error::plain("y"));
  loop.drain_ticks();
  EXPECT_EQ(first.calls, 1) << "the error, then 'close', reach it once";
  EXPECT_EQ(describe(first.error), "Error(x)");
  EXPECT_EQ(second.calls, 1);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Finished, ListenersStayAttachedUntilCleanup) {
  SimLoop loop;
  TestWritable w(loop);
  w.write_mode = WriteMode::Sync;
  const std::size_t close0 = w.listener_count(Event::Close);
  const std::size_t finish0 = w.listener_count(Event::Finish);
  const std::size_t error0 = w.listener_count(Event::Error);
  CallCount done;
  Cleanup cleanup = finished(w, done.fn());
  w.end();
  loop.drain_ticks();
  EXPECT_EQ(done.calls, 1);
  EXPECT_EQ(w.listener_count(Event::Close), close0 + 1) << "still attached after the callback";
  cleanup();
  EXPECT_EQ(w.listener_count(Event::Close), close0);
  EXPECT_EQ(w.listener_count(Event::Finish), finish0);
  EXPECT_EQ(w.listener_count(Event::Error), error0);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Finished, CleanupBeforeCompletionMeansNoCallback) {
  SimLoop loop;
  TestWritable w(loop);
  w.write_mode = WriteMode::Sync;
  CallCount done;
  Cleanup cleanup = finished(w, done.fn());
  cleanup();
  w.end();
  loop.drain_ticks();
  EXPECT_EQ(done.calls, 0);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Finished, DuplexWithoutAReadableSideWaitsOnlyForTheWritableSide) {
  SimLoop loop;
  Log log;
  test::TestDuplex d(loop, Opts().no_readable());
  finished(d, finished_cb(log));
  log.watch(d, "d", {Event::Prefinish, Event::Finish, Event::End, Event::Close});
  d.end(str("x"));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"d:prefinish", "d:finish", "finished null", "d:close"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Finished, DuplexErrorCallsBackBeforeTheErrorListenersAddedLater) {
  SimLoop loop;
  Log log;
  test::TestDuplex d(loop);
  finished(d, finished_cb(log));
  log.watch(d, "d", {Event::Error, Event::Close});
  d.destroy(Error::plain("x"));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"finished Error(x)", "d:error Error(x)", "d:close"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Finished, DuplexClosedAfterFinishButBeforeEndIsPrematureClose) {
  SimLoop loop;
  Log log;
  test::TestDuplex d(loop);
  finished(d, finished_cb(log));
  log.watch(d, "d", {Event::Prefinish, Event::Finish, Event::End, Event::Close});
  d.end();
  loop.drain_ticks();
  d.destroy();
  loop.drain_ticks();
  EXPECT_EQ(log.take(),
            (Lines{"d:prefinish", "d:finish", "finished ERR_STREAM_PREMATURE_CLOSE", "d:close"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Finished, WatchedWritableSideClosedBeforeFinishIsPrematureClose) {
  SimLoop loop;
  Log log;
  test::TestDuplex d(loop);
  FinishedOptions options;
  options.readable = false;
  finished(d, options, finished_cb(log));
  d.push_eof();
  d.resume();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{}) << "the readable side's end is not watched";
  d.destroy();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"finished ERR_STREAM_PREMATURE_CLOSE"});
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Finished, EndedButUnconsumedReadableWaitsForItsEnd) {
  SimLoop loop;
  Log log;
  TestReadable r(loop);
  r.push_eof();
  finished(r, finished_cb(log));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{}) << "EOF pushed, but 'end' needs a consumer";
  r.resume();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"finished null"});
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Finished, AlreadyEndedOpenReadableCallsBackOnTheNextTick) {
  SimLoop loop;
  Log log;
  TestReadable r(loop, Opts().no_auto_destroy());
  r.push_eof();
  r.resume();
  loop.drain_ticks();
  ASSERT_TRUE(r.readable_ended());
  finished(r, finished_cb(log));
  EXPECT_EQ(log.take(), Lines{});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"finished null"});
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Finished, AlreadyDestroyedWithAnErrorCallsBackWithIt) {
  SimLoop loop;
  Log log;
  TestWritable w(loop);
  w.on(Event::Error, [](const EventArg&) {});
  w.destroy(Error::plain("e"));
  loop.drain_ticks();
  finished(w, finished_cb(log));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"finished Error(e)"});
  EXPECT_TRUE(LoopIsQuiet(loop));
}

}  // namespace
}  // namespace bp
