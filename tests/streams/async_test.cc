// The coroutine layer: promises, Async, AsyncGenerator, the readable iterator, once() and
// pipeline()'s coroutine stages (SEMANTICS.md sections 3.4 and 6).
//
// Job counts are measured as the JavaScript calibration scripts measure them: a probe queues
// a chain of microtasks "t1", "t2", ... one per job, and the test records where its own
// events fall between them. Every expected sequence below was printed by Node v20.20.2 for
// the same program in JavaScript (the for-await / yield / yield* / once shapes), or comes
// from verify/pipeline-finished.js and verify/readable-backpressure.js (PF-P8..P11, P15,
// RB-R9..R12, R20, R21).
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "streams/async.h"
#include "streams/async_generator.h"
#include "streams/async_iterator.h"
#include "streams/coroutine.h"
#include "streams/once.h"
#include "streams/pipeline.h"
#include "tests/streams/test_streams.h"

namespace bp {
namespace {

using test::describe;
using test::Lines;
using test::Log;
using test::LoopIsQuiet;
using test::Opts;
using test::TestReadable;
using test::TestTransform;
using test::TestWritable;

// t1..tn, one per microtask job, each queued by the previous one.
void probe(Loop& loop, Log& log, int n, int i = 1) {
  if (i > n) return;
  loop.queue_microtask([&loop, &log, n, i] {
    log.add("t" + std::to_string(i));
    probe(loop, log, n, i + 1);
  });
}

// `await new Promise((r) => setImmediate(r))`: one macrotask boundary.
Promise<void> macrotask(Loop& loop) {
  Promise<void> p(loop);
  loop.set_immediate([p] { p.resolve(); });
  return p;
}

std::string item(const std::optional<int>& v) { return v ? std::to_string(*v) : "done"; }

// Nothing queued, nothing uncaught, and no coroutine frame left behind.
::testing::AssertionResult AllDone(const SimLoop& loop) {
  if (auto r = LoopIsQuiet(loop); !r) return r;
  if (live_coroutines() != 0) {
    return ::testing::AssertionFailure() << live_coroutines() << " coroutine frame(s) alive";
  }
  return ::testing::AssertionSuccess();
}

// --- Promise --------------------------------------------------------------------------------

TEST(Promise, ReactionsRunAsMicrotasksEvenWhenAlreadySettled) {
  SimLoop loop;
  Log log;
  auto p = Promise<int>::resolved(loop, 7);
  p.then([&](int v) { log.add("then " + std::to_string(v)); }, [&](const Error&) { log.add("no"); });
  EXPECT_EQ(log.take(), Lines{}) << "never inside then()";
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"then 7"});
  EXPECT_TRUE(AllDone(loop));
}

TEST(Promise, ResolvingWithAPromiseTakesTwoMoreJobs) {
  SimLoop loop;
  Log log;
  probe(loop, log, 4);
  Promise<int> a(loop);
  Promise<int> b(loop);
  a.resolve(1);
  b.resolve(Promise<int>::resolved(loop, 2));
  a.then([&](int) { log.add("a"); }, [](const Error&) {});
  b.then([&](int v) { log.add("b " + std::to_string(v)); }, [](const Error&) {});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"t1", "a", "t2", "t3", "b 2", "t4"}));
  EXPECT_TRUE(AllDone(loop));
}

TEST(Promise, OnlyTheFirstResolveOrRejectCounts) {
  SimLoop loop;
  int fulfilled = 0;
  int rejected = 0;
  Promise<void> p(loop);
  p.then([&] { ++fulfilled; }, [&](const Error&) { ++rejected; });
  p.resolve();
  p.reject(Error::plain("late"));
  p.resolve();
  loop.drain_ticks();
  EXPECT_EQ(fulfilled, 1);
  EXPECT_EQ(rejected, 0);
  EXPECT_TRUE(p.fulfilled());
  EXPECT_TRUE(AllDone(loop));
}

// --- Async ----------------------------------------------------------------------------------

Async<int> returns_value(Loop&) { co_return 1; }
Async<int> returns_promise(Loop& loop) { co_return Promise<int>::resolved(loop, 1); }
Async<int> awaits_then_returns(Loop& loop) {
  co_await Promise<int>::resolved(loop, 0);
  co_return 1;
}

