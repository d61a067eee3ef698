#include "trace/trace.h"

#include <string>

#include "trace/modes.h"

namespace bp::trace {

std::optional<std::int64_t> spec_high_water_mark(const nlohmann::json& spec) {
  if (!spec.contains("hwm") || spec["hwm"].is_null()) return std::nullopt;
  const nlohmann::json& h = spec["hwm"];
  if (!h.is_number_integer() || h.get<std::int64_t>() < 0) {
    throw ArgumentError(Error::make(ErrorCode::ERR_INVALID_ARG_VALUE,
                                    "The property 'options.highWaterMark' is invalid. Received " +
                                        h.dump()));
  }
  return h.get<std::int64_t>();
}

Error spec_error(const nlohmann::json& op) {
  if (!op.contains("error") || op["error"].is_null()) return {};
  return Error::plain(op["error"].get<std::string>());
}

std::vector<nlohmann::json> run_spec(const nlohmann::json& spec) {
  Session s;
  const std::string mode = spec.value("mode", "writable");
  s.rec.event("runtime", {{"name", "bpharness"}, {"version", BP_VERSION}, {"mode", mode}});
  try {
    if (mode == "readable") {
      run_readable(s, spec);
    } else if (mode == "pipeline") {
      run_pipeline(s, spec);
    } else {
      run_writable(s, spec);
    }
  } catch (const ArgumentError& e) {
    s.rec.event("throw", {{"error", error_json(e.error())}});
  }
  return s.rec.lines();
}

}  // namespace bp::trace
