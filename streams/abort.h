// AbortController / AbortSignal: the cancellation handle pipeline() gives its coroutine
// stages and accepts from its caller (PipelineOptions::signal), as in the web platform API.
//
// abort() marks the signal aborted with a reason (an AbortError, ABORT_ERR, when none is
// given) and runs the listeners synchronously, once, in the order they were added; later
// abort() calls do nothing. AbortSignal is a shared handle; copies observe the same signal.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

#include "streams/error.h"
#include "streams/loop.h"

namespace bp {

class AbortSignal {
 public:
  using ListenerId = std::uint64_t;

  bool aborted() const { return state_->aborted; }
  const Error& reason() const { return state_->reason; }
  Loop& loop() const { return *state_->loop; }

  // Runs `fn` when the signal aborts (never if it already has: check aborted() first).
  ListenerId on_abort(std::function<void()> fn) const;
  void off_abort(ListenerId id) const;

 private:
  friend class AbortController;
  struct State {
    explicit State(Loop* l) : loop(l) {}
    Loop* loop;
    bool aborted = false;
    Error reason;
    std::vector<std::pair<ListenerId, std::function<void()>>> listeners;
    ListenerId next_id = 1;
  };
  explicit AbortSignal(std::shared_ptr<State> s) : state_(std::move(s)) {}
  std::shared_ptr<State> state_;
};

class AbortController {
 public:
  explicit AbortController(Loop& loop);
  AbortSignal signal() const { return AbortSignal(state_); }
  void abort(Error reason = {});

 private:
  std::shared_ptr<AbortSignal::State> state_;
};

}  // namespace bp