TEST(Async, AwaitTakesOneJobAndReturningAPromiseTwoMore) {
  SimLoop loop;
  Log log;
  probe(loop, log, 4);
  returns_promise(loop).then([&](int) { log.add("retP"); }, [](const Error&) {});
  returns_value(loop).then([&](int) { log.add("ret1"); }, [](const Error&) {});
  awaits_then_returns(loop).then([&](int) { log.add("awaitret1"); }, [](const Error&) {});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"t1", "ret1", "t2", "awaitret1", "t3", "retP", "t4"}));
  EXPECT_TRUE(AllDone(loop));
}

Async<void> logs_around_await(Loop& loop, Log& log) {
  log.add("body starts");
  co_await Promise<void>::resolved(loop);
  log.add("body resumes");
}

TEST(Async, RunsSynchronouslyUntilItsFirstAwait) {
  SimLoop loop;
  Log log;
  Async<void> a = logs_around_await(loop, log);
  EXPECT_EQ(log.take(), Lines{"body starts"});
  EXPECT_TRUE(a.promise().pending());
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"body resumes"});
  EXPECT_TRUE(a.promise().fulfilled());
  EXPECT_TRUE(AllDone(loop));
}

Async<int> fails_after_finally(Loop& loop, Log& log) {
  auto guard = co_await finally([&log] { log.add("finally"); });
  const int v = co_await Promise<int>::rejected(loop, Error::plain("boom"));
  log.add("not reached " + std::to_string(v));
  co_return v;
}

TEST(Async, AnAwaitedRejectionRunsFinallyThenRejects) {
  SimLoop loop;
  Log log;
  int rejected = 0;
  fails_after_finally(loop, log).then([&](int) { log.add("fulfilled"); }, [&](const Error& e) {
    ++rejected;
    log.add("rejected " + describe(e));
  });
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"finally", "rejected Error(boom)"}));
  EXPECT_EQ(rejected, 1);
  EXPECT_TRUE(AllDone(loop));
}

Async<std::string> settles(Loop& loop) {
  auto [error, value] = co_await settle(Promise<int>::rejected(loop, Error::plain("boom")));
  if (error) co_return "caught " + describe(error);
  co_return "value " + std::to_string(*value);
}

TEST(Async, SettleHandsARejectionBackAsAValue) {
  SimLoop loop;
  std::string got;
  settles(loop).then([&](const std::string& s) { got = s; }, [](const Error&) {});
  loop.drain_ticks();
  EXPECT_EQ(got, "caught Error(boom)");
  EXPECT_TRUE(AllDone(loop));
}

Async<void> raises(Loop&) { co_await raise(Error::of(ErrorCode::ABORT_ERR)); }

TEST(Async, RaiseRejectsWithThatError) {
  SimLoop loop;
  Error got;
  raises(loop).then([] {}, [&](const Error& e) { got = e; });
  loop.drain_ticks();
  EXPECT_TRUE(got.is(ErrorCode::ABORT_ERR));
  EXPECT_TRUE(AllDone(loop));
}

// --- AsyncGenerator -------------------------------------------------------------------------

AsyncGenerator<int> one_two(Loop&, Log* log = nullptr) {
  auto guard = co_await finally([log] {
    if (log) log->add("gen finally");
  });
  if (log) log->add("gen starts");
  co_yield 1;
  co_yield 2;
}
AsyncGenerator<int> delegates(Loop& loop) { co_await yield_from(one_two(loop)); }

TEST(AsyncGenerator, BodyStartsOnTheFirstNext) {
  SimLoop loop;
  Log log;
  AsyncGenerator<int> g = one_two(loop, &log);
  EXPECT_EQ(log.take(), Lines{});
  g.next();
  EXPECT_EQ(log.take(), Lines{"gen starts"}) << "inside next(), synchronously";
  g.return_();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"gen finally"});
  EXPECT_TRUE(AllDone(loop));
}

