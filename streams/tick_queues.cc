// TickQueues: the drain order shared by SimLoop and UvLoop.
#include "streams/tick_queues.h"

namespace bp {

void TickQueues::drain() {
  do {
    while (!ticks_.empty()) {
      Loop::Task task = std::move(ticks_.front());
      ticks_.pop_front();
      task();
    }
    while (!microtasks_.empty()) {
      Loop::Task task = std::move(microtasks_.front());
      microtasks_.pop_front();
      task();
    }
  } while (!ticks_.empty());
}

}  // namespace bp
