// SinkStream: the scenario's consumer, a Writable that completes each write when its rate
// profile says the bytes have been consumed (synchronously when the rate allows it now, else
// on a timer). A sink whose rate is 0 never completes a write: the stalled consumer.
#pragma once

#include <cstdint>

#include "harness/pacer.h"
#include "harness/scenario.h"
#include "streams/loop.h"
#include "streams/writable.h"

namespace bp::harness {

class SinkStream final : public Writable {
 public:
  SinkStream(Loop& loop, const Sink& config, const StreamOptions& options);

  std::uint64_t consumed() const { return consumed_; }
  std::uint64_t completed() const { return completed_; }

 protected:
  void _write(Chunk chunk, Callback cb) override;

 private:
  Pacer pacer_;
  Loop::Duration start_;
  std::uint64_t consumed_ = 0;   // bytes handed to _write
  std::uint64_t completed_ = 0;  // bytes whose write has completed
};

}  // namespace bp::harness
