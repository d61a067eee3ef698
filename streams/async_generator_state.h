// GeneratorState<T>: the generator object behind AsyncGenerator<T> — its state, its request
// queue and the steps ECMAScript names (AsyncGeneratorResume, AsyncGeneratorYield,
// AsyncGeneratorCompleteStep, AsyncGeneratorDrainQueue, AsyncGeneratorAwaitReturn, and the
// yield* loop). Internal: included at the end of streams/async_generator.h, not on its own.
#pragma once

#include <deque>
#include <memory>
#include <optional>
#include <utility>

namespace bp::detail {

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
  // The frame is destroyed: finished, or reclaimed (then the generator acts as finished).
  void frame_gone() {
    frame_ = nullptr;
    delegate_.reset();
    if (mode_ != Mode::AwaitingReturn) mode_ = Mode::Completed;
  }

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
      if (mode_ == Mode::SuspendedStart && frame_) {
        if (!loop_) loop_ = frame_->loop();
        frame_->reclaim();  // the body never runs
      }
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

}  // namespace bp::detail