TEST(AsyncGenerator, YieldTakesOneJobAndYieldFromAddsOneForTheInnerStep) {
  SimLoop loop;
  Log log;
  AsyncGenerator<int> plain = one_two(loop);
  AsyncGenerator<int> outer = delegates(loop);
  probe(loop, log, 4);
  plain.next().then([&](auto v) { log.add("plain " + item(v)); }, [](const Error&) {});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"t1", "t2", "plain 1", "t3", "t4"}));
  probe(loop, log, 4);
  outer.next().then([&](auto v) { log.add("outer " + item(v)); }, [](const Error&) {});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"t1", "t2", "t3", "outer 1", "t4"}));
  probe(loop, log, 5);
  outer.return_().then([&](auto v) { log.add("outer return " + item(v)); }, [](const Error&) {});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"t1", "t2", "t3", "t4", "outer return done", "t5"}));
  plain.return_();
  loop.drain_ticks();
  EXPECT_TRUE(AllDone(loop));
}

TEST(AsyncGenerator, ReturnAtAYieldRunsFinallyAfterOneJob) {
  SimLoop loop;
  Log log;
  AsyncGenerator<int> g = one_two(loop, &log);
  g.next();
  loop.drain_ticks();
  log.take();
  probe(loop, log, 3);
  g.return_().then([&](auto v) { log.add("return " + item(v)); }, [](const Error&) {});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"t1", "gen finally", "t2", "return done", "t3"}));
  g.next().then([&](auto v) { log.add("next " + item(v)); }, [](const Error&) {});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"next done"}) << "a finished generator stays done";
  EXPECT_TRUE(AllDone(loop));
}

TEST(AsyncGenerator, ReturnBeforeTheFirstNextNeverRunsTheBody) {
  SimLoop loop;
  Log log;
  AsyncGenerator<int> g = one_two(loop, &log);
  probe(loop, log, 2);
  g.return_().then([&](auto v) { log.add("return " + item(v)); }, [](const Error&) {});
  EXPECT_EQ(live_coroutines(), 0u) << "the frame is gone at once";
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"t1", "t2", "return done"}));
  EXPECT_TRUE(AllDone(loop));
}

AsyncGenerator<int> throws_inside_loop(Loop& loop, Log& log) {
  auto guard = co_await finally([&log] { log.add("fin"); });
  auto source = one_two(loop, &log);
  while (auto x = co_await source.next()) {
    log.add("b" + std::to_string(*x));
    if (*x == 1) co_await raise(Error::plain("e"));
    co_yield *x;
  }
}

TEST(AsyncGenerator, AThrowInsideALoopClosesTheSourceBeforeFinally) {
  SimLoop loop;
  Log log;
  int rejected = 0;
  probe(loop, log, 6);
  throws_inside_loop(loop, log).next().then([](auto) {}, [&](const Error& e) {
    ++rejected;
    log.add("rej " + describe(e));
  });
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"gen starts", "t1", "t2", "b1", "t3", "gen finally", "t4", "fin",
                               "t5", "rej Error(e)", "t6"}));
  EXPECT_EQ(rejected, 1);
  EXPECT_TRUE(AllDone(loop));
}

TEST(AsyncGenerator, RequestsMadeWhileItRunsAreServedInOrder) {
  SimLoop loop;
  Log log;
  AsyncGenerator<int> g = one_two(loop);
  for (int i = 0; i < 4; ++i) {
    g.next().then([&log, i](auto v) { log.add(std::to_string(i) + ":" + item(v)); },
                  [](const Error&) {});
  }
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"0:1", "1:2", "2:done", "3:done"}));
  EXPECT_TRUE(AllDone(loop));
}

TEST(AsyncGenerator, ReclaimDestroysSuspendedFramesWithoutRunningFinally) {
  SimLoop loop;
  Log log;
  AsyncGenerator<int> g = one_two(loop, &log);
  g.next();
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"gen starts"});
  EXPECT_EQ(live_coroutines(), 1u) << "suspended at its first yield";
  EXPECT_EQ(reclaim_coroutines(loop), 1u);
  EXPECT_EQ(log.take(), Lines{}) << "a collected generator runs no finally";
  g.next().then([&](auto v) { log.add("next " + item(v)); }, [](const Error&) {});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), Lines{"next done"}) << "and acts as finished afterwards";
  EXPECT_TRUE(AllDone(loop));
}

