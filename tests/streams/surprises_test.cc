// SEMANTICS.md section 9: the surprising behaviours, one test per item, each checked on Node
// v20.20.2 (the evidence named in each test). The area tests cover the same rules in more
// detail; these keep the list itself executable. Items 9 and 10 use the coroutine layer
// (streams/async_iterator.h, pipeline stages).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "streams/async.h"
#include "streams/async_generator.h"
#include "streams/async_iterator.h"
#include "streams/coroutine.h"
#include "streams/pipeline.h"
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
using test::TestReadable;
using test::TestTransform;
using test::TestWritable;
using test::write_result;
using FinalMode = TestWritable::FinalMode;
using WriteMode = TestWritable::WriteMode;

// 1. WB-A3, EX-02
TEST(Surprises, SyncWriteReturnsTrueForAnyChunkSize) {
  for (const std::size_t size : {std::size_t{1}, std::size_t{100}, std::size_t{1} << 20}) {
    const std::string ctx = "chunk " + std::to_string(size) + " with HWM 10";
    SimLoop loop;
    TestWritable w(loop, Opts().hwm(10));
    w.write_mode = WriteMode::Sync;
    EXPECT_EQ(write_result(w, bytes(size)), "true 0 false") << ctx;
    loop.drain_ticks();
    EXPECT_EQ(w.drain_count(), 0u) << ctx;
    EXPECT_TRUE(LoopIsQuiet(loop)) << ctx;
  }
}

// 2. WB-A1, A7, A9, A10, A12, A13
TEST(Surprises, DrainOnlyAtLengthZeroBeforeTheCallbackOncePerEpisodeNeverAfterEnd) {
  SimLoop loop;
  Log log;
  TestWritable w(loop, Opts().hwm(10), &log);
  log.watch(w, "w", kWritableEvents);
  w.write(bytes(6), log.cb("a"));
  EXPECT_FALSE(w.write(bytes(6), log.cb("b")));
  w.complete();
  EXPECT_EQ(write_result(w, bytes(1), log.cb("c")), "true 7 true") << "true while a drain is owed";
  w.complete();
  w.complete();
  EXPECT_EQ(log.take(),
            (Lines{"_write 6", "_write 6", "a null", "_write 1", "b null", "w:drain", "c null"}))
      << "no drain at length 6 or 1; drain before the completing callback";
  EXPECT_FALSE(w.write(bytes(20), log.cb("d")));
  w.end();
  w.complete();
  loop.drain_ticks();
  EXPECT_EQ(log.take(),
            (Lines{"_write 20", "d null", "w:prefinish", "w:finish", "_destroy null", "w:close"}))
      << "owed, but end() was called: no drain";
  EXPECT_EQ(w.drain_count(), 1u);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

// 3. WL-L8
TEST(Surprises, WriteAfterAnAutoDestroyedFinishOnlyFailsTheCallback) {
  SimLoop loop;
  Log log;
  TestWritable w(loop);
  w.write_mode = WriteMode::Sync;
  log.watch(w, "w", kWritableEvents);
  w.end();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"w:prefinish", "w:finish", "w:close"}));
  EXPECT_FALSE(w.write(bytes(1), log.cb("late")));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"late ERR_STREAM_WRITE_AFTER_END"}) << "no 'error' event";
  EXPECT_TRUE(LoopIsQuiet(loop));
}

