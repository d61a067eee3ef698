// Promise<T>: a JavaScript promise on the Loop's microtask queue, job for job.
//
// The model follows ECMAScript's promise machinery, because the streams' observable order
// depends on how many jobs each step takes:
//   - a reaction (then(), an await) runs as a microtask queued when the promise settles, or at
//     once when it is already settled (NewPromiseReactionJob);
//   - resolve(other_promise) adopts the other promise's state after two more jobs, as V8
//     does (NewPromiseResolveThenableJob, then the reaction it registers);
//   - only the first resolve()/reject() counts (the resolving functions' [[AlreadyResolved]]).
// A rejected promise carries a bp::Error. Promise<void> resolves with no value.
//
// A Promise is a shared handle: copies refer to the same promise. Reactions hold the promise
// they wait on only while it is pending and settled; nothing else keeps it alive.
// Coroutines await promises through streams/async.h and streams/async_generator.h.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "streams/error.h"
#include "streams/loop.h"

namespace bp {

// What a settled promise holds: the reason when it was rejected, else its value.
template <typename T>
struct Settled {
  Error error;
  std::optional<T> value;  // engaged when fulfilled
};
template <>
struct Settled<void> {
  Error error;
};

template <typename T>
class Promise;

namespace detail {

template <typename T>
using Stored = std::conditional_t<std::is_void_v<T>, std::monostate, T>;

template <typename T>
Settled<T> rejection(Error e) {
  if constexpr (std::is_void_v<T>) {
    return Settled<void>{std::move(e)};
  } else {
    return Settled<T>{std::move(e), std::nullopt};
  }
}

[[noreturn]] inline void no_loop() {
  std::fputs("bp::Promise: no Loop is known for this promise or coroutine\n", stderr);
  std::abort();
}

// The promise itself. Reactions are plain functions of the settled result; they are queued
// on the loop as microtasks, each holding the state until it has run.
template <typename T>
class PromiseState : public std::enable_shared_from_this<PromiseState<T>> {
 public:
  using Reaction = std::function<void(const Settled<T>&)>;

  explicit PromiseState(Loop* loop) : loop_(loop) {}

  Loop* loop() const { return loop_; }
  // A promise made before its loop was known (a coroutine's result) learns it here.
  void adopt_loop(Loop* loop) {
    if (!loop_) loop_ = loop;
  }
  bool pending() const { return !settled_; }
  const Settled<T>& result() const { return result_; }

  // The resolving functions: only the first call counts.
  bool claim() {
    if (already_resolved_) return false;
    already_resolved_ = true;
    return true;
  }
  // FulfillPromise / RejectPromise: settles and queues every reaction.
  void settle(Settled<T> result) {
    if (settled_) return;
    settled_ = true;
    result_ = std::move(result);
    std::vector<Reaction> reactions = std::move(reactions_);
    reactions_.clear();
    for (Reaction& r : reactions) enqueue(std::move(r));
  }
  // PerformPromiseThen without a derived promise.
  void react(Reaction reaction) {
    if (settled_) {
      enqueue(std::move(reaction));
    } else {
      reactions_.push_back(std::move(reaction));
    }
  }
  // resolve(other): one job calls other.then(), whose reaction settles this promise.
  void follow(std::shared_ptr<PromiseState> other) {
    if (other.get() == this) {
      settle(rejection<T>(
          Error::make(ErrorCode::ERR_INVALID_ARG_TYPE, "Chaining cycle detected for promise")));
      return;
    }
    if (!loop_) loop_ = other->loop_;
    if (!loop_) no_loop();
    other->adopt_loop(loop_);
    loop_->queue_microtask([self = this->shared_from_this(), other = std::move(other)] {
      other->react([self](const Settled<T>& r) { self->settle(r); });
    });
  }

 private:
  void enqueue(Reaction reaction) {
    if (!loop_) no_loop();
    loop_->queue_microtask([self = this->shared_from_this(), fn = std::move(reaction)] {
      fn(self->result_);
    });
  }

  Loop* loop_;
  bool settled_ = false;
  bool already_resolved_ = false;
  Settled<T> result_;
  std::vector<Reaction> reactions_;
};

}  // namespace detail

template <typename T>
class Promise {
 public:
  using value_type = T;

  // A pending promise, like `new Promise(executor)` with the executor's resolve/reject kept
  // for later: call resolve() or reject() on any copy.
  explicit Promise(Loop& loop) : state_(std::make_shared<detail::PromiseState<T>>(&loop)) {}

  // Promise.resolve(value) / Promise.reject(error).
  template <typename... V>
  static Promise resolved(Loop& loop, V&&... value) {
    Promise p(loop);
    p.resolve(std::forward<V>(value)...);
    return p;
  }
  static Promise rejected(Loop& loop, Error error) {
    Promise p(loop);
    p.reject(std::move(error));
    return p;
  }

  // Fulfils with `value` (nothing for Promise<void>). Ignored once resolved or rejected.
  template <typename... V>
    requires(sizeof...(V) == (std::is_void_v<T> ? 0 : 1) &&
             (!std::is_base_of_v<Promise, std::remove_cvref_t<V>> && ...))
  void resolve(V&&... value) const {
    if (!state_->claim()) return;
    if constexpr (std::is_void_v<T>) {
      state_->settle(Settled<T>{});
    } else {
      state_->settle(Settled<T>{{}, std::optional<T>(std::forward<V>(value)...)});
    }
  }
  // Takes on `other`'s outcome, two microtasks after `other` settles (JS resolve(thenable)).
  void resolve(const Promise& other) const {
    if (state_->claim()) state_->follow(other.state_);
  }
  void reject(Error error) const {
    if (!state_->claim()) return;
    state_->settle(detail::rejection<T>(std::move(error)));
  }

  bool pending() const { return state_->pending(); }
  bool fulfilled() const { return !pending() && !state_->result().error; }
  bool rejected() const { return !pending() && static_cast<bool>(state_->result().error); }
  // The outcome; only meaningful once settled.
  const Settled<T>& result() const { return state_->result(); }
  Loop& loop() const {
    if (!state_->loop()) detail::no_loop();
    return *state_->loop();
  }
  Loop* loop_ptr() const { return state_->loop(); }

  // promise.then(on_fulfilled, on_rejected): each runs as a microtask after settlement.
  // on_fulfilled takes the value (nothing for Promise<void>), on_rejected the Error. The
  // derived promise JavaScript would return is not made: nothing in the streams uses it.
  template <typename OnFulfilled, typename OnRejected>
  void then(OnFulfilled on_fulfilled, OnRejected on_rejected) const {
    state_->react([f = std::move(on_fulfilled), r = std::move(on_rejected)](
                      const Settled<T>& s) mutable {
      if (s.error) {
        r(s.error);
      } else if constexpr (std::is_void_v<T>) {
        f();
      } else {
        f(*s.value);
      }
    });
  }

  const std::shared_ptr<detail::PromiseState<T>>& state() const { return state_; }
  explicit Promise(std::shared_ptr<detail::PromiseState<T>> state) : state_(std::move(state)) {}

 private:
  std::shared_ptr<detail::PromiseState<T>> state_;
};

}  // namespace bp
