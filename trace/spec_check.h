// spec_problem: checks a conformance spec's shape against the trace protocol (the conformance
// README) before it runs, so that a mistyped spec is refused with its place and what was
// expected, instead of running as something else or failing deep inside: the mode, the keys
// each mode takes and their types, enum words, op and stage objects, and the limits of this
// implementation (chunk sizes up to 64 MiB, counts up to a million, so that no spec can ask
// for more memory or lines than a test should). Op names are not checked: an unknown op is
// part of the protocol (`unknown_op`). `hwm` is not checked either: Node throws for a bad one,
// and so does the trace.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace bp::trace {

// "JSON pointer: what was expected", or nullopt when the spec may run.
std::optional<std::string> spec_problem(const nlohmann::json& spec);

}  // namespace bp::trace