// 4. WL-L10, EX-04
TEST(Surprises, DestroyWithAWriteInFlightClosesAtOnceButQueuedCallbacksWait) {
  SimLoop loop;
  Log log;
  TestWritable w(loop);
  log.watch(w, "w", kWritableEvents);
  w.write(bytes(1), log.cb("a"));
  w.write(bytes(1), log.cb("b"));
  w.end(log.cb("end"));
  w.destroy();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"w:close"}) << "'close' is not delayed, the callbacks are";
  w.complete();
  EXPECT_EQ(log.take(), (Lines{"a null", "b ERR_STREAM_DESTROYED", "end ERR_STREAM_DESTROYED"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

// 5. WB-A11, EX-09
TEST(Surprises, AutoDestroyFalseWriteErrorIsEmittedSyncAndLaterWritesQueueForever) {
  SimLoop loop;
  Log log;
  TestWritable w(loop, Opts().no_auto_destroy());
  log.watch(w, "w", kWritableEvents);
  w.write(bytes(1), log.cb("a"));
  w.complete(Error::plain("boom"));
  EXPECT_EQ(log.take(), (Lines{"a Error(boom)", "w:error Error(boom)"}))
      << "inside the failing callback";
  CallCount later;
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(w.write(bytes(1), later.fn()));
  loop.drain_ticks();
  EXPECT_EQ(later.calls, 0);
  EXPECT_EQ(w.writable_length(), 3u);
  EXPECT_EQ(log.take(), Lines{}) << "no 'close'";
  EXPECT_TRUE(LoopIsQuiet(loop));
}

// 6. WL-L23
TEST(Surprises, ObjectModeFinishIsOneTickLaterThanByteMode) {
  for (const bool object_mode : {false, true}) {
    const std::string ctx = object_mode ? "object mode" : "byte mode";
    SimLoop loop;
    Log log;
    Opts opts;
    if (object_mode) opts.object_mode();
    TestWritable w(loop, opts);
    w.write_mode = WriteMode::Sync;
    w.on(Event::Finish, [&](const EventArg&) { log.add("finish"); });
    w.write(object_mode ? Chunk::object(1) : bytes(1));
    w.end();
    loop.next_tick([&] {
      log.add("t1");
      loop.next_tick([&] {
        log.add("t2");
        loop.next_tick([&] { log.add("t3"); });
      });
    });
    loop.drain_ticks();
    const Lines want =
        object_mode ? Lines{"t1", "finish", "t2", "t3"} : Lines{"finish", "t1", "t2", "t3"};
    EXPECT_EQ(log.take(), want) << ctx;
    EXPECT_TRUE(LoopIsQuiet(loop)) << ctx;
  }
}

// 7. WL-L4 (and EX-07 for the asynchronous case, where the order flips)
TEST(Surprises, SyncFinalFailureRunsTheEndCallbackAfterErrorAndClose) {
  SimLoop loop;
  Log log;
  TestWritable w(loop);
  w.final_mode = FinalMode::SyncError;
  log.watch(w, "w", kWritableEvents);
  w.end(log.cb("end"));
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"w:error Error(finalboom)", "w:close", "end Error(finalboom)"}));
  EXPECT_TRUE(LoopIsQuiet(loop));
}

// 8. TP-T1, T2
TEST(Surprises, TransformAcceptsReadablePlusWritableMarkMinusOneUnits) {
  for (const std::int64_t hwm : {1, 2, 10, 16384}) {
    const std::string ctx = "HWM " + std::to_string(hwm) + " on both sides";
    SimLoop loop;
    PassThrough p(loop, Opts().hwm(hwm));
    int writes = 0;
    while (++writes < 100000 && p.write(bytes(1))) {
    }
    EXPECT_EQ(writes, 2 * hwm - 1) << ctx << ": writes up to and including the first false";
    loop.drain_ticks();
    EXPECT_TRUE(LoopIsQuiet(loop)) << ctx;
  }
}

// 9. RB-R9, R11
Async<void> throw_in_loop_body(Readable& r, Log& log) {
  auto it = iterator(r);
  while (auto chunk = co_await it.next()) {
    log.add("got " + std::string(chunk->view()));
    co_await raise(Error::plain("body"));
  }
}

