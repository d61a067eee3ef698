// TickQueues: the next-tick and microtask queues every Loop drains after each macrotask.
//
// drain() is Node's processTicksAndRejections: every next-tick (including those queued by
// ticks), then every microtask (including those queued by microtasks), and again while
// microtasks queued more ticks.
#pragma once

#include <deque>

#include "streams/loop.h"

namespace bp {

class TickQueues {
 public:
  void next_tick(Loop::Task task) { ticks_.push_back(std::move(task)); }
  void queue_microtask(Loop::Task task) { microtasks_.push_back(std::move(task)); }
  void drain();
  bool empty() const { return ticks_.empty() && microtasks_.empty(); }

 private:
  std::deque<Loop::Task> ticks_;
  std::deque<Loop::Task> microtasks_;
};

}  // namespace bp