// --- iterator(readable) ---------------------------------------------------------------------

Async<std::vector<std::size_t>> collect_sizes(Readable& r) {
  std::vector<std::size_t> sizes;
  auto it = iterator(r);
  while (auto chunk = co_await it.next()) sizes.push_back(chunk->size());
  co_return sizes;
}

TEST(ReadableIterator, ByteChunksBufferedBetweenStepsComeMerged) {
  // RB-R9: 'a', 'b', 'c' pushed before the loop starts arrive as "abc".
  SimLoop loop;
  TestReadable r(loop);
  r.push(Chunk::from_string("a"));
  r.push(Chunk::from_string("b"));
  r.push(Chunk::from_string("c"));
  r.push_eof();
  std::vector<std::size_t> sizes;
  collect_sizes(r).then([&](auto s) { sizes = s; }, [](const Error&) {});
  loop.run();
  EXPECT_EQ(sizes, std::vector<std::size_t>{3});
  EXPECT_TRUE(r.destroyed()) << "autoDestroy after 'end'";
  EXPECT_TRUE(AllDone(loop));
}

Async<std::vector<std::int64_t>> collect_objects(Readable& r) {
  std::vector<std::int64_t> objects;
  auto it = iterator(r);
  while (auto chunk = co_await it.next()) objects.push_back(chunk->as_int());
  co_return objects;
}

TEST(ReadableIterator, ObjectModeYieldsOneObjectPerStep) {
  SimLoop loop;
  TestReadable r(loop, Opts().object_mode());
  r.serve(3);
  std::vector<std::int64_t> objects;
  collect_objects(r).then([&](auto o) { objects = o; }, [](const Error&) {});
  loop.run();
  EXPECT_EQ(objects, (std::vector<std::int64_t>{1, 2, 3}));
  EXPECT_TRUE(AllDone(loop));
}

// for await (const v of r) { await tick(); await tick(); log(...); if (v === 3) break; }
Async<void> slow_consumer(SimLoop& loop, TestReadable& r, Log& log) {
  auto it = iterator(r);
  while (auto v = co_await it.next()) {
    co_await macrotask(loop);
    co_await macrotask(loop);
    log.add("got " + std::to_string(v->as_int()) + " reads " + std::to_string(r.read_calls) +
            " buffered " + std::to_string(r.readable_length()));
    if (v->as_int() == 3) {
      co_await it.return_();  // break
      break;
    }
  }
}

TEST(ReadableIterator, ASlowBodyLetsTheBufferFillOnlyToTheHighWaterMark) {
  // RB-R10.
  SimLoop loop;
  Log log;
  TestReadable r(loop, Opts().object_mode().hwm(4));
  r.on_read = [](TestReadable& self, std::size_t) { self.push(Chunk::object(self.read_calls)); };
  log.watch(r, "r", {Event::Close, Event::End, Event::Error});
  slow_consumer(loop, r, log);
  loop.run();
  EXPECT_EQ(log.take(), (Lines{"got 1 reads 5 buffered 4", "got 2 reads 6 buffered 4",
                               "got 3 reads 7 buffered 4", "r:error ABORT_ERR", "r:close"}));
  EXPECT_TRUE(r.destroyed());
  EXPECT_TRUE(AllDone(loop));
}

Async<void> throwing_body(TestReadable& r) {
  auto it = iterator(r);
  while (auto v = co_await it.next()) co_await raise(Error::plain("body"));
}

TEST(ReadableIterator, AThrowingBodyStillDestroysTheStreamWithAbortError) {
  // RB-R11: the caller sees its own error; the stream is destroyed with an AbortError.
  SimLoop loop;
  Log log;
  TestReadable r(loop, Opts().object_mode());
  r.on_read = [](TestReadable& self, std::size_t) { self.push(Chunk::object(1)); };
  log.watch(r, "r", {Event::Close, Event::Error});
  throwing_body(r).then([] {}, [&](const Error& e) { log.add("caught " + describe(e)); });
  loop.run();
  EXPECT_EQ(log.take(), (Lines{"caught Error(body)", "r:error ABORT_ERR", "r:close"}));
  EXPECT_TRUE(r.errored().is(ErrorCode::ABORT_ERR));
  EXPECT_TRUE(AllDone(loop));
}

