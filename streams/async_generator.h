// AsyncGenerator<T>: the return type of a coroutine that behaves as a JavaScript async
// generator (ECMAScript's AsyncGenerator objects, request queue and all).
//
//   AsyncGenerator<Chunk> doubled(AsyncGenerator<Chunk> source) {
//     while (auto item = co_await source.next()) {   // for await (const item of source)
//       co_yield *item;                               //   yield item
//       co_yield *item;
//     }
//   }
//
// The body starts on the first next(). next() and return_() (JavaScript's return()) each
// queue a request and give back a promise of the next item: std::nullopt once the generator
// is done. As in JavaScript:
//   - `co_yield v` takes one job (the yield's implicit await) before the request settles;
//     the body then goes on at once if another request is queued, else suspends;
//   - a return_() request at a yield ends the body after one more job, running its cleanup
//     stack (finally blocks, open iterators: streams/coroutine.h); at the start, or after
//     the end, it settles after one job without running the body;
//   - `co_await yield_from(inner)` is `yield* inner`: requests are forwarded to `inner`,
//     its items are handed on without the extra job a plain yield takes;
//   - a throw ends the generator: the pending request is rejected, later ones are done.
// Bodies end with `co_return;` or by falling off the end (no return value).
//
// An AsyncGenerator is a shared handle to the generator object; the frame itself is owned
// as streams/coroutine.h describes.
#pragma once

#include <coroutine>
#include <functional>
#include <memory>
#include <optional>
#include <utility>

#include "streams/coroutine.h"
#include "streams/promise.h"

namespace bp {

template <typename T>
class AsyncGenerator;

namespace detail {
template <typename T>
class GeneratorState;
template <typename T, bool kSettle>
class IterAwaiter;
}  // namespace detail

// What next() and return_() give back: a promise of the next item (nullopt: done) that a
// coroutine body may await (streams/coroutine.h explains what awaiting next() implies).
template <typename T>
class NextPromise : public Promise<std::optional<T>> {
 public:
  NextPromise(Promise<std::optional<T>> p, std::shared_ptr<detail::GeneratorState<T>> gen,
              bool is_next)
      : Promise<std::optional<T>>(std::move(p)), gen_(std::move(gen)), is_next_(is_next) {}

  detail::IterAwaiter<T, false> awaiter(detail::CoroutineBase& co) const {
    return {this->state(), gen_, is_next_, co};
  }
  detail::IterAwaiter<T, true> settle_awaiter(detail::CoroutineBase& co) const {
    return {this->state(), gen_, is_next_, co};
  }

 private:
  std::shared_ptr<detail::GeneratorState<T>> gen_;
  bool is_next_;
};

// `co_await yield_from(inner)` in an AsyncGenerator<T> body: JavaScript's `yield* inner`.
template <typename T>
struct YieldFrom {
  AsyncGenerator<T> inner;
};
template <typename T>
YieldFrom<T> yield_from(AsyncGenerator<T> inner) {
  return YieldFrom<T>{std::move(inner)};
}

template <typename T>
class AsyncGenerator {
 public:
  class promise_type;
  using value_type = T;

  AsyncGenerator() = default;

  NextPromise<T> next() const;
  NextPromise<T> return_() const;

  explicit operator bool() const { return state_ != nullptr; }
  Loop* loop_ptr() const;

