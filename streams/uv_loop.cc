// UvLoop: libuv handles behind the Loop queues (see uv_loop.h for the phase contract).
#include "streams/uv_loop.h"

#include <stdexcept>
#include <string>

namespace bp {

struct UvLoop::Timer {
  uv_timer_t handle{};
  UvLoop* loop = nullptr;
  TimerId id = 0;
  Task task;
};

struct UvLoop::Work {
  uv_work_t req{};
  UvLoop* loop = nullptr;
  std::function<void()> work;
  Task done;
};

namespace {

void check_uv(int rc, const char* what) {
  if (rc != 0) throw std::runtime_error(std::string(what) + ": " + uv_strerror(rc));
}

}  // namespace

UvLoop::UvLoop() {
  check_uv(uv_loop_init(&loop_), "uv_loop_init");
  loop_.data = this;
  uv_check_init(&loop_, &check_);
  check_.data = this;
  uv_check_start(&check_, &UvLoop::on_check);
  uv_unref(reinterpret_cast<uv_handle_t*>(&check_));  // immediates keep the loop alive via idle_
  uv_idle_init(&loop_, &idle_);
  uv_async_init(&loop_, &posted_async_, &UvLoop::on_posted);
  posted_async_.data = this;
  uv_unref(reinterpret_cast<uv_handle_t*>(&posted_async_));
  start_ns_ = uv_hrtime();
}

UvLoop::~UvLoop() {
  for (auto& [id, timer] : timers_) close_timer(timer);
  timers_.clear();
  uv_close(reinterpret_cast<uv_handle_t*>(&check_), nullptr);
  uv_close(reinterpret_cast<uv_handle_t*>(&idle_), nullptr);
  uv_run(&loop_, UV_RUN_DEFAULT);  // posted tasks complete, as requests do
  uv_close(reinterpret_cast<uv_handle_t*>(&posted_async_), nullptr);
  while (uv_run(&loop_, UV_RUN_DEFAULT) != 0) {
  }
  uv_loop_close(&loop_);
}

void UvLoop::next_tick(Task task) { ticks_.next_tick(std::move(task)); }

void UvLoop::queue_microtask(Task task) { ticks_.queue_microtask(std::move(task)); }

Loop::TimerId UvLoop::set_timeout(Duration delay, Task task) {
  const TimerId id = next_timer_id_++;
  auto* timer = new Timer{{}, this, id, std::move(task)};
  timer->handle.data = timer;
  uv_timer_init(&loop_, &timer->handle);
  // libuv measures from its cached time: refresh it, and round up so the timer is never early.
  uv_update_time(&loop_);
  const auto ns = std::max<std::int64_t>(0, delay.count());
  const auto ms = static_cast<std::uint64_t>((ns + 999'999) / 1'000'000);
  uv_timer_start(&timer->handle, &UvLoop::on_timer, ms, 0);
  timers_.emplace(id, timer);
  return id;
}

void UvLoop::clear_timeout(TimerId id) {
  auto it = timers_.find(id);
  if (it == timers_.end()) return;
  close_timer(it->second);
  timers_.erase(it);
}

void UvLoop::set_immediate(Task task) {
  if (immediates_.empty()) uv_idle_start(&idle_, [](uv_idle_t*) {});
  immediates_.push_back(std::move(task));
}

Loop::Duration UvLoop::now() const { return Duration(uv_hrtime() - start_ns_); }

void UvLoop::report_uncaught(const Error& error) { uncaught_.push_back(error); }

void UvLoop::run() {
  ticks_.drain();  // what the caller queued before the loop starts, as after Node's main script
  uv_run(&loop_, UV_RUN_DEFAULT);
}

void UvLoop::queue_work(std::function<void()> work, Task done) {
  auto* w = new Work{{}, this, std::move(work), std::move(done)};
  w->req.data = w;
  check_uv(uv_queue_work(&loop_, &w->req, &UvLoop::on_work, &UvLoop::after_work), "uv_queue_work");
}

void UvLoop::post(Task task) {
  if (posted_.empty()) uv_ref(reinterpret_cast<uv_handle_t*>(&posted_async_));
  posted_.push_back(std::move(task));
  uv_async_send(&posted_async_);
}

void UvLoop::on_posted(uv_async_t* handle) {
  auto& self = *static_cast<UvLoop*>(handle->data);
  // Those posted before this poll phase; tasks they post wait for the next one, as the
  // pool's completions do.
  std::size_t count = self.posted_.size();
  while (count-- > 0 && !self.posted_.empty()) {
    Task task = std::move(self.posted_.front());
    self.posted_.pop_front();
    self.dispatch(task);
  }
  if (self.posted_.empty()) {
    uv_unref(reinterpret_cast<uv_handle_t*>(&self.posted_async_));
  } else {
    uv_async_send(&self.posted_async_);
  }
}

void UvLoop::on_timer(uv_timer_t* handle) {
  auto* timer = static_cast<Timer*>(handle->data);
  UvLoop& self = *timer->loop;
  Task task = std::move(timer->task);
  self.timers_.erase(timer->id);
  close_timer(timer);
  self.dispatch(task);
}

void UvLoop::on_check(uv_check_t* handle) { static_cast<UvLoop*>(handle->data)->run_immediates(); }

void UvLoop::run_immediates() {
  std::size_t count = immediates_.size();
  while (count-- > 0 && !immediates_.empty()) {
    Task task = std::move(immediates_.front());
    immediates_.pop_front();
    dispatch(task);
  }
  if (immediates_.empty()) uv_idle_stop(&idle_);
}

void UvLoop::on_work(uv_work_t* req) { static_cast<Work*>(req->data)->work(); }

void UvLoop::after_work(uv_work_t* req, int /*status*/) {
  auto* w = static_cast<Work*>(req->data);
  UvLoop& self = *w->loop;
  Task done = std::move(w->done);
  delete w;
  self.dispatch(done);
}

void UvLoop::close_timer(Timer* timer) {
  uv_timer_stop(&timer->handle);
  uv_close(reinterpret_cast<uv_handle_t*>(&timer->handle),
           [](uv_handle_t* h) { delete static_cast<Timer*>(h->data); });
}

}  // namespace bp
