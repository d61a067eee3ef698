// Loop: the event loop interface the streams run on.
//
// The streams never block and never own a thread; every deferred step goes through one of
// these queues, with Node's meaning:
//   next_tick       process.nextTick: runs as soon as the current callback returns, before
//                   microtasks; ticks queued by ticks run in the same drain.
//   queue_microtask a promise job: runs after the next-tick queue is empty.
//   set_timeout     a timer, due after `delay` on the loop's clock.
//   set_immediate   setImmediate: runs in the check phase of the next loop iteration.
// After every macrotask (timer, immediate, I/O callback) the loop drains next-ticks, then
// microtasks, and repeats until both are empty. Each implementation describes its phases:
// streams/sim_loop.h (virtual time) and streams/uv_loop.h (libuv).
//
// A Loop implementation is single-threaded: every method is called on the loop's thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

namespace bp {

class Error;

class Loop {
 public:
  using Task = std::function<void()>;
  using Duration = std::chrono::nanoseconds;
  using TimerId = std::uint64_t;

  virtual ~Loop() = default;

  virtual void next_tick(Task task) = 0;
  virtual void queue_microtask(Task task) = 0;
  virtual TimerId set_timeout(Duration delay, Task task) = 0;
  virtual void clear_timeout(TimerId id) = 0;
  virtual void set_immediate(Task task) = 0;

  // The loop's clock: virtual time for SimLoop, monotonic real time for UvLoop.
  virtual Duration now() const = 0;

  // An 'error' event was emitted with no listener; Node would throw it as uncaught.
  virtual void report_uncaught(const Error& error) = 0;
};

}  // namespace bp
