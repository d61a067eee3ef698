#include "streams/abort.h"

#include <algorithm>

namespace bp {

AbortSignal::ListenerId AbortSignal::on_abort(std::function<void()> fn) const {
  const ListenerId id = state_->next_id++;
  state_->listeners.emplace_back(id, std::move(fn));
  return id;
}

void AbortSignal::off_abort(ListenerId id) const {
  std::erase_if(state_->listeners, [id](const auto& l) { return l.first == id; });
}

AbortController::AbortController(Loop& loop)
    : state_(std::make_shared<AbortSignal::State>(&loop)) {}

void AbortController::abort(Error reason) {
  if (state_->aborted) return;
  state_->aborted = true;
  state_->reason = reason ? std::move(reason) : Error::of(ErrorCode::ABORT_ERR);
  auto listeners = std::move(state_->listeners);
  state_->listeners.clear();
  for (auto& [id, fn] : listeners) fn();
}

}  // namespace bp
