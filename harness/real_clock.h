// Turning a UvLoop for a scenario on the real clock: what run_scenario does with SimLoop::run_once
// in virtual time, done here with a libuv timer.
//
// Every `every` of real time the timer calls `sample` (when sampling), then stops the loop once
// `done` says so, or when `progress` (bytes in plus bytes out) has not moved for `stall_after`:
// the run has stalled. The driver's completion should call loop.stop() as well, so the run ends
// without waiting for the next tick.
#pragma once

#include <cstdint>
#include <functional>

#include "streams/uv_loop.h"

namespace bp::harness {

struct RealClockRun {
  Loop::Duration every;
  Loop::Duration stall_after;
  std::function<void()> sample;  // empty: no periodic samples
  std::function<bool()> done;
  std::function<std::uint64_t()> progress;
};

// Runs the loop until done() or a stall; returns true when the run stalled.
bool turn_real_clock(UvLoop& loop, const RealClockRun& run);

// After completion: lets the aftermath ('close', file closes) run, for at most `limit`.
void settle_real_clock(UvLoop& loop, Loop::Duration limit);

}  // namespace bp::harness
