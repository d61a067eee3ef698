// SimLoop: phase order (next-tick, microtask, timers, immediates) and virtual time. The
// queue interleaving was checked against Node v20.20.2 with the same callbacks.
#include "streams/sim_loop.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "streams/event_emitter.h"
#include "tests/streams/test_streams.h"

namespace bp {
namespace {

using namespace std::chrono_literals;
using test::describe;
using test::Lines;
using test::Log;

TEST(SimLoop, RunsNextTicksThenMicrotasksThenTimersThenImmediates) {
  SimLoop loop;
  Log log;
  loop.set_immediate([&] { log.add("immediate"); });
  loop.set_timeout(0ms, [&] { log.add("timer"); });
  loop.queue_microtask([&] { log.add("microtask"); });
  loop.next_tick([&] { log.add("tick"); });
  EXPECT_EQ(log.take(), Lines{}) << "nothing runs inside the queueing calls";
  loop.run();
  EXPECT_EQ(log.take(), (Lines{"tick", "microtask", "timer", "immediate"}));
  EXPECT_TRUE(loop.idle());
}

TEST(SimLoop, TicksAndMicrotasksInterleaveAsInNode) {
  // Node: t1 t2 m1 m-from-t1 m2 tick-from-m1.
  SimLoop loop;
  Log log;
  loop.queue_microtask([&] {
    log.add("m1");
    loop.next_tick([&] { log.add("tick-from-m1"); });
    loop.queue_microtask([&] { log.add("m2"); });
  });
  loop.next_tick([&] {
    log.add("t1");
    loop.next_tick([&] { log.add("t2"); });
    loop.queue_microtask([&] { log.add("m-from-t1"); });
  });
  loop.drain_ticks();
  EXPECT_EQ(log.take(), (Lines{"t1", "t2", "m1", "m-from-t1", "m2", "tick-from-m1"}));
  EXPECT_TRUE(loop.idle());
}

TEST(SimLoop, TicksDrainAfterEachTimerCallback) {
  SimLoop loop;
  Log log;
  loop.set_timeout(5ms, [&] {
    log.add("timerA");
    loop.next_tick([&] { log.add("tickA"); });
  });
  loop.set_timeout(5ms, [&] { log.add("timerB"); });
  loop.run();
  EXPECT_EQ(log.take(), (Lines{"timerA", "tickA", "timerB"}));
  EXPECT_TRUE(loop.idle());
}

TEST(SimLoop, TimersRunInDueOrderWithTiesInCreationOrder) {
  SimLoop loop;
  Log log;
  loop.set_timeout(20ms, [&] { log.add("20ms"); });
  loop.set_timeout(10ms, [&] { log.add("10ms first"); });
  loop.set_timeout(10ms, [&] { log.add("10ms second"); });
  loop.set_timeout(-5ms, [&] { log.add("negative is 0"); });
  loop.run();
  EXPECT_EQ(log.take(), (Lines{"negative is 0", "10ms first", "10ms second", "20ms"}));
  EXPECT_TRUE(loop.idle());
}

TEST(SimLoop, TimeJumpsToTheNextTimerWhenNothingElseIsRunnable) {
  SimLoop loop;
  Log log;
  EXPECT_EQ(loop.now(), 0ns);
  loop.set_timeout(5s, [&] {
    log.add("at " + std::to_string(loop.now() / 1ms) + "ms");
    loop.set_timeout(10ms, [&] { log.add("at " + std::to_string(loop.now() / 1ms) + "ms"); });
  });
  EXPECT_EQ(loop.pending_timers(), 1u);
  EXPECT_TRUE(loop.run_once());
  EXPECT_EQ(loop.now(), 5s);
  EXPECT_EQ(log.take(), Lines{"at 5000ms"});
  EXPECT_FALSE(loop.run_once()) << "idle once the nested timer ran";
  EXPECT_EQ(loop.now(), 5010ms);
  EXPECT_EQ(log.take(), Lines{"at 5010ms"});
  EXPECT_TRUE(loop.idle());
}

TEST(SimLoop, TimeDoesNotJumpWhileImmediatesArePending) {
  SimLoop loop;
  Log log;
  loop.set_timeout(5ms, [&] { log.add("timer"); });
  loop.set_immediate([&] { log.add("immediate at " + std::to_string(loop.now() / 1ms)); });
  loop.run_once();
  EXPECT_EQ(log.take(), Lines{"immediate at 0"});
  EXPECT_EQ(loop.now(), 0ns);
  loop.run_once();
  EXPECT_EQ(log.take(), Lines{"timer"});
  EXPECT_EQ(loop.now(), 5ms);
  EXPECT_TRUE(loop.idle());
}

TEST(SimLoop, ImmediatesQueuedDuringTheCheckPhaseWaitATurn) {
  SimLoop loop;
  Log log;
  loop.set_immediate([&] {
    log.add("first");
    loop.set_immediate([&] { log.add("second"); });
  });
  EXPECT_TRUE(loop.run_once());
  EXPECT_EQ(log.take(), Lines{"first"});
  EXPECT_FALSE(loop.run_once());
  EXPECT_EQ(log.take(), Lines{"second"});
  EXPECT_TRUE(loop.idle());
}

TEST(SimLoop, ClearTimeoutCancelsATimer) {
  SimLoop loop;
  Log log;
  const Loop::TimerId id = loop.set_timeout(1ms, [&] { log.add("cancelled"); });
  loop.set_timeout(2ms, [&] { log.add("kept"); });
  loop.clear_timeout(id);
  loop.clear_timeout(id);  // twice is harmless
  EXPECT_EQ(loop.pending_timers(), 1u);
  loop.run();
  EXPECT_EQ(log.take(), Lines{"kept"});
  EXPECT_EQ(loop.now(), 2ms);
  EXPECT_TRUE(loop.idle());
}

TEST(SimLoop, RunUntilStopsWhenThePredicateHolds) {
  SimLoop loop;
  int fired = 0;
  for (int i = 1; i <= 5; ++i) loop.set_timeout(std::chrono::milliseconds(i), [&] { ++fired; });
  loop.run_until([&] { return fired == 3; });
  EXPECT_EQ(fired, 3);
  EXPECT_EQ(loop.now(), 3ms);
  EXPECT_FALSE(loop.idle());
  loop.run();
  EXPECT_EQ(fired, 5);
  EXPECT_TRUE(loop.idle());
}

TEST(SimLoop, UnhandledErrorEventsAreRecordedNotThrown) {
  SimLoop loop;
  EventEmitter emitter(loop);
  EXPECT_FALSE(emitter.emit(Event::Error, EventArg{.error = Error::plain("lost")}));
  ASSERT_EQ(loop.uncaught().size(), 1u);
  EXPECT_EQ(describe(loop.uncaught().front()), "Error(lost)");
  EXPECT_TRUE(loop.idle());
}

}  // namespace
}  // namespace bp