Async<void> break_at_first(Readable& r, ReadableIteratorOptions options) {
  auto it = iterator(r, options);
  if (co_await it.next()) co_await it.return_();
}

TEST(ReadableIterator, DestroyOnReturnFalseLeavesTheStreamAlive) {
  // RB-R12.
  SimLoop loop;
  TestReadable r(loop, Opts().object_mode());
  r.on_read = [](TestReadable& self, std::size_t) { self.push(Chunk::object(1)); };
  ReadableIteratorOptions keep;
  keep.destroy_on_return = false;
  break_at_first(r, keep);
  loop.run();
  EXPECT_FALSE(r.destroyed());
  EXPECT_EQ(r.listener_count(Event::Readable), 0u) << "the iterator detached itself";
  EXPECT_TRUE(AllDone(loop));
}

Async<void> breaks_without_return(Readable& r) {
  auto it = iterator(r);
  while (co_await it.next()) break;
}

TEST(ReadableIterator, AnIteratorLeftOpenIsClosedWhenTheBodyFinishes) {
  SimLoop loop;
  Log log;
  TestReadable r(loop, Opts().object_mode());
  r.on_read = [](TestReadable& self, std::size_t) { self.push(Chunk::object(1)); };
  log.watch(r, "r", {Event::Close, Event::Error});
  int fulfilled = 0;
  breaks_without_return(r).then([&] { ++fulfilled; }, [](const Error&) {});
  loop.run();
  EXPECT_EQ(fulfilled, 1);
  EXPECT_EQ(log.take(), (Lines{"r:error ABORT_ERR", "r:close"}));
  EXPECT_TRUE(AllDone(loop));
}

Async<void> destroys_while_iterating(TestReadable& r) {
  auto it = iterator(r);
  while (co_await it.next()) r.destroy();
}

TEST(ReadableIterator, DestroyWithoutErrorBeforeTheEndIsPrematureClose) {
  // RB-R20.
  SimLoop loop;
  TestReadable r(loop, Opts().object_mode());
  r.on_read = [](TestReadable& self, std::size_t) { self.push(Chunk::object(1)); };
  Error got;
  destroys_while_iterating(r).then([] {}, [&](const Error& e) { got = e; });
  loop.run();
  EXPECT_TRUE(got.is(ErrorCode::ERR_STREAM_PREMATURE_CLOSE)) << describe(got);
  EXPECT_TRUE(AllDone(loop));
}

TEST(ReadableIterator, AStreamErrorRejectsTheNextStep) {
  // RB-R21.
  SimLoop loop;
  Log log;
  TestReadable r(loop, Opts().object_mode());
  r.push(Chunk::object(1));
  loop.set_immediate([&r] { r.destroy(Error::plain("kaboom")); });
  auto consume = [](Readable& src, Log& out) -> Async<void> {
    auto it = iterator(src);
    while (auto v = co_await it.next()) out.add("got " + std::to_string(v->as_int()));
  };
  consume(r, log).then([&] { log.add("ended normally"); },
                       [&](const Error& e) { log.add("threw " + describe(e)); });
  loop.run();
  EXPECT_EQ(log.take(), (Lines{"got 1", "threw Error(kaboom)"}));
  EXPECT_TRUE(AllDone(loop));
}

// --- once() ---------------------------------------------------------------------------------

Async<void> await_event(EventEmitter& e, Log& log) {
  co_await once(e, Event::Finish);
  log.add("resumed");
}

TEST(Once, ResolvesLikeAnAsyncFunctionReturningThePromise) {
  SimLoop loop;
  Log log;
  TestWritable w(loop);
  probe(loop, log, 4);
  await_event(w, log);
  w.emit(Event::Finish);  // before the async function's promise has adopted the inner one
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"t1", "t2", "t3", "resumed", "t4"}));
  await_event(w, log);
  loop.drain_ticks();
  probe(loop, log, 3);
  w.emit(Event::Finish);  // later: two jobs
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"t1", "t2", "resumed", "t3"}));
  EXPECT_TRUE(AllDone(loop));
}

