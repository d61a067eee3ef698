#include "trace/session.h"

#include <cstddef>

namespace bp::trace {

void Session::boundaries(int count) {
  for (int i = 0; i < count; ++i) {
    loop.set_immediate([] {});
    loop.run_once();
  }
}

void Session::run_ops(const nlohmann::json& spec, const Handler& handle) {
  const nlohmann::json ops = spec.value("ops", nlohmann::json::array());
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const nlohmann::json& op = ops[i];
    rec.set_op(i);
    if (op.value("op", "") == "tick") {
      rec.set_phase("tick");
      boundaries(op.value("count", 1));
    } else {
      rec.set_phase("sync");
      handle(op);
    }
  }
}

void Session::final_flush() {
  rec.set_op("final");
  rec.set_phase("tick");
  boundaries(5);
}

}  // namespace bp::trace
