// Async<T>: the return type of a coroutine that behaves as a JavaScript async function.
//
//   Async<void> copy(Readable& src, Writable& dst) {
//     auto it = iterator(src);
//     while (auto chunk = co_await it.next()) {
//       if (!dst.write(*chunk)) co_await once(dst, Event::Drain);
//     }
//     dst.end();
//   }
//
// Like an async function it starts at once, running synchronously up to its first
// co_await, and its result is a Promise<T>: fulfilled with the co_return'ed value (after two
// more jobs when that value is itself a Promise, as `return promise` costs in V8), rejected
// when the body throws (streams/coroutine.h: an awaited rejection, or co_await raise(e)).
// Nobody has to hold the Async for the body to run to completion.
//
// Awaiting an Async (co_await, settle()) awaits its promise. The coroutine finds its Loop in
// its arguments (streams/coroutine.h) or adopts the loop of the first promise it awaits.
#pragma once

#include <coroutine>
#include <memory>
#include <utility>

#include "streams/coroutine.h"
#include "streams/promise.h"

namespace bp {

template <typename T = void>
class Async {
 public:
  using value_type = T;
  class promise_type;

  const Promise<T>& promise() const { return promise_; }
  Loop* loop_ptr() const { return promise_.loop_ptr(); }

  // promise().then(...).
  template <typename OnFulfilled, typename OnRejected>
  void then(OnFulfilled on_fulfilled, OnRejected on_rejected) const {
    promise_.then(std::move(on_fulfilled), std::move(on_rejected));
  }

  // co_await support (streams/coroutine.h).
  auto awaiter(detail::CoroutineBase& co) const {
    return detail::PromiseAwaiter<T, false>(promise_.state(), co);
  }
  auto settle_awaiter(detail::CoroutineBase& co) const {
    return detail::PromiseAwaiter<T, true>(promise_.state(), co);
  }

 private:
  explicit Async(Promise<T> p) : promise_(std::move(p)) {}
  Promise<T> promise_;
};

namespace detail {

// The result slot of an Async<T>'s frame: co_return value, or co_return promise.
template <typename T>
class AsyncResult {
 public:
  void return_value(T value) { value_.emplace(std::move(value)); }
  void return_value(Promise<T> promise) { follow_.emplace(std::move(promise)); }

 protected:
  void deliver(PromiseState<T>& state) {
    if (follow_) {
      if (state.claim()) state.follow(follow_->state());
    } else if (state.claim()) {
      state.settle(Settled<T>{{}, std::move(value_)});
    }
  }

 private:
  std::optional<T> value_;
  std::optional<Promise<T>> follow_;
};

template <>
class AsyncResult<void> {
 public:
  void return_void() {}

 protected:
  void deliver(PromiseState<void>& state) {
    if (state.claim()) state.settle(Settled<void>{});
  }
};

}  // namespace detail

template <typename T>
class Async<T>::promise_type final : public detail::CoroutineBase, public detail::AsyncResult<T> {
 public:
  template <typename... Args>
  explicit promise_type(Args&... args) {
    find_loop(args...);
    state_ = std::make_shared<detail::PromiseState<T>>(loop());
  }

  Async get_return_object() { return Async(Promise<T>(state_)); }
  std::suspend_never initial_suspend() noexcept { return {}; }
  FinalAwaiter final_suspend() noexcept { return {this}; }
  void unhandled_exception() { on_unhandled_exception(); }

 protected:
  void complete(detail::Completion c) override {
    state_->adopt_loop(loop());
    if (c.kind == detail::Completion::Kind::Throw) {
      if (state_->claim()) state_->settle(detail::rejection<T>(std::move(c.error)));
    } else {
      this->deliver(*state_);
    }
  }
  std::coroutine_handle<> frame() override {
    return std::coroutine_handle<promise_type>::from_promise(*this);
  }

 private:
  std::shared_ptr<detail::PromiseState<T>> state_;
};

}  // namespace bp
