#include "trace/recorder.h"

namespace bp::trace {

void Recorder::event(const std::string& ev, const nlohmann::json& fields) {
  nlohmann::json line = {{"seq", lines_.size()}, {"op", op_}, {"phase", phase_}, {"ev", ev}};
  for (auto it = fields.begin(); it != fields.end(); ++it) line[it.key()] = it.value();
  lines_.push_back(std::move(line));
}

nlohmann::json error_json(const Error& error) {
  if (!error) return nullptr;
  nlohmann::json code = nullptr;
  if (error.code() != ErrorCode::None) code = std::string(code_name(error.code()));
  return {{"code", code}, {"message", error.message()}};
}

nlohmann::json message_json(const nlohmann::json& spec_error) {
  if (spec_error.is_null()) return nullptr;
  return {{"message", spec_error}};
}

}  // namespace bp::trace
