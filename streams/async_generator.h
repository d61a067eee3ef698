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
#include <deque>
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

// The generator object: its state and request queue (ECMAScript 27.6.3).
template <typename T>
class GeneratorState : public std::enable_shared_from_this<GeneratorState<T>> {
 public:
  using Frame = typename AsyncGenerator<T>::promise_type;
  using Item = std::optional<T>;
  enum class Mode { SuspendedStart, SuspendedYield, Executing, AwaitingReturn, Completed };

  explicit GeneratorState(Frame* frame) : frame_(frame) {}

  Loop* loop() const { return loop_ ? loop_ : (frame_ ? frame_->loop() : nullptr); }
  void set_loop(Loop* loop) { loop_ = loop; }
  void frame_gone() { frame_ = nullptr; }

  NextPromise<T> next() {
    Promise<Item> p(make_state());
    if (mode_ == Mode::Completed) {
      p.resolve(Item{});
      return wrap(p, true);
    }
    queue_.push_back(Request{false, p});
    if (mode_ == Mode::SuspendedStart || mode_ == Mode::SuspendedYield) resume(false);
    return wrap(p, true);
  }

  NextPromise<T> return_() {
    Promise<Item> p(make_state());
    queue_.push_back(Request{true, p});
    if (mode_ == Mode::SuspendedStart || mode_ == Mode::Completed) {
      if (mode_ == Mode::SuspendedStart && frame_) frame_->reclaim();  // the body never runs
      mode_ = Mode::AwaitingReturn;
      await_return();
    } else if (mode_ == Mode::SuspendedYield) {
      resume(true);
    }
    return wrap(p, false);
  }

  // The body's yield: `value` after the yield's own await (plain yield) or straight from the
  // delegate (yield*). AsyncGeneratorYield.
  void yielded(T value) {
    complete_step(Settled<Item>{{}, std::optional<Item>(std::in_place, std::move(value))});
    if (!queue_.empty()) {
      at_yield(queue_.front().is_return);
    } else {
      mode_ = Mode::SuspendedYield;
    }
  }

  // The body ended (the frame is about to be destroyed). AsyncGeneratorStart's last steps.
  void body_done(const Completion& c) {
    mode_ = Mode::Completed;
    frame_ = nullptr;
    delegate_.reset();
    if (c.kind == Completion::Kind::Throw) {
      complete_step(rejection<Item>(c.error));
    } else {
      complete_step(done_result());
    }
    drain_queue();
  }

  // `yield* inner` starts: the first step is a next() on inner.
  void delegate(AsyncGenerator<T> inner) {
    delegate_ = std::move(inner.state_);
    delegate_step(false);
  }

 private:
  struct Request {
    bool is_return;
    Promise<Item> promise;
  };

  static Settled<Item> done_result() { return {{}, std::optional<Item>(std::in_place)}; }
  std::shared_ptr<PromiseState<Item>> make_state() {
    return std::make_shared<PromiseState<Item>>(loop());
  }
  NextPromise<T> wrap(Promise<Item> p, bool is_next) {
    return NextPromise<T>(std::move(p), this->shared_from_this(), is_next);
  }

  // AsyncGeneratorResume.
  void resume(bool is_return) {
    const Mode was = mode_;
    mode_ = Mode::Executing;
    if (was == Mode::SuspendedStart) {
      frame_handle().resume();
    } else {
      at_yield(is_return);
    }
  }

  // The body resumes at a yield (AsyncGeneratorUnwrapYieldResumption): a return request
  // first awaits its value (one job), then ends the body or is forwarded to the delegate.
  void at_yield(bool is_return) {
    if (!is_return) {
      if (delegate_) {
        delegate_step(false);
      } else {
        frame_handle().resume();
      }
      return;
    }
    Frame* frame = frame_;
    frame->require_loop().queue_microtask([self = this->shared_from_this(), alive = frame->alive()] {
      if (!*alive) return;
      if (self->delegate_) {
        self->delegate_step(true);
      } else {
        self->frame_->unwind(Completion::returned());
      }
    });
  }

  // One step of yield*: forward next()/return() to the delegate and await its answer.
  void delegate_step(bool is_return) {
    NextPromise<T> p = is_return ? delegate_->return_() : delegate_->next();
    Frame* frame = frame_;
    await_state<Item>(p.state(), *frame, [self = this->shared_from_this(), is_return](
                                             const Settled<Item>& r) {
      if (r.error) {
        self->delegate_.reset();
        self->frame_->unwind(Completion::thrown(r.error));
      } else if (!r.value->has_value()) {
        self->delegate_.reset();
        if (is_return) {
          self->frame_->unwind(Completion::returned());
        } else {
          self->frame_handle().resume();  // yield* is over; the body goes on
        }
      } else {
        self->yielded(**r.value);
      }
    });
  }

  // AsyncGeneratorCompleteStep: settles the oldest request.
  void complete_step(Settled<Item> result) {
    Request req = std::move(queue_.front());
    queue_.pop_front();
    if (result.error) {
      req.promise.reject(result.error);
    } else {
      req.promise.resolve(std::move(*result.value));
    }
  }

  // AsyncGeneratorDrainQueue.
  void drain_queue() {
    while (!queue_.empty()) {
      if (queue_.front().is_return) {
        mode_ = Mode::AwaitingReturn;
        await_return();
        return;
      }
      complete_step(done_result());
    }
  }

  // AsyncGeneratorAwaitReturn: the return request settles (done) after one job.
  void await_return() {
    Loop* l = loop();
    if (!l) no_loop();
    l->queue_microtask([self = this->shared_from_this()] {
      self->mode_ = Mode::Completed;
      self->complete_step(done_result());
      self->drain_queue();
    });
  }

  std::coroutine_handle<Frame> frame_handle() {
    return std::coroutine_handle<Frame>::from_promise(*frame_);
  }

  Frame* frame_;
  Loop* loop_ = nullptr;
  Mode mode_ = Mode::SuspendedStart;
  std::deque<Request> queue_;
  std::shared_ptr<GeneratorState> delegate_;  // the inner generator of a yield* in progress
  friend class AsyncGenerator<T>;
};

// `co_await it.next()` / `co_await it.return_()` (and their settle() forms).
template <typename T, bool kSettle>
class IterAwaiter {
 public:
  using Item = std::optional<T>;
  IterAwaiter(std::shared_ptr<PromiseState<Item>> state,
              std::shared_ptr<GeneratorState<T>> gen, bool is_next, CoroutineBase& co)
      : state_(std::move(state)), gen_(std::move(gen)), is_next_(is_next), co_(&co) {
    if (is_next_) {
      // Awaiting next() is iterating: close this iterator if the body ends abruptly.
      co_->open_iterator(gen_.get(), [gen = gen_](std::function<void(Error)> done) {
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
  void complete(detail::Completion c) override {
    gen_->body_done(c);
  }
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
