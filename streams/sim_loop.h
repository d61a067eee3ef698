// SimLoop: a deterministic Loop on virtual time.
//
// One iteration (run_once) runs two phases in a fixed order, like libuv's:
//   1. timers   every timer due at now(), in due-time order (ties in creation order);
//   2. check    the immediates queued before the phase began (new ones wait a turn).
// After each callback it drains next-ticks then microtasks (drain_ticks). When nothing is
// runnable but timers remain, now() jumps to the earliest timer: virtual time costs nothing.
// Uncaught errors are recorded, not thrown; the owner decides what they mean.
#pragma once

#include <cstddef>
#include <deque>
#include <map>
#include <utility>
#include <vector>

#include "streams/error.h"
#include "streams/loop.h"
#include "streams/tick_queues.h"

namespace bp {

class SimLoop final : public Loop {
 public:
  void next_tick(Task task) override;
  void queue_microtask(Task task) override;
  TimerId set_timeout(Duration delay, Task task) override;
  void clear_timeout(TimerId id) override;
  void set_immediate(Task task) override;
  Duration now() const override { return now_; }
  void report_uncaught(const Error& error) override;

  // Runs next-ticks and microtasks until both queues are empty (Node's tick processing).
  void drain_ticks();
  // One loop iteration: drain, due timers, then the immediates queued so far. Advances
  // virtual time to the next timer when there is nothing else to do. Returns !idle().
  bool run_once();
  // Runs until idle, or until `until` returns true (checked after every iteration).
  void run();
  template <typename Pred>
  void run_until(Pred until) {
    while (!until() && run_once()) {
    }
  }

  bool idle() const;
  std::size_t pending_timers() const { return timers_.size(); }
  const std::vector<Error>& uncaught() const { return uncaught_; }

 private:
  void run_due_timers();
  void run_immediates();

  Duration now_{0};
  TickQueues ticks_;
  std::deque<Task> immediates_;
  std::map<std::pair<Duration, TimerId>, Task> timers_;
  std::map<TimerId, Duration> timer_due_;
  TimerId next_timer_id_ = 1;
  std::vector<Error> uncaught_;
};

}  // namespace bp
