// The machinery Async<T> and AsyncGenerator<T> share: how a coroutine body awaits, how it
// ends abruptly, and who owns a suspended frame.
//
// Awaiting. Inside a body, `co_await p` on a Promise (or an Async, or an iterator's next())
// suspends and resumes in the microtask that reacts to p, exactly as a JavaScript `await`
// does: always at least one job, even when p is already settled. If p was rejected the body
// does not resume: it ends with that error as a `throw` would (see below).
// `co_await settle(p)` instead resumes with a Settled<T>, so the error is a value.
//
// Ending abruptly. A body throws with `co_await raise(error)`; an awaited rejection throws
// too, and an async generator's return() request ends it at its yield. No C++ exception is
// involved: the frame stays suspended while the machinery runs the body's cleanup stack,
// innermost first, then settles the coroutine and destroys the frame. The stack holds
//   - `finally` blocks: `auto f = co_await finally([&] { ... });` runs the function when the
//     enclosing scope ends normally (the guard's destructor) or when the body ends
//     abruptly while the guard is alive; it must not suspend;
//   - open iterators: awaiting `it.next()` in a body marks `it` as iterated, as `for await`
//     does, until a step reports done or fails. If the body throws or is returned while
//     `it` is open, `it.return_()` is called and awaited before the enclosing finally
//     blocks run and the coroutine settles (AsyncIteratorClose). An iterator still open when
//     the body finishes normally (a loop left by `break`) is closed the same way just
//     before the coroutine settles; JavaScript closes it at the `break` itself, so write
//     `co_await it.return_(); break;` where that timing matters.
// A C++ exception escaping a body (an ArgumentError from write(null), say) is caught and
// treated as a throw of its error; the body's locals have then already been destroyed.
//
// Ownership. A JavaScript activation lives as long as something can resume it; cycles are
// left to the garbage collector. Here every frame belongs to a per-thread registry until
// it completes. reclaim_coroutines() destroys the frames still suspended (for example a
// generator that nobody will ever pull again) without running their finally blocks — the
// equivalent of those activations being collected. Call it after the loop's work is done
// and before destroying the streams the frames refer to.
#pragma once

#include <coroutine>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>
#include <vector>

#include "streams/callback.h"
#include "streams/error.h"
#include "streams/loop.h"
#include "streams/promise.h"

namespace bp {

// `co_await raise(error)`: ends the body with a throw completion (JavaScript `throw error`).
struct Raise {
  Error error;
};
inline Raise raise(Error error) { return Raise{std::move(error)}; }

// `co_await settle(x)`: awaits x and resumes with Settled<T> instead of throwing.
template <typename Awaitable>
struct Settle {
  Awaitable awaited;
};
template <typename Awaitable>
Settle<std::decay_t<Awaitable>> settle(Awaitable&& a) {
  return {std::forward<Awaitable>(a)};
}

// `auto guard = co_await finally(fn)`: a finally block for the rest of the enclosing scope.
struct FinallyRequest {
  std::function<void()> fn;
};
inline FinallyRequest finally(std::function<void()> fn) { return FinallyRequest{std::move(fn)}; }

// How many coroutine frames are alive (suspended or running) on this thread.
std::size_t live_coroutines();
// Destroys every frame still alive that runs on `loop` (or has no loop yet), without running
// their finally blocks. Returns how many it destroyed.
std::size_t reclaim_coroutines(Loop& loop);

namespace detail {

// How a body ended: normally, by a generator's return(), or by a throw.
struct Completion {
  enum class Kind : std::uint8_t { Normal, Return, Throw };
  Kind kind = Kind::Normal;
  Error error;
  static Completion thrown(Error e) { return {Kind::Throw, std::move(e)}; }
  static Completion returned() { return {Kind::Return, {}}; }
};

// Awaits `state` on behalf of a coroutine: `done` runs in the reaction microtask, unless
// the frame has been destroyed in the meantime.
template <typename T>
void await_state(const std::shared_ptr<PromiseState<T>>& state, class CoroutineBase& co,
                 std::function<void(const Settled<T>&)> done);

class CoroutineBase {
 public:
  CoroutineBase(const CoroutineBase&) = delete;
  CoroutineBase& operator=(const CoroutineBase&) = delete;

  Loop* loop() const { return loop_; }
  Loop& require_loop() const;
  void adopt_loop(Loop* loop);

  // Liveness token: false once the frame is gone.
  const std::shared_ptr<bool>& alive() const { return alive_; }

  // The cleanup stack.
  using Closer = std::function<void(Callback)>;
  std::uint64_t push_finally(std::function<void()> fn);
  // Registers `iterator` as open (once); `close` calls its return() and reports the outcome.
  void open_iterator(const void* iterator, Closer close);
  // The iterator finished or failed: nothing to close any more.
  void forget_iterator(const void* iterator);
  // A finally guard's scope ended normally: runs its block if still pending.
  void run_finally(std::uint64_t id);

  // Ends the body with `c`: unwinds the cleanup stack, then settles and destroys the frame.
  void unwind(Completion c);

  // Destroys the frame without running anything (reclaim_coroutines).
  void reclaim();

  // Every co_await in a body goes through these.
  template <typename T>
  auto await_transform(const Promise<T>& p);
  // Async<T> and iterator requests bring their own awaiters.
  template <typename A>
    requires requires(A& a, CoroutineBase& co) { a.awaiter(co); }
  auto await_transform(A&& a) {
    return a.awaiter(*this);
  }
  template <typename A>
  auto await_transform(Settle<A> s);
  auto await_transform(Raise r);
  auto await_transform(FinallyRequest f);

 protected:
  CoroutineBase();
  virtual ~CoroutineBase();

