// SEMANTICS.md section 5: readable.pipe(dest). Orders checked on Node v20.20.2 (TP-T4..T8,
// T11, T12 and a local script written in the shape of these tests).
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "tests/streams/test_streams.h"

namespace bp {
namespace {

using test::bytes;
using test::describe;
using test::Lines;
using test::Log;
using test::LoopIsQuiet;
using test::Opts;
using test::str;
using test::TestReadable;
using test::TestWritable;
using WriteMode = TestWritable::WriteMode;

TEST(Pipe, PausesTheSourceWhenWriteReturnsFalseAndResumesOnDrain) {
  // TP-T4: objectMode, HWM 2 on both ends, 8 items.
  SimLoop loop;
  Log log;
  TestReadable src(loop, Opts().hwm(2).object_mode());
  src.serve(8);
  TestWritable dst(loop, Opts().hwm(2).object_mode(), &log, "dst");
  log.watch(src, "src", {Event::Pause, Event::Resume, Event::End, Event::Close});
  log.watch(dst, "dst", {Event::Drain, Event::Finish, Event::Close, Event::Pipe, Event::Unpipe});
  src.pipe(dst);
  EXPECT_EQ(log.take(), Lines{"dst:pipe"}) << "the flow starts on the next tick";
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"src:resume", "dst._write 1", "src:pause"}));
  EXPECT_EQ(src.read_calls, 4);
  EXPECT_EQ(src.readable_length(), 2u) << "steady state: src at its mark";
  EXPECT_EQ(dst.writable_length(), 2u) << "and dest at its mark";
  EXPECT_TRUE(src.is_paused());

  const Lines episode{"src:resume", "dst._write 1", "src:pause"};
  for (int round = 0; round < 3; ++round) {
    const std::string ctx = "round " + std::to_string(round);
    dst.complete();
    EXPECT_EQ(log.take(), Lines{"dst._write 1"}) << ctx;
    loop.drain_ticks();
    EXPECT_EQ(log.take(), Lines{}) << ctx;
    dst.complete();
    EXPECT_EQ(log.take(), Lines{"dst:drain"}) << ctx;
    loop.drain_ticks();
    Lines want = episode;
    if (round == 2) {
      want.push_back("src:end");
      want.push_back("src:close");
    }
    EXPECT_EQ(log.take(), want) << ctx << ": resumed on the tick after 'drain'";
  }
  dst.complete();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"dst._write 1"});
  dst.complete();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"dst:finish", "dst:unpipe", "dst._destroy null", "dst:close"}));
  EXPECT_EQ(src.read_calls, 9);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Pipe, StartsPausedWhenTheDestinationAlreadyOwesADrain) {
  // TP-T11
  SimLoop loop;
  Log log;
  TestWritable dst(loop, Opts().hwm(1), &log, "dst");
  dst.write(bytes(2));
  ASSERT_TRUE(dst.writable_need_drain());
  TestReadable src(loop);
  log.watch(src, "src", {Event::Pause, Event::Resume});
  src.push(bytes(1));
  log.take();
  src.pipe(dst);
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"src:pause", "src:resume"}))
      << "Node emits 'resume' from the scheduled resume even though pipe paused";
  EXPECT_EQ(src.readable_flowing(), std::optional<bool>(false));
  EXPECT_EQ(src.readable_length(), 1u);
  EXPECT_EQ(dst.held(), 1u);
  dst.complete();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"src:resume", "dst._write 1", "src:pause"}));
  EXPECT_EQ(src.readable_length(), 0u);
  dst.complete();
  loop.drain_ticks();
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Pipe, TheSlowestDestinationSetsThePace) {
  // TP-T8
  SimLoop loop;
  TestReadable src(loop, Opts().hwm(1).object_mode());
  src.serve(20);
  TestWritable fast(loop, Opts().hwm(1).object_mode());
  fast.write_mode = WriteMode::Sync;
  TestWritable slow(loop, Opts().hwm(1).object_mode());
  src.pipe(fast);
  src.pipe(slow);
  loop.drain_ticks();
  EXPECT_EQ(src.read_calls, 2);
  EXPECT_EQ(slow.held(), 1u);
  EXPECT_TRUE(src.is_paused());
  slow.complete();
  loop.drain_ticks();
  EXPECT_EQ(src.read_calls, 3);
  EXPECT_EQ(slow.held(), 1u);
  EXPECT_EQ(fast.write_calls, slow.write_calls) << "fast gets no more than slow";
  while (slow.held() > 0) {
    slow.complete();
    loop.drain_ticks();
  }
  EXPECT_EQ(slow.write_calls, 20);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Pipe, SourceEndEndsTheDestinationUnlessEndIsFalse) {
  // TP-T12
  SimLoop loop;
  TestReadable s1(loop);
  PassThrough d1(loop);
  s1.pipe(d1, PipeOptions{false});
  s1.push_eof();
  TestReadable s2(loop);
  PassThrough d2(loop);
  s2.pipe(d2);
  s2.push_eof();
  d1.resume();
  d2.resume();
  loop.drain_ticks();
  EXPECT_FALSE(d1.writable_ended());
  EXPECT_TRUE(d2.writable_ended());
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Pipe, EndOrderFromSourceEndToDestinationClose) {
  SimLoop loop;
  Log log;
  TestReadable src(loop);
  TestWritable dst(loop, {}, &log, "dst");
  dst.write_mode = WriteMode::Sync;
  log.watch(src, "src", {Event::End, Event::Close});
  log.watch(dst, "dst", {Event::Unpipe, Event::Prefinish, Event::Finish, Event::Close});
  src.pipe(dst);
  src.push(bytes(2));
  src.push_eof();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"dst._write 2", "src:end", "dst:prefinish", "dst:finish",
                               "dst:unpipe", "dst._destroy null", "src:close", "dst:close"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Pipe, SourceErrorIsNotForwarded) {
  // TP-T5: dest stays open, not ended, not destroyed, still piped.
  SimLoop loop;
  Log log;
  TestReadable src(loop);
  TestWritable dst(loop);
  dst.write_mode = WriteMode::Sync;
  log.watch(src, "src", {Event::Error, Event::Close, Event::End});
  log.watch(dst, "dst", {Event::Error, Event::Close, Event::Finish, Event::Unpipe});
  src.pipe(dst);
  src.push(str("x"));
  loop.drain_ticks();
  src.destroy(Error::plain("srcboom"));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"src:error Error(srcboom)", "src:close"}));
  EXPECT_FALSE(dst.destroyed());
  EXPECT_FALSE(dst.writable_ended());
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Pipe, DestinationErrorUnpipesAndPausesTheSourceWithoutDestroyingIt) {
  // TP-T6: pipe's prepended error handler unpipes before the user's listener runs.
  SimLoop loop;
  Log log;
  TestReadable src(loop);
  TestWritable dst(loop, {}, &log, "dst");
  dst.write_mode = WriteMode::SyncError;
  log.watch(src, "src", {Event::Error, Event::Close, Event::End, Event::Pause});
  log.watch(dst, "dst", {Event::Error, Event::Close, Event::Unpipe});
  src.pipe(dst);
  src.push(str("x"));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"dst._write 1", "src:pause", "dst._destroy Error(syncboom)",
                               "dst:unpipe", "dst:error Error(syncboom)", "dst:close"}));
  EXPECT_FALSE(src.destroyed());
  EXPECT_TRUE(src.is_paused());
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Pipe, DestinationErrorWithoutAListenerIsUncaught) {
  // TP-T7
  SimLoop loop;
  TestReadable src(loop);
  TestWritable dst(loop);
  dst.write_mode = WriteMode::SyncError;
  src.pipe(dst);
  src.push(str("x"));
  loop.drain_ticks();
  ASSERT_EQ(loop.uncaught().size(), 1u);
  EXPECT_EQ(describe(loop.uncaught().front()), "Error(syncboom)");
  EXPECT_TRUE(loop.idle());
}