TEST(Surprises, ByteModeAsyncIterationMergesChunksAndLeavingTheLoopAborts) {
  SimLoop loop;
  Log log;
  TestReadable r(loop);
  r.push(test::str("a"));
  r.push(test::str("b"));
  r.push(test::str("c"));
  log.watch(r, "r", {Event::Error, Event::Close});
  throw_in_loop_body(r, log).then([] {}, [&](const Error& e) { log.add("caught " + describe(e)); });
  loop.run();
  EXPECT_EQ(log.take(), (Lines{"got abc", "caught Error(body)", "r:error ABORT_ERR", "r:close"}))
      << "one merged chunk; destroyed with an AbortError although the body threw its own error";
  EXPECT_TRUE(r.errored().is(ErrorCode::ABORT_ERR));
  EXPECT_EQ(live_coroutines(), 0u);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

AsyncGenerator<Chunk> fails_at_two(AsyncGenerator<Chunk> source, Log& log) {
  auto guard = co_await finally([&log] { log.add("generator finally"); });
  while (auto c = co_await source.next()) {
    if (c->as_int() == 2) co_await raise(Error::plain("gen-fail"));
    co_yield std::move(*c);
  }
}

// 10. PF-P2/EX-12 (streams only) and PF-P8/EX-14 (a generator stage)
TEST(Surprises, PipelineDestroysInArrayOrderWithOneErrorAndAbortsUpstreamOfAGenerator) {
  {
    SCOPED_TRACE("four streams, stage 1 fails");
    SimLoop loop;
    Log log;
    const Opts obj = Opts().object_mode();
    TestReadable s0(loop, obj, &log, "s0");
    s0.serve(5);
    TestTransform s1(loop, obj, &log, "s1");
    s1.transform = [](TestTransform&, Chunk c, TransformCallback cb) {
      if (c.as_int() == 2) {
        cb(Error::plain("t1-fail"), {});
      } else {
        cb({}, std::move(c));
      }
    };
    TestTransform s2(loop, obj, &log, "s2");
    TestWritable s3(loop, obj, &log, "s3");
    s3.write_mode = WriteMode::Sync;
    const std::vector<Stream*> stages{&s0, &s1, &s2, &s3};
    std::vector<Error> emitted;
    for (Stream* s : stages)
      s->on(Event::Error, [&](const EventArg& a) { emitted.push_back(a.error); });
    Error result;
    pipeline(stages, [&](Error err) { result = err; });
    loop.drain_ticks();
    Lines destroys = log.take();
    std::erase_if(destroys,
                  [](const std::string& l) { return l.find("._destroy") == std::string::npos; });
    EXPECT_EQ(destroys, (Lines{"s1._destroy Error(t1-fail)", "s0._destroy Error(t1-fail)",
                               "s2._destroy Error(t1-fail)", "s3._destroy Error(t1-fail)"}));
    ASSERT_EQ(emitted.size(), 4u);
    for (const Error& e : emitted) EXPECT_TRUE(e == result) << "the same error object";
    EXPECT_EQ(describe(result), "Error(t1-fail)");
    EXPECT_TRUE(LoopIsQuiet(loop));
  }
  {
    SCOPED_TRACE("a generator between two streams throws");
    SimLoop loop;
    Log log;
    TestReadable s0(loop, Opts().object_mode(), &log, "s0");
    s0.serve(5);
    TestWritable s2(loop, Opts().object_mode(), &log, "s2");
    s2.write_mode = WriteMode::Sync;
    log.watch(s0, "s0", {Event::Error, Event::Close});
    log.watch(s2, "s2", {Event::Error, Event::Close});
    pipeline({s0, Stage::transform([&log](AsyncGenerator<Chunk> src, const AbortSignal&) {
                return fails_at_two(std::move(src), log);
              }),
              s2},
             [&](Error err) { log.add("pipeline cb " + describe(err)); });
    loop.run();
    Lines lines = log.take();
    std::erase_if(lines, [](const std::string& l) {
      return l.find("._") != std::string::npos && l.find("._destroy") == std::string::npos;
    });
    EXPECT_EQ(lines,
              (Lines{"s0._destroy ABORT_ERR", "generator finally", "s2._destroy Error(gen-fail)",
                     "s0:error ABORT_ERR", "s0:close", "s2:error Error(gen-fail)", "s2:close",
                     "pipeline cb Error(gen-fail)"}));
    EXPECT_EQ(live_coroutines(), 0u);
    EXPECT_TRUE(LoopIsQuiet(loop));
  }
}

}  // namespace
}  // namespace bp
