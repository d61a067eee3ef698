// UvLoop: the Loop interface on libuv, in real time.
//
// The phases are libuv's, which are Node's: timers, pending I/O callbacks, poll (file and
// thread-pool completions), check (immediates), close. Every callback that reaches stream code
// runs as a macrotask through dispatch(): the callback, then next-ticks and microtasks until
// both are empty, as Node's MakeCallback does. Immediates run in the check phase, those queued
// before the phase began (new ones wait a turn); while any are pending the poll phase does not
// block. Timers have libuv's millisecond resolution: a delay is rounded up to whole
// milliseconds, so a timer never fires early. now() is monotonic time since construction.
//
// Single-threaded like every Loop, except queue_work(), whose `work` runs on libuv's thread
// pool; `done` then runs on the loop thread. Uncaught errors are recorded, not thrown.
#pragma once

#include <uv.h>

#include <cstdint>
#include <deque>
#include <functional>
#include <unordered_map>
#include <vector>

#include "streams/error.h"
#include "streams/loop.h"
#include "streams/tick_queues.h"

namespace bp {

class UvLoop final : public Loop {
 public:
  UvLoop();
  // Cancels the timers, then runs the loop until every handle is closed and every request
  // (file I/O, thread-pool work, posted task) has completed.
  ~UvLoop() override;
  UvLoop(const UvLoop&) = delete;
  UvLoop& operator=(const UvLoop&) = delete;

  void next_tick(Task task) override;
  void queue_microtask(Task task) override;
  TimerId set_timeout(Duration delay, Task task) override;
  void clear_timeout(TimerId id) override;
  void set_immediate(Task task) override;
  Duration now() const override;
  void report_uncaught(const Error& error) override;

  // Runs `fn` as a macrotask: then next-ticks and microtasks until both are empty.
  template <typename F>
  void dispatch(F&& fn) {
    fn();
    ticks_.drain();
  }

  // Runs until nothing is left to do (no timer, immediate, request or active handle), or
  // until stop() is called from a callback.
  void run();
  void stop() { uv_stop(&loop_); }

  // Runs `work` on libuv's thread pool, then `done` on the loop thread as a macrotask. `work`
  // must not touch loop state; the pool hands its results over to `done`.
  void queue_work(std::function<void()> work, Task done);

  // Runs `task` as a macrotask in a later poll phase, where thread-pool completions run: for
  // work done on the loop thread whose result must arrive as if it came from the pool.
  void post(Task task);

  uv_loop_t* uv() { return &loop_; }
  std::size_t pending_timers() const { return timers_.size(); }
  const std::vector<Error>& uncaught() const { return uncaught_; }

 private:
  struct Timer;
  struct Work;
  static void close_timer(Timer* timer);  // frees it once libuv has closed the handle
  static void on_timer(uv_timer_t* handle);
  static void on_check(uv_check_t* handle);
  static void on_work(uv_work_t* req);
  static void after_work(uv_work_t* req, int status);
  static void on_posted(uv_async_t* handle);
  void run_immediates();

  uv_loop_t loop_{};
  uv_check_t check_{};  // runs the immediates
  uv_idle_t idle_{};    // active while immediates are pending: keeps poll from blocking
  uv_async_t posted_async_{};  // referenced while posted tasks wait
  std::uint64_t start_ns_ = 0;
  TickQueues ticks_;
  std::deque<Task> immediates_;
  std::deque<Task> posted_;
  std::unordered_map<TimerId, Timer*> timers_;  // each closes and frees itself
  TimerId next_timer_id_ = 1;
  std::vector<Error> uncaught_;
};

}  // namespace bp
