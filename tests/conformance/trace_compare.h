// Comparison of two conformance traces under the shared rules
// (../shared/conformance/README.md, "How two traces are compared"): the first line (who
// produced the trace) is dropped, `seq` is ignored, every other line must be equal as JSON;
// an error object matches on `code`, and on `message` only where `code` is null.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace bp::conformance {

// Reads a JSON-lines trace; throws std::runtime_error naming the line that does not parse.
std::vector<nlohmann::json> parse_trace(const std::string& text);

// Empty when the traces match; otherwise a message naming the line index, the op that
// produced it, and both lines.
std::optional<std::string> compare_traces(const std::vector<nlohmann::json>& expected,
                                          const std::vector<nlohmann::json>& actual);

}  // namespace bp::conformance
