// Recorder: collects the lines of a conformance trace in the shared protocol
// (../shared/conformance/README.md): each line is {"seq", "op", "phase", "ev", ...fields}.
//
// The runner sets the current op label ("setup", an op index, "run", "final") and the phase
// ("sync" inside an op's call, "tick" while the loop turns); every event is stamped with both.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "streams/error.h"

namespace bp::trace {

class Recorder {
 public:
  void set_op(nlohmann::json op) { op_ = std::move(op); }
  void set_phase(std::string phase) { phase_ = std::move(phase); }

  // Appends {"seq","op","phase","ev": ev} merged with `fields`.
  void event(const std::string& ev, const nlohmann::json& fields = nlohmann::json::object());

  const std::vector<nlohmann::json>& lines() const { return lines_; }

 private:
  nlohmann::json op_ = "setup";
  std::string phase_ = "sync";
  std::vector<nlohmann::json> lines_;
};

// An error as the protocol prints it: {"code": CODE or null, "message": M}; null for none.
nlohmann::json error_json(const Error& error);
// A spec-supplied error as `complete` prints it: {"message": M}, or null.
nlohmann::json message_json(const nlohmann::json& spec_error);

}  // namespace bp::trace
