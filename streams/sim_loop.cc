#include "streams/sim_loop.h"

namespace bp {

void SimLoop::next_tick(Task task) { ticks_.next_tick(std::move(task)); }

void SimLoop::queue_microtask(Task task) { ticks_.queue_microtask(std::move(task)); }

Loop::TimerId SimLoop::set_timeout(Duration delay, Task task) {
  if (delay < Duration::zero()) delay = Duration::zero();
  const TimerId id = next_timer_id_++;
  const Duration due = now_ + delay;
  timers_.emplace(std::make_pair(due, id), std::move(task));
  timer_due_.emplace(id, due);
  return id;
}

void SimLoop::clear_timeout(TimerId id) {
  auto it = timer_due_.find(id);
  if (it == timer_due_.end()) return;
  timers_.erase({it->second, id});
  timer_due_.erase(it);
}

void SimLoop::set_immediate(Task task) { immediates_.push_back(std::move(task)); }

void SimLoop::report_uncaught(const Error& error) { uncaught_.push_back(error); }

void SimLoop::drain_ticks() { ticks_.drain(); }

void SimLoop::run_due_timers() {
  while (!timers_.empty() && timers_.begin()->first.first <= now_) {
    auto node = timers_.extract(timers_.begin());
    timer_due_.erase(node.key().second);
    node.mapped()();
    drain_ticks();
  }
}

void SimLoop::run_immediates() {
  std::size_t count = immediates_.size();
  while (count-- > 0 && !immediates_.empty()) {
    Task task = std::move(immediates_.front());
    immediates_.pop_front();
    task();
    drain_ticks();
  }
}

bool SimLoop::run_once() {
  drain_ticks();
  if (immediates_.empty() && !timers_.empty() && timers_.begin()->first.first > now_) {
    now_ = timers_.begin()->first.first;
  }
  run_due_timers();
  run_immediates();
  return !idle();
}

void SimLoop::run() {
  while (run_once()) {
  }
}

bool SimLoop::idle() const {
  return ticks_.empty() && immediates_.empty() && timers_.empty();
}

}  // namespace bp
