// The sampling timer of a real-clock run, and its stall watch.
#include "harness/real_clock.h"

namespace bp::harness {

bool turn_real_clock(UvLoop& loop, const RealClockRun& run) {
  bool stalled = false;
  std::uint64_t last_progress = run.progress();
  Loop::Duration last_change = loop.now();
  Loop::TimerId timer = 0;
  std::function<void()> tick = [&] {
    if (run.sample && !run.done()) run.sample();
    const std::uint64_t progress = run.progress();
    if (progress != last_progress) {
      last_progress = progress;
      last_change = loop.now();
    } else if (loop.now() - last_change >= run.stall_after) {
      stalled = true;
    }
    if (run.done() || stalled) {
      timer = 0;
      loop.stop();
      return;
    }
    timer = loop.set_timeout(run.every, tick);
  };
  timer = loop.set_timeout(run.every, tick);
  if (!run.done()) loop.run();
  if (timer != 0) loop.clear_timeout(timer);
  return stalled && !run.done();
}

void settle_real_clock(UvLoop& loop, Loop::Duration limit) {
  const Loop::TimerId timer = loop.set_timeout(limit, [&loop] { loop.stop(); });
  loop.run();
  loop.clear_timeout(timer);
}

}  // namespace bp::harness
