// UvLoop: the queues run in Node's order on a real libuv loop. Expected orders were checked
// against Node v20.20.2 with the same callbacks, queued from an I/O callback (fs.stat), where
// Node's order between timers and immediates is deterministic.
#include "streams/uv_loop.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <thread>
#include <utility>

#include "tests/streams/test_streams.h"

namespace bp {
namespace {

using namespace std::chrono_literals;
using test::Lines;
using test::Log;

// From inside an I/O callback: a timer, immediates, ticks and microtasks whose order Node fixes.
void queue_order_probe(UvLoop& loop, Log& log) {
  loop.set_timeout(0ms, [&] { log.add("timer"); });
  loop.set_immediate([&] {
    log.add("immA");
    loop.next_tick([&] { log.add("tickA"); });
    loop.queue_microtask([&] { log.add("microA"); });
  });
  loop.set_immediate([&] {
    log.add("immB");
    loop.set_immediate([&] { log.add("immC"); });
  });
  loop.next_tick([&] { log.add("tick"); });
  loop.queue_microtask([&] { log.add("micro"); });
}

TEST(UvLoop, OrdersTicksMicrotasksImmediatesAndTimersAsNodeFromAnIoCallback) {
  // Node: tick micro immA tickA microA immB timer immC.
  UvLoop loop;
  Log log;
  loop.queue_work([] {}, [&] { queue_order_probe(loop, log); });
  loop.run();
  EXPECT_EQ(log.take(), (Lines{"tick", "micro", "immA", "tickA", "microA", "immB", "timer", "immC"}));
}

TEST(UvLoop, TimersWithEqualDelaysFireInCreationOrderWithTicksBetween) {
  UvLoop loop;
  Log log;
  loop.set_timeout(2ms, [&] {
    log.add("timerA");
    loop.next_tick([&] { log.add("tickA"); });
  });
  loop.set_timeout(2ms, [&] { log.add("timerB"); });
  loop.run();
  EXPECT_EQ(log.take(), (Lines{"timerA", "tickA", "timerB"}));
  EXPECT_EQ(loop.pending_timers(), 0u);
}

TEST(UvLoop, TimerNeverFiresBeforeItsDelayOnLibuvsClock) {
  // Sub-millisecond delays round up to libuv's resolution rather than down. As in Node, the
  // delay runs on libuv's millisecond clock (the real clock truncated), so on the nanosecond
  // clock of now() a timer may fire up to 1 ms before its delay has passed; that is Node's
  // behaviour too and not checked here.
  UvLoop loop;
  for (const auto& [delay, at_least_ms] : {std::pair{Loop::Duration(300us), 1u}, {Loop::Duration(3ms), 3u}}) {
    uv_update_time(loop.uv());
    const std::uint64_t start_ms = uv_now(loop.uv());
    std::uint64_t fired_ms = 0;
    loop.set_timeout(delay, [&] { fired_ms = uv_now(loop.uv()); });
    loop.run();
    EXPECT_GE(fired_ms - start_ms, at_least_ms) << "delay " << delay.count() << " ns";
  }
}

TEST(UvLoop, ClearedTimerNeverRunsAndDoesNotKeepTheLoopAlive) {
  UvLoop loop;
  int runs = 0;
  const auto id = loop.set_timeout(1h, [&] { ++runs; });
  loop.next_tick([&] { loop.clear_timeout(id); });
  loop.run();  // would wait an hour if the cleared timer were still referenced
  EXPECT_EQ(runs, 0);
  EXPECT_EQ(loop.pending_timers(), 0u);
}

TEST(UvLoop, WorkRunsOffTheLoopThreadAndDoneRunsOnIt) {
  UvLoop loop;
  const auto loop_thread = std::this_thread::get_id();
  std::thread::id work_thread, done_thread;
  Log log;
  loop.queue_work([&] { work_thread = std::this_thread::get_id(); },
                  [&] {
                    done_thread = std::this_thread::get_id();
                    log.add("done");
                    loop.next_tick([&] { log.add("tick after done"); });
                  });
  loop.run();
  EXPECT_NE(work_thread, loop_thread);
  EXPECT_EQ(done_thread, loop_thread);
  EXPECT_EQ(log.take(), (Lines{"done", "tick after done"}));
}

TEST(UvLoop, PostedTaskRunsAsAnIoCallbackAfterTheCurrentMacrotask) {
  // The same order as from a thread-pool completion (the first test), and never inside the
  // call that posted it.
  UvLoop loop;
  Log log;
  loop.post([&] { queue_order_probe(loop, log); });
  log.add("posted");
  loop.run();
  EXPECT_EQ(log.take(),
            (Lines{"posted", "tick", "micro", "immA", "tickA", "microA", "immB", "timer", "immC"}));
}

TEST(UvLoop, PostedTasksKeepTheLoopAliveAndRunBeforeItIsDestroyed) {
  int ran = 0;
  {
    UvLoop loop;
    loop.post([&] {
      ++ran;
      loop.post([&] { ++ran; });
    });
    loop.run();
    EXPECT_EQ(ran, 2);
    loop.post([&] { ++ran; });
  }
  EXPECT_EQ(ran, 3);
}

TEST(UvLoop, StopEndsRunWithWorkStillPending) {
  UvLoop loop;
  int later = 0;
  loop.set_timeout(1ms, [&] { loop.stop(); });
  loop.set_timeout(1h, [&] { ++later; });
  loop.run();
  EXPECT_EQ(later, 0);
  EXPECT_EQ(loop.pending_timers(), 1u);
}

}  // namespace
}  // namespace bp
