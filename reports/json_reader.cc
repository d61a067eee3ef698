#include "reports/json_reader.h"

#include <algorithm>
#include <limits>

namespace bp::reports::detail {

std::string describe_type(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null:
      return "null";
    case nlohmann::json::value_t::object:
      return "an object";
    case nlohmann::json::value_t::array:
      return "an array";
    case nlohmann::json::value_t::string:
      return "a string";
    case nlohmann::json::value_t::boolean:
      return "a boolean";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
      return "an integer";
    case nlohmann::json::value_t::number_float:
      return "a number with a fraction or exponent";
    case nlohmann::json::value_t::binary:
    case nlohmann::json::value_t::discarded:
      break;
  }
  return "an unexpected value";
}

void JsonReader::fail(const std::string& pointer, const std::string& message) {
  if (failed()) return;
  error_ = pointer.empty() ? message : "at " + pointer + ": " + message;
}

void JsonReader::read_string(const nlohmann::json& value, const std::string& pointer,
                             std::string& out) {
  if (!value.is_string()) {
    fail(pointer, "expected a string, found " + describe_type(value));
    return;
  }
  out = value.get<std::string>();
}

void JsonReader::read_bool(const nlohmann::json& value, const std::string& pointer, bool& out) {
  if (!value.is_boolean()) {
    fail(pointer, "expected true or false, found " + describe_type(value));
    return;
  }
  out = value.get<bool>();
}

void JsonReader::read_double(const nlohmann::json& value, const std::string& pointer, double& out) {
  if (value.is_null()) {
    out = std::numeric_limits<double>::quiet_NaN();
  } else if (value.is_number()) {
    out = value.get<double>();
  } else {
    fail(pointer, "expected a number or null, found " + describe_type(value));
  }
}

ObjectFields::ObjectFields(JsonReader& reader, const nlohmann::json& object, std::string pointer)
    : reader_(reader), object_(object), pointer_(std::move(pointer)) {
  if (!object_.is_object()) {
    reader_.fail(pointer_, "expected an object, found " + describe_type(object_));
  }
}

const nlohmann::json* ObjectFields::find(std::string_view key) {
  known_.emplace_back(key);
  if (!object_.is_object()) return nullptr;
  const auto it = object_.find(std::string(key));
  return it == object_.end() ? nullptr : &*it;
}

void ObjectFields::required_word(std::string_view key, std::string& out,
                                 std::span<const std::string_view> allowed) {
  required(key, out);
  if (reader_.failed()) return;
  if (std::find(allowed.begin(), allowed.end(), out) != allowed.end()) return;
  std::string words;
  for (std::string_view word : allowed) {
    words += words.empty() ? "" : ", ";
    words += "\"" + std::string(word) + "\"";
  }
  fail(key, "expected one of " + words + ", found \"" + out + "\"");
}

void ObjectFields::format_header(std::string_view name, int supported, std::string_view what,
                                 int& version) {
  if (!object_.contains("format")) {
    // Most often another kind of JSON file, a scenario say, given where a report was expected.
    reader_.fail(pointer_, "not a bpharness " + std::string(what) + ": it has no \"format\": \"" +
                               std::string(name) + "\"");
    return;
  }
  std::string format;
  required("format", format);
  if (reader_.failed()) return;
  if (format != name) fail("format", "expected \"" + std::string(name) + "\", found \"" + format + "\"");
  required("version", version);
  if (reader_.failed() || version == supported) return;
  fail("version", "unsupported " + std::string(what) + " version " + std::to_string(version) +
                      " (this bpharness reads version " + std::to_string(supported) + ")");
}

void ObjectFields::fail(std::string_view key, const std::string& message) {
  reader_.fail(pointer_child(pointer_, key), message);
}

void ObjectFields::finish() {
  if (reader_.failed()) return;
  for (const auto& [key, value] : object_.items()) {
    if (std::find(known_.begin(), known_.end(), key) == known_.end()) {
      fail(key, "unknown key \"" + key + "\"");
      return;
    }
  }
}

}  // namespace bp::reports::detail