TEST(Once, AnErrorRejectsAndRemovesBothListeners) {
  SimLoop loop;
  Log log;
  TestWritable w(loop);
  auto waiter = [](Writable& dst, Log& out) -> Async<void> {
    auto [error, arg] = co_await settle(once(dst, Event::Drain));
    out.add("caught " + describe(error));
    out.add("drain " + std::to_string(dst.listener_count(Event::Drain)) + " error " +
            std::to_string(dst.listener_count(Event::Error)));
  };
  waiter(w, log);
  loop.drain_ticks();
  w.emit(Event::Error, EventArg{.error = Error::plain("boom")});
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"caught Error(boom)", "drain 0 error 0"}));
  EXPECT_TRUE(AllDone(loop));
}

// for await (c of src) { if (!dst.write(c)) await once(dst, 'drain') } dst.end()
Async<void> await_drain_copy(Readable& src, Writable& dst) {
  auto it = iterator(src);
  while (auto chunk = co_await it.next()) {
    if (!dst.write(*chunk)) co_await drained(dst);
  }
  dst.end();
}

// for await (c of src) dst.write(c) — the leak.
Async<void> ignoring_copy(Readable& src, Writable& dst) {
  auto it = iterator(src);
  while (auto chunk = co_await it.next()) dst.write(*chunk);
  dst.end();
}

// Runs `copy` from 50 objects into a sink (HWM 2) whose writes complete one macrotask later;
// returns the peak writableLength.
template <typename Copy>
std::size_t run_copy(Copy copy, std::uint64_t* violations) {
  SimLoop loop;
  TestReadable src(loop, Opts().object_mode());
  src.serve(50);
  TestWritable dst(loop, Opts().object_mode().hwm(2));
  int finished = 0;
  dst.on(Event::Finish, [&](const EventArg&) { ++finished; });
  std::size_t peak = 0;
  copy(src, dst);
  while (!loop.idle() || dst.held() > 0) {
    loop.run_once();
    peak = std::max(peak, dst.writable_length());
    if (dst.held() > 0) dst.complete();
  }
  EXPECT_EQ(finished, 1);
  EXPECT_EQ(dst.written.size(), 50u);
  *violations = dst.violation_count();
  EXPECT_TRUE(AllDone(loop));
  return peak;
}

TEST(Once, AwaitDrainCopyStaysWithinTheHighWaterMark) {
  std::uint64_t violations = 0;
  EXPECT_LE(run_copy(await_drain_copy, &violations), 2u);
  EXPECT_EQ(violations, 0u);
  const std::size_t leaky_peak = run_copy(ignoring_copy, &violations);
  EXPECT_GT(leaky_peak, 2u) << "ignoring write() lets the sink's buffer grow";
  EXPECT_GT(violations, 0u);
}

// --- pipeline() with coroutine stages -------------------------------------------------------

AsyncGenerator<Chunk> doubled(AsyncGenerator<Chunk> source) {
  while (auto c = co_await source.next()) co_yield Chunk::object(c->as_int() * 2);
}

Async<Chunk> sum_of(AsyncGenerator<Chunk> source) {
  std::int64_t total = 0;
  while (auto c = co_await source.next()) total += c->as_int();
  co_return Chunk::object(total);
}

TEST(PipelineCoroutines, GeneratorStageFeedsTheNextStream) {
  SimLoop loop;
  TestReadable s0(loop, Opts().object_mode());
  s0.serve(3);
  TestWritable s2(loop, Opts().object_mode());
  s2.write_mode = TestWritable::WriteMode::Sync;
  int calls = 0;
  Error result;
  std::optional<AbortSignal> signal;
  pipeline({s0, Stage::transform([&signal](AsyncGenerator<Chunk> src, const AbortSignal& sig) {
              signal = sig;
              return doubled(std::move(src));
            }),
            s2},
           [&](Error err) {
             ++calls;
             result = err;
           });
  ASSERT_TRUE(signal);
  EXPECT_FALSE(signal->aborted());
  loop.run();
  EXPECT_EQ(calls, 1);
  EXPECT_FALSE(result) << describe(result);
  EXPECT_TRUE(signal->aborted()) << "the stages' signal aborts once the pipeline settles";
  ASSERT_EQ(s2.written.size(), 3u);
  EXPECT_EQ(s2.written[2].as_int(), 6);
  EXPECT_TRUE(AllDone(loop));
}

