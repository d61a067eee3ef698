#include "harness/source_stream.h"

#include <algorithm>

#include "streams/loop.h"

namespace bp::harness {

SourceStream::SourceStream(Loop& loop, const Source& config, const StreamOptions& options,
                           bool ignore_push)
    : Stream(loop), Readable(loop, options), config_(config), ignore_push_(ignore_push),
      data_(config.data, config.seed), pacer_(config.rate), start_(loop.now()) {}

void SourceStream::_read(std::size_t) {
  if (!timer_pending_) produce();
}

// Pushes the next chunk; returns push()'s answer.
bool SourceStream::push_next() {
  const std::uint64_t n = std::min<std::uint64_t>(config_.chunk, config_.total - produced_);
  produced_ += n;
  const bool more = push(data_.next(static_cast<std::size_t>(n)));
  if (on_progress_) on_progress_(produced_);
  return more;
}

void SourceStream::produce() {
  while (!stopped_ && !destroyed()) {
    if (done()) {
      push_eof();
      return;
    }
    const std::uint64_t next = produced_ + std::min<std::uint64_t>(config_.chunk, config_.total - produced_);
    const auto due = pacer_.due(next);
    if (due == Pacer::kNever) return;
    const auto at = start_ + due;
    if (at > loop().now()) {
      timer_pending_ = true;
      loop().set_timeout(at - loop().now(), [this] {
        timer_pending_ = false;
        if (ignore_push_) {
          produce();
        } else if (!stopped_ && !destroyed() && !done() && push_next()) {
          produce();
        }
      });
      return;
    }
    if (!push_next() && !ignore_push_) return;
  }
}

}  // namespace bp::harness
