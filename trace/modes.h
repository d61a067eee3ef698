// The three spec modes of the trace protocol, and what they share.
#pragma once

#include <cstdint>
#include <optional>

#include <nlohmann/json.hpp>

#include "streams/error.h"
#include "trace/session.h"

namespace bp::trace {

void run_writable(Session& s, const nlohmann::json& spec);
void run_readable(Session& s, const nlohmann::json& spec);
void run_pipeline(Session& s, const nlohmann::json& spec);

// The spec's "hwm": absent or null means Node's default. A value Node would reject
// (negative, fractional) throws ArgumentError ERR_INVALID_ARG_VALUE, as Node's constructor does.
std::optional<std::int64_t> spec_high_water_mark(const nlohmann::json& spec);
// The op's "error": a plain error with that message, or none.
Error spec_error(const nlohmann::json& op);

}  // namespace bp::trace