 private:
  friend class detail::GeneratorState<T>;
  explicit AsyncGenerator(std::shared_ptr<detail::GeneratorState<T>> s) : state_(std::move(s)) {}
  std::shared_ptr<detail::GeneratorState<T>> state_;
};

namespace detail {

// `co_await it.next()` / `co_await it.return_()` (and their settle() forms).
template <typename T, bool kSettle>
class IterAwaiter {
 public:
  using Item = std::optional<T>;
  IterAwaiter(std::shared_ptr<PromiseState<Item>> state,
              std::shared_ptr<GeneratorState<T>> gen, bool is_next, CoroutineBase& co)
      : state_(std::move(state)), gen_(std::move(gen)), is_next_(is_next), co_(&co) {
    if (is_next_) {
      // Awaiting next() is iterating: close this iterator if the body ends while it is open.
      co_->open_iterator(gen_.get(), [gen = gen_](Callback done) {
        NextPromise<T> p = gen->return_();
        p.state()->react([done = std::move(done)](const Settled<Item>& r) { done(r.error); });
      });
    } else {
      co_->forget_iterator(gen_.get());
    }
  }
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) {
    auto state = std::move(state_);
    await_state<Item>(state, *co_, [this, h](const Settled<Item>& r) {
      if (r.error || !r.value->has_value()) co_->forget_iterator(gen_.get());
      if constexpr (!kSettle) {
        if (r.error) return co_->unwind(Completion::thrown(r.error));
      }
      result_ = r;
      h.resume();
    });
  }
  // co_await: the item (nullopt when done); settle(): the Settled<optional<T>>.
  auto await_resume() {
    if constexpr (kSettle) {
      return std::move(result_);
    } else {
      return std::move(*result_.value);
    }
  }

 private:
  std::shared_ptr<PromiseState<Item>> state_;
  std::shared_ptr<GeneratorState<T>> gen_;
  bool is_next_;
  CoroutineBase* co_;
  Settled<Item> result_;
};

}  // namespace detail

template <typename T>
class AsyncGenerator<T>::promise_type final : public detail::CoroutineBase {
 public:
  template <typename... Args>
  explicit promise_type(Args&... args) {
    find_loop(args...);
  }
  ~promise_type() override {
    if (gen_) gen_->frame_gone();
  }

  AsyncGenerator get_return_object() {
    auto s = std::make_shared<detail::GeneratorState<T>>(this);
    s->set_loop(loop());
    gen_ = s;
    return AsyncGenerator(std::move(s));
  }
  std::suspend_always initial_suspend() noexcept { return {}; }
  FinalAwaiter final_suspend() noexcept { return {this}; }
  void return_void() {}
  void unhandled_exception() { on_unhandled_exception(); }

  // co_yield value: one job (the yield's await), then the request settles.
  auto yield_value(T value) {
    struct YieldAwaiter {
      promise_type* self;
      T value;
      bool await_ready() const noexcept { return false; }
      void await_suspend(std::coroutine_handle<>) {
        self->require_loop().queue_microtask(
            [gen = self->gen_, alive = self->alive(), v = std::move(value)]() mutable {
              if (*alive) gen->yielded(std::move(v));
            });
      }
      void await_resume() const noexcept {}
    };
    return YieldAwaiter{this, std::move(value)};
  }

  using CoroutineBase::await_transform;
  auto await_transform(YieldFrom<T> y) {
    struct YieldFromAwaiter {
      promise_type* self;
      AsyncGenerator<T> inner;
      bool await_ready() const noexcept { return false; }
      void await_suspend(std::coroutine_handle<>) {
        self->gen_->delegate(std::move(inner));
      }
      void await_resume() const noexcept {}
    };
    return YieldFromAwaiter{this, std::move(y.inner)};
  }

 protected:
  void complete(detail::Completion c) override { gen_->body_done(c); }
  std::coroutine_handle<> frame() override {
    return std::coroutine_handle<promise_type>::from_promise(*this);
  }

 private:
  // The generator object: the frame keeps it alive (JavaScript's generator context does).
  std::shared_ptr<detail::GeneratorState<T>> gen_;
};

template <typename T>
NextPromise<T> AsyncGenerator<T>::next() const {
  return state_->next();
}

template <typename T>
NextPromise<T> AsyncGenerator<T>::return_() const {
  return state_->return_();
}

template <typename T>
Loop* AsyncGenerator<T>::loop_ptr() const {
  return state_ ? state_->loop() : nullptr;
}

}  // namespace bp

#include "streams/async_generator_state.h"  // IWYU pragma: export
