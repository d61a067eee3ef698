#include "harness/sink_stream.h"

#include "streams/loop.h"

namespace bp::harness {

SinkStream::SinkStream(Loop& loop, const Sink& config, const StreamOptions& options)
    : Stream(loop), Writable(loop, options), pacer_(config.rate), start_(loop.now()) {}

void SinkStream::_write(Chunk chunk, Callback cb) {
  const std::uint64_t n = chunk.size();
  consumed_ += n;
  const auto due = pacer_.due(consumed_);
  if (due == Pacer::kNever) return;  // never consumed: the write stays in flight forever
  const auto at = start_ + due;
  if (at <= loop().now()) {
    completed_ += n;
    cb();
    return;
  }
  loop().set_timeout(at - loop().now(), [this, n, cb = std::move(cb)] {
    completed_ += n;
    cb();
  });
}

}  // namespace bp::harness