TEST(Pipe, DestinationCloseUnpipes) {
  SimLoop loop;
  Log log;
  TestReadable src(loop);
  TestWritable dst(loop, {}, &log, "dst");
  log.watch(dst, "dst", {Event::Unpipe, Event::Close});
  log.watch(src, "src", {Event::Pause});
  src.pipe(dst);
  loop.drain_ticks();
  log.take();
  dst.destroy();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"dst._destroy null", "dst:close", "src:pause", "dst:unpipe"}));
  EXPECT_TRUE(src.is_paused()) << "no destinations left";
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Pipe, DestinationFinishUnpipes) {
  SimLoop loop;
  Log log;
  TestReadable src(loop);
  TestWritable dst(loop, Opts().no_auto_destroy(), &log, "dst");
  dst.write_mode = WriteMode::Sync;
  log.watch(dst, "dst", {Event::Unpipe, Event::Finish});
  src.pipe(dst);
  loop.drain_ticks();
  log.take();
  dst.end();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"dst:finish", "dst:unpipe"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Pipe, EmitsPipeAndUnpipeOnTheDestination) {
  SimLoop loop;
  Log log;
  TestReadable src(loop);
  TestWritable dst(loop);
  Readable* piped_from = nullptr;
  dst.on(Event::Pipe, [&](const EventArg& a) {
    log.add("pipe");
    piped_from = dynamic_cast<Readable*>(a.source);
  });
  log.watch(dst, "dst", {Event::Unpipe});
  src.pipe(dst);
  EXPECT_EQ(log.take(), Lines{"pipe"});
  EXPECT_EQ(piped_from, &src);
  src.unpipe(dst);
  EXPECT_EQ(log.take(), Lines{"dst:unpipe"});
  EXPECT_TRUE(src.is_paused());
  loop.drain_ticks();
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Pipe, UnpipingOneOfTwoSourcesFromAStalledDestinationLeavesItPaused) {
  // test-stream2-unpipe-drain: a destination that never calls back; reads stay bounded.
  SimLoop loop;
  TestWritable dst(loop, Opts().hwm(1));
  TestReadable s1(loop, Opts().hwm(1));
  s1.on_read = [](TestReadable& r, std::size_t) { r.push(bytes(1)); };
  TestReadable s2(loop, Opts().hwm(1));
  s2.on_read = [](TestReadable& r, std::size_t) { r.push(bytes(1)); };
  s1.pipe(dst);
  s2.pipe(dst);
  loop.drain_ticks();
  EXPECT_EQ(s1.read_calls, 2);
  EXPECT_EQ(s2.read_calls, 2);
  EXPECT_EQ(dst.held(), 1u);
  EXPECT_EQ(dst.write_calls, 1);
  EXPECT_TRUE(s1.is_paused());
  EXPECT_TRUE(s2.is_paused());
  s1.unpipe(dst);
  loop.drain_ticks();
  EXPECT_EQ(s1.read_calls, 2);
  EXPECT_EQ(s2.read_calls, 2);
  EXPECT_TRUE(s1.is_paused());
  EXPECT_TRUE(s2.is_paused());
  dst.complete();
  loop.drain_ticks();
  EXPECT_EQ(s1.read_calls, 2) << "unpiped: not read again";
  EXPECT_EQ(s2.read_calls, 2);
  EXPECT_EQ(dst.write_calls, 2);
  EXPECT_EQ(dst.held(), 1u);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Pipe, ADrainFromOneDestinationDoesNotResumeWhileAnotherStillOwesOne) {
  SimLoop loop;
  Log log;
  TestReadable src(loop, Opts().hwm(1).object_mode());
  TestWritable a(loop, Opts().hwm(1).object_mode());
  TestWritable b(loop, Opts().hwm(1).object_mode());
  src.pipe(a);
  src.pipe(b);
  log.watch(src, "src", {Event::Resume, Event::Pause});
  for (int i = 1; i <= 3; ++i) src.push(Chunk::object(i));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"src:resume", "src:pause"}));
  EXPECT_EQ(a.held(), 1u);
  EXPECT_EQ(b.held(), 1u);
  EXPECT_EQ(src.readable_length(), 2u);
  a.complete();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{}) << "b still owes a drain";
  EXPECT_EQ(src.readable_length(), 2u);
  b.complete();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"src:resume", "src:pause"}));
  EXPECT_EQ(a.held(), 1u);
  EXPECT_EQ(b.held(), 1u);
  EXPECT_EQ(src.readable_length(), 1u);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Pipe, PipingIntoAFinishedDestinationDropsTheDataAndStaysPaused) {
  // The destination auto-destroyed after 'finish', so its 'close' will not come again and
  // pipe() never unpipes; write-after-end without a callback is silent.
  SimLoop loop;
  Log log;
  TestWritable dst(loop);
  dst.write_mode = WriteMode::Sync;
  dst.end();
  loop.drain_ticks();
  log.watch(dst, "dst", {Event::Error, Event::Close, Event::Unpipe});
  TestReadable src(loop);
  src.pipe(dst);
  src.push(str("x"));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{});
  EXPECT_TRUE(src.is_paused());
  EXPECT_EQ(dst.write_calls, 0);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Pipe, OtherDataListenersShareEveryChunkWithThePipe) {
  // A pipe's 'data' listener is an ordinary listener: others added next to it see each chunk
  // after it, in the order they were added, and a second pipe gets its own copy. (The source
  // calls a pipe that is its only 'data' listener directly; this checks the route follows
  // every change of listeners.) In object mode _write logs each object's length, 1.
  SimLoop loop;
  Log log;
  TestReadable src(loop, Opts().object_mode());
  TestWritable a(loop, Opts().object_mode(), &log, "a");
  TestWritable b(loop, Opts().object_mode(), &log, "b");
  a.write_mode = b.write_mode = WriteMode::Sync;
  src.pipe(a);
  loop.drain_ticks();
  log.take();
  auto push = [&](int n) {
    src.push(Chunk::object(n));
    loop.drain_ticks();
    return log.take();
  };
  EXPECT_EQ(push(1), Lines{"a._write 1"});

  const ListenerId extra = src.on(Event::Data, [&log](const EventArg& e) {
    log.add("extra " + std::to_string(e.chunk.as_int()));
  });
  EXPECT_EQ(push(2), (Lines{"a._write 1", "extra 2"}));
  src.off(Event::Data, extra);
  EXPECT_EQ(push(3), Lines{"a._write 1"});

  src.pipe(b);
  loop.drain_ticks();
  log.take();
  EXPECT_EQ(push(4), (Lines{"a._write 1", "b._write 1"}));
  src.unpipe(a);
  EXPECT_EQ(push(5), Lines{"b._write 1"});
  EXPECT_EQ(a.write_calls, 4);
  EXPECT_EQ(b.write_calls, 2);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

}  // namespace
}  // namespace bp
