#include "tests/conformance/trace_compare.h"

#include <sstream>
#include <stdexcept>

namespace bp::conformance {

namespace {

using nlohmann::json;

bool is_error_object(const json& v) {
  return v.is_object() && v.size() == 2 && v.contains("code") && v.contains("message");
}

// The value as compared: errors with a code lose their message; seq is dropped.
json normalize(const json& v) {
  if (is_error_object(v) && !v["code"].is_null()) return json{{"code", v["code"]}};
  if (v.is_object()) {
    json out = json::object();
    for (auto it = v.begin(); it != v.end(); ++it) {
      if (it.key() != "seq") out[it.key()] = normalize(it.value());
    }
    return out;
  }
  if (v.is_array()) {
    json out = json::array();
    for (const json& x : v) out.push_back(normalize(x));
    return out;
  }
  return v;
}

}  // namespace

std::vector<json> parse_trace(const std::string& text) {
  std::vector<json> lines;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    try {
      lines.push_back(json::parse(line));
    } catch (const json::parse_error& e) {
      throw std::runtime_error("line " + std::to_string(number) + ": " + e.what());
    }
  }
  return lines;
}

std::optional<std::string> compare_traces(const std::vector<json>& expected,
                                          const std::vector<json>& actual) {
  const std::size_t n = std::max(expected.size(), actual.size());
  for (std::size_t i = 1; i < n; ++i) {
    const json want = i < expected.size() ? normalize(expected[i]) : json();
    const json got = i < actual.size() ? normalize(actual[i]) : json();
    if (want == got) continue;
    const json& op = i < expected.size() ? expected[i]["op"] : actual[i]["op"];
    std::ostringstream msg;
    msg << "first difference at line " << i << " (op " << op.dump() << ")\n"
        << "  node: " << (i < expected.size() ? expected[i].dump() : "<no line>") << "\n"
        << "  ours: " << (i < actual.size() ? actual[i].dump() : "<no line>");
    return msg.str();
  }
  return std::nullopt;
}

}  // namespace bp::conformance