  // Settles the coroutine with how its body ended (the frame is still alive).
  virtual void complete(Completion c) = 0;
  virtual std::coroutine_handle<> frame() = 0;

  // Picks the loop from the coroutine's arguments: a Loop&, anything with loop_ptr() or
  // loop() (streams, promises, generators, AbortSignal), or a pointer to such.
  template <typename... Args>
  void find_loop(Args&... args) {
    (try_loop(args), ...);
  }

  // The body left with an exception escaping it: treat it as a throw.
  void on_unhandled_exception();
  Completion body_end_;  // set by unhandled_exception; Normal otherwise

  struct FinalAwaiter {
    CoroutineBase* self;
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<>) const noexcept { self->unwind(self->body_end_); }
    void await_resume() const noexcept {}
  };

 private:
  template <typename A>
  void try_loop(A& a) {
    using P = std::remove_cvref_t<A>;
    if (loop_) return;
    if constexpr (std::is_base_of_v<Loop, P>) {
      loop_ = &a;
    } else if constexpr (requires { a.loop_ptr(); }) {
      loop_ = a.loop_ptr();
    } else if constexpr (std::is_pointer_v<P>) {
      if constexpr (requires { a->loop(); }) {
        if (a) loop_ = &a->loop();
      }
    } else if constexpr (requires { a.loop(); }) {
      loop_ = &a.loop();
    }
  }

  struct Entry {
    std::uint64_t id;
    std::function<void()> finally_fn;  // a finally block, or
    const void* iterator = nullptr;    // an open iterator and its closer
    Closer close;
  };
  void continue_unwind(Completion c);

  Loop* loop_ = nullptr;
  std::shared_ptr<bool> alive_ = std::make_shared<bool>(true);
  std::vector<Entry> cleanups_;
  std::uint64_t next_id_ = 1;
  CoroutineBase* prev_ = nullptr;
  CoroutineBase* next_ = nullptr;
  friend std::size_t bp::reclaim_coroutines(Loop&);
};

// A finally block's guard: runs it when the scope ends normally.
class FinallyGuard {
 public:
  FinallyGuard(CoroutineBase* co, std::uint64_t id) : co_(co), id_(id), alive_(co->alive()) {}
  FinallyGuard(FinallyGuard&& o) noexcept : co_(o.co_), id_(o.id_), alive_(std::move(o.alive_)) {
    o.co_ = nullptr;
  }
  FinallyGuard(const FinallyGuard&) = delete;
  FinallyGuard& operator=(const FinallyGuard&) = delete;
  FinallyGuard& operator=(FinallyGuard&&) = delete;
  ~FinallyGuard() {
    if (co_ && alive_ && *alive_) co_->run_finally(id_);
  }

 private:
  CoroutineBase* co_;
  std::uint64_t id_;
  std::shared_ptr<bool> alive_;
};

template <typename T>
void await_state(const std::shared_ptr<PromiseState<T>>& state, CoroutineBase& co,
                 std::function<void(const Settled<T>&)> done) {
  co.adopt_loop(state->loop());
  state->adopt_loop(co.loop());
  if (!state->loop()) no_loop();
  state->react([alive = co.alive(), done = std::move(done)](const Settled<T>& r) {
    if (*alive) done(r);
  });
}

// `co_await promise` / `co_await settle(promise)`.
template <typename T, bool kSettle>
class PromiseAwaiter {
 public:
  PromiseAwaiter(std::shared_ptr<PromiseState<T>> state, CoroutineBase& co)
      : state_(std::move(state)), co_(&co) {}
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<> h) {
    auto state = std::move(state_);  // the frame must not keep what it waits on alive
    await_state<T>(state, *co_, [this, h](const Settled<T>& r) {
      if constexpr (!kSettle) {
        if (r.error) return co_->unwind(Completion::thrown(r.error));
      }
      result_ = r;
      h.resume();
    });
  }
  auto await_resume() {
    if constexpr (kSettle) {
      return std::move(result_);
    } else if constexpr (!std::is_void_v<T>) {
      return std::move(*result_.value);
    }
  }

 private:
  std::shared_ptr<PromiseState<T>> state_;
  CoroutineBase* co_;
  Settled<T> result_;
};

struct RaiseAwaiter {
  CoroutineBase* co;
  Error error;
  bool await_ready() const noexcept { return false; }
  void await_suspend(std::coroutine_handle<>) { co->unwind(Completion::thrown(std::move(error))); }
  void await_resume() const noexcept {}
};

struct FinallyAwaiter {
  CoroutineBase* co;
  std::function<void()> fn;
  std::uint64_t id = 0;
  bool await_ready() const noexcept { return false; }
  bool await_suspend(std::coroutine_handle<>) {
    id = co->push_finally(std::move(fn));
    return false;  // registers and goes on without suspending
  }
  FinallyGuard await_resume() { return FinallyGuard(co, id); }
};

template <typename T>
auto CoroutineBase::await_transform(const Promise<T>& p) {
  return PromiseAwaiter<T, false>(p.state(), *this);
}

template <typename A>
auto CoroutineBase::await_transform(Settle<A> s) {
  if constexpr (requires { s.awaited.settle_awaiter(*this); }) {
    return s.awaited.settle_awaiter(*this);
  } else {
    using T = typename A::value_type;
    return PromiseAwaiter<T, true>(s.awaited.state(), *this);
  }
}

inline auto CoroutineBase::await_transform(Raise r) { return RaiseAwaiter{this, std::move(r.error)}; }

inline auto CoroutineBase::await_transform(FinallyRequest f) {
  return FinallyAwaiter{this, std::move(f.fn)};
}

}  // namespace detail
}  // namespace bp