TEST(PipelineCoroutines, AsyncFunctionValueIsThePipelineValue) {
  // PF-P10: the last async function's return value.
  SimLoop loop;
  TestReadable s0(loop, Opts().object_mode());
  s0.serve(3);
  auto sink = Stage::sink([](AsyncGenerator<Chunk> src, const AbortSignal&) {
    return sum_of(std::move(src));
  });
  std::optional<std::int64_t> via_callback;
  std::optional<std::int64_t> via_promise;
  pipeline({s0, sink}, [&](const Error& err, const Chunk& v) {
    if (!err) via_callback = v.as_int();
  });
  TestReadable s1(loop, Opts().object_mode());
  s1.serve(3);
  pipeline_async({s1, sink}).then([&](const Chunk& v) { via_promise = v.as_int(); },
                                  [](const Error&) {});
  loop.run();
  EXPECT_EQ(via_callback, 6);
  EXPECT_EQ(via_promise, 6);
  EXPECT_TRUE(AllDone(loop));
}

AsyncGenerator<Chunk> fails_at_two(AsyncGenerator<Chunk> source, Log& log) {
  auto guard = co_await finally([&log] { log.add("generator finally"); });
  while (auto c = co_await source.next()) {
    if (c->as_int() == 2) co_await raise(Error::plain("gen-fail"));
    co_yield std::move(*c);
  }
}

TEST(PipelineCoroutines, AGeneratorThrowAbortsUpstreamAndFailsDownstream) {
  // PF-P8: the upstream stream is destroyed by the generator's loop (AbortError) before
  // finally; the downstream one by pipeline, with the thrown error.
  SimLoop loop;
  Log log;
  TestReadable s0(loop, Opts().object_mode(), &log, "s0");
  s0.serve(5);
  TestWritable s2(loop, Opts().object_mode(), &log, "s2");
  s2.write_mode = TestWritable::WriteMode::Sync;
  log.watch(s0, "s0", {Event::Error, Event::Close, Event::End});
  log.watch(s2, "s2", {Event::Error, Event::Close, Event::Finish});
  int calls = 0;
  pipeline({s0, Stage::transform([&log](AsyncGenerator<Chunk> src, const AbortSignal&) {
              return fails_at_two(std::move(src), log);
            }),
            s2},
           [&](Error err) {
             ++calls;
             log.add("pipeline cb " + describe(err));
           });
  loop.run();
  Lines lines = log.take();
  std::erase_if(lines, [](const std::string& l) { return l.find("._") != std::string::npos &&
                                                         l.find("._destroy") == std::string::npos; });
  EXPECT_EQ(lines, (Lines{"s0._destroy ABORT_ERR", "generator finally", "s2._destroy Error(gen-fail)",
                          "s0:error ABORT_ERR", "s0:close", "s2:error Error(gen-fail)", "s2:close",
                          "pipeline cb Error(gen-fail)"}));
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(AllDone(loop));
}

AsyncGenerator<Chunk> counting_source(const AbortSignal& signal, int* produced, Log* log) {
  auto guard = co_await finally([log] {
    if (log) log->add("source generator finally");
  });
  for (std::int64_t i = 1; i <= 100; ++i) {
    ++*produced;
    co_yield Chunk::object(i);
  }
  (void)signal;
}

