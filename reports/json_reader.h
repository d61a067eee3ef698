// JsonReader and ObjectFields: read plain structs out of a parsed JSON document, field by field,
// keeping the first problem together with the JSON pointer (RFC 6901) of the value concerned.
// Shared by the report and summary readers; internal to reports/.
//
// What each C++ type reads:
//   std::string     a string
//   bool            true or false
//   double          a number, or null (read as NaN: the writers write non-finite numbers as null)
//   integer types   an integer that fits the type (1.0 and "1" are refused)
//   nlohmann::json  any value, copied
//   std::vector<T>  an array of T
//   any other T     an object, through `void read_fields(ObjectFields&, T&)`, found by
//                   argument-dependent lookup in T's namespace; unknown keys are refused.
// After the first problem every further read does nothing, so callers read on without checking
// and look at error() once at the end.
#pragma once

#include <concepts>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "reports/json_pointer.h"

namespace bp::reports::detail {

// "a string", "an object", ...: the JSON type of `value` for messages.
std::string describe_type(const nlohmann::json& value);

class JsonReader {
 public:
  bool failed() const { return !error_.empty(); }
  // "at /heap/bound: expected ..." ("expected ..." alone for the whole document); empty if none.
  const std::string& error() const { return error_; }
  // Records a problem unless one was recorded before (the first problem wins).
  void fail(const std::string& pointer, const std::string& message);

  template <typename T>
  void read(const nlohmann::json& value, const std::string& pointer, T& out);

 private:
  void read_string(const nlohmann::json& value, const std::string& pointer, std::string& out);
  void read_bool(const nlohmann::json& value, const std::string& pointer, bool& out);
  void read_double(const nlohmann::json& value, const std::string& pointer, double& out);
  template <std::integral T>
  void read_integer(const nlohmann::json& value, const std::string& pointer, T& out);

  std::string error_;
};

// The keys of one JSON object, read one by one; finish() refuses the keys nobody read.
class ObjectFields {
 public:
  // Records a problem in `reader` when `object` is not an object; reads then do nothing.
  ObjectFields(JsonReader& reader, const nlohmann::json& object, std::string pointer);

  template <typename T>
  void required(std::string_view key, T& out);
  // Absent key: out = nullopt. A present key must hold a T.
  template <typename T>
  void optional(std::string_view key, std::optional<T>& out);
  // A required string that must be one of `allowed`.
  void required_word(std::string_view key, std::string& out,
                     std::span<const std::string_view> allowed);
  // The "format" and "version" keys a report or summary file opens with: `format` must be the
  // string `name`, and `version` the one this bpharness reads, `supported`. `what` names the
  // document in the message ("report", "summary").
  void format_header(std::string_view name, int supported, std::string_view what, int& version);
  // Records a problem at `key` of this object.
  void fail(std::string_view key, const std::string& message);
  // Records a problem for the first key that no call above asked for.
  void finish();

 private:
  const nlohmann::json* find(std::string_view key);  // nullptr when absent; records the key

  JsonReader& reader_;
  const nlohmann::json& object_;
  std::string pointer_;
  std::vector<std::string> known_;
};

template <typename T>
inline constexpr bool kIsVector = false;
template <typename T>
inline constexpr bool kIsVector<std::vector<T>> = true;

template <typename T>
void JsonReader::read(const nlohmann::json& value, const std::string& pointer, T& out) {
  if (failed()) return;
  if constexpr (std::is_same_v<T, std::string>) {
    read_string(value, pointer, out);
  } else if constexpr (std::is_same_v<T, bool>) {
    read_bool(value, pointer, out);
  } else if constexpr (std::is_same_v<T, double>) {
    read_double(value, pointer, out);
  } else if constexpr (std::is_integral_v<T>) {
    read_integer(value, pointer, out);
  } else if constexpr (std::is_same_v<T, nlohmann::json>) {
    out = value;
  } else if constexpr (kIsVector<T>) {
    if (!value.is_array()) {
      fail(pointer, "expected an array, found " + describe_type(value));
      return;
    }
    out.clear();
    out.resize(value.size());
    for (std::size_t i = 0; i < value.size() && !failed(); ++i) {
      read(value[i], pointer_child(pointer, i), out[i]);
    }
  } else {
    ObjectFields fields(*this, value, pointer);
    if (failed()) return;
    read_fields(fields, out);
    fields.finish();
  }
}

template <std::integral T>
void JsonReader::read_integer(const nlohmann::json& value, const std::string& pointer, T& out) {
  bool fits = false;
  if (value.is_number_unsigned()) {
    const auto v = value.get<std::uint64_t>();
    fits = std::in_range<T>(v);
    if (fits) out = static_cast<T>(v);
  } else if (value.is_number_integer()) {
    const auto v = value.get<std::int64_t>();
    fits = std::in_range<T>(v);
    if (fits) out = static_cast<T>(v);
  } else {
    fail(pointer, "expected an integer, found " + describe_type(value));
    return;
  }
  if (!fits) {
    fail(pointer, "expected an integer from " + std::to_string(std::numeric_limits<T>::min()) +
                      " to " + std::to_string(std::numeric_limits<T>::max()) + ", found " +
                      value.dump());
  }
}

template <typename T>
void ObjectFields::required(std::string_view key, T& out) {
  if (reader_.failed()) return;
  const nlohmann::json* value = find(key);
  if (value == nullptr) {
    reader_.fail(pointer_, "missing required key \"" + std::string(key) + "\"");
    return;
  }
  reader_.read(*value, pointer_child(pointer_, key), out);
}

template <typename T>
void ObjectFields::optional(std::string_view key, std::optional<T>& out) {
  if (reader_.failed()) return;
  const nlohmann::json* value = find(key);
  if (value == nullptr) {
    out.reset();
    return;
  }
  T read_value{};
  reader_.read(*value, pointer_child(pointer_, key), read_value);
  out = std::move(read_value);
}

}  // namespace bp::reports::detail
