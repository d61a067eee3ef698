// SourceStream: the scenario's producer, a Readable that makes `total` bytes in chunks at the
// source's rate profile.
//
// Well-behaved by default: _read pushes while push() returns true and the rate allows, then
// waits for the next _read (backpressure) or a timer (rate). With `ignore_push` it stands for
// the push-ignore driver: once started it keeps pushing on its own schedule whatever push()
// returns, so its readable buffer grows with the speed gap. on_progress runs after each chunk
// with the bytes produced so far (the sampler hooks in there). stop() ends production early
// (the ceiling was hit): no more chunks and no EOF.
#pragma once

#include <cstdint>
#include <functional>

#include "harness/data_pool.h"
#include "harness/pacer.h"
#include "harness/scenario.h"
#include "streams/loop.h"
#include "streams/readable.h"

namespace bp::harness {

class SourceStream final : public Readable {
 public:
  SourceStream(Loop& loop, const Source& config, const StreamOptions& options, bool ignore_push);

  void set_on_progress(std::function<void(std::uint64_t)> fn) { on_progress_ = std::move(fn); }
  void stop() { stopped_ = true; }
  std::uint64_t produced() const { return produced_; }
  bool done() const { return produced_ >= config_.total; }

 protected:
  void _read(std::size_t size) override;

 private:
  void produce();
  bool push_next();

  Source config_;
  bool ignore_push_;
  DataPool data_;
  Pacer pacer_;
  Loop::Duration start_;
  std::uint64_t produced_ = 0;
  bool timer_pending_ = false;
  bool stopped_ = false;
  std::function<void(std::uint64_t)> on_progress_;
};

}  // namespace bp::harness