TEST(PipelineCoroutines, AGeneratorSourceWaitsForDrain) {
  // PF-P15: a stalled object-mode sink with HWM 2 lets the source produce 2 items.
  SimLoop loop;
  int produced = 0;
  TestWritable slow(loop, Opts().object_mode().hwm(2));
  int calls = 0;
  Error result;
  pipeline({Stage::source([&produced](const AbortSignal& signal) {
              return counting_source(signal, &produced, nullptr);
            }),
            slow},
           [&](Error err) {
             ++calls;
             result = err;
           });
  for (int k = 0; k < 10; ++k) loop.run_once();
  EXPECT_EQ(produced, 2);
  EXPECT_EQ(slow.writable_length(), 2u);
  while (calls == 0) {
    while (slow.held() > 0) slow.complete();
    loop.run_once();
  }
  loop.run();
  EXPECT_EQ(produced, 100);
  EXPECT_FALSE(result);
  EXPECT_EQ(slow.violation_count(), 0u);
  EXPECT_TRUE(AllDone(loop));
}

TEST(PipelineCoroutines, ASinkFailureReturnsTheSourceGeneratorAfterTheCallback) {
  // PF-P9: the callback can run before the generator's finally.
  SimLoop loop;
  Log log;
  int produced = 0;
  TestWritable s1(loop, Opts().object_mode(), &log, "s1");
  s1.write_mode = TestWritable::WriteMode::Sync;
  s1.fail_at = 3;
  log.watch(s1, "s1", {Event::Error, Event::Close, Event::Finish});
  pipeline({Stage::source([&](const AbortSignal& signal) {
              return counting_source(signal, &produced, &log);
            }),
            s1},
           [&](Error err) { log.add("pipeline cb " + describe(err)); });
  loop.run();
  Lines lines = log.take();
  std::erase_if(lines, [](const std::string& l) { return l.rfind("s1._write", 0) == 0; });
  EXPECT_EQ(lines, (Lines{"s1._destroy Error(sink-fail)", "s1:error Error(sink-fail)", "s1:close",
                          "pipeline cb Error(sink-fail)", "source generator finally"}));
  EXPECT_TRUE(AllDone(loop));
}

TEST(PipelineCoroutines, AbortingTheSignalDestroysEveryStreamAndRejects) {
  // PF-P11.
  SimLoop loop;
  Log log;
  TestReadable s0(loop, Opts().object_mode(), &log, "s0");
  TestWritable s1(loop, Opts().object_mode(), &log, "s1");
  log.watch(s0, "s0", {Event::Error, Event::Close});
  log.watch(s1, "s1", {Event::Error, Event::Close});
  AbortController ac(loop);
  PipelineOptions options;
  options.signal = ac.signal();
  pipeline_async({s0, s1}, options)
      .then([&](const Chunk&) { log.add("resolved"); },
            [&](const Error& e) { log.add("rejected " + describe(e)); });
  loop.run_once();
  log.take();
  ac.abort();
  EXPECT_EQ(log.take(), (Lines{"s0._destroy ABORT_ERR", "s1._destroy ABORT_ERR"}));
  loop.run();
  EXPECT_EQ(log.take(), (Lines{"s0:error ABORT_ERR", "s0:close", "s1:error ABORT_ERR", "s1:close",
                               "rejected ABORT_ERR"}));
  EXPECT_TRUE(AllDone(loop));
}

Async<std::string> awaits_pipeline(std::vector<Stage> stages) {
  auto [error, value] = co_await settle(pipeline_async(std::move(stages)));
  if (error) co_return "error " + describe(error);
  co_return "value " + (value->is_null() ? std::string("undefined") : std::to_string(value->as_int()));
}

TEST(PipelineCoroutines, ThePromiseFormReportsErrorsAsValues) {
  SimLoop loop;
  TestReadable s0(loop, Opts().object_mode());
  s0.serve(2);
  TestWritable s1(loop, Opts().object_mode());
  s1.write_mode = TestWritable::WriteMode::Sync;
  s1.fail_at = 1;
  TestReadable lonely(loop);
  std::vector<std::string> got;
  auto record = [&](const std::string& s) { got.push_back(s); };
  awaits_pipeline({s0, s1}).then(record, [](const Error&) {});
  awaits_pipeline({&lonely}).then(record, [](const Error&) {});
  loop.run();
  EXPECT_EQ(got, (std::vector<std::string>{"error ERR_MISSING_ARGS", "error Error(sink-fail)"}));
  EXPECT_TRUE(AllDone(loop));
}

}  // namespace
}  // namespace bp
