// Session: the loop, the recorder and the op loop that every spec mode shares.
//
// run_ops() runs the spec's ops in order: a {"op":"tick"} turns the loop `count` times in
// phase "tick" (each turn is one setImmediate boundary, so pending next-ticks and
// microtasks run first); every other op goes to the mode's handler in phase "sync".
// final_flush() is the five boundaries after the last op, labelled "final".
#pragma once

#include <functional>

#include <nlohmann/json.hpp>

#include "streams/sim_loop.h"
#include "trace/recorder.h"

namespace bp::trace {

class Session {
 public:
  using Handler = std::function<void(const nlohmann::json& op)>;

  void boundaries(int count);
  void run_ops(const nlohmann::json& spec, const Handler& handle);
  void final_flush();

  SimLoop loop;
  Recorder rec;
};

}  // namespace bp::trace
