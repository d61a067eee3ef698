#include "harness/field_reader.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "harness/units.h"

namespace bp::harness {
namespace {

constexpr std::string_view kSizeHint = "a size such as \"64KiB\" or a whole number of bytes";
constexpr std::string_view kRateHint = "a rate such as \"64MiB/s\" or \"unlimited\"";
constexpr std::string_view kDurationHint = "a duration such as \"250ms\" or \"2s\"";

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
         c == '-';
}

std::string expected_got(std::string_view expected, const nlohmann::json& value) {
  return "expected " + std::string(expected) + ", got " + describe(value);
}

}  // namespace

std::string describe(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object:
      return value.empty() ? "an empty object" : "an object";
    case nlohmann::json::value_t::array:
      return value.empty() ? "an empty array" : "an array";
    case nlohmann::json::value_t::string: {
      const auto& text = value.get_ref<const std::string&>();
      constexpr std::size_t kLongest = 40;
      return text.size() > kLongest ? "\"" + text.substr(0, kLongest) + "…\"" : "\"" + text + "\"";
    }
    default:
      return value.dump();
  }
}

FieldReader::FieldReader(const JsonDocument& document, std::string file, std::vector<Diagnostic>& diagnostics)
    : document_(document), file_(std::move(file)), diagnostics_(diagnostics) {
  for (const Diagnostic& diagnostic : diagnostics_) problem_pointers_.insert(diagnostic.pointer);
}

void FieldReader::add(TextPosition at, std::string_view pointer, std::string message,
                      std::string suggestion) {
  diagnostics_.push_back(
      {file_, at.line, at.column, std::string(pointer), std::move(message), std::move(suggestion)});
  problem_pointers_.insert(std::string(pointer));
}

void FieldReader::value_error(std::string_view pointer, std::string message, std::string suggestion) {
  add(document_.value_position(pointer), pointer, std::move(message), std::move(suggestion));
}

void FieldReader::key_error(std::string_view pointer, std::string message, std::string suggestion) {
  add(document_.key_position(pointer), pointer, std::move(message), std::move(suggestion));
}

bool FieldReader::clean(std::string_view pointer) const {
  if (problem_pointers_.contains(pointer)) return false;
  // Pointers below `pointer` sort together, right where pointer + "/" would.
  const std::string below = std::string(pointer) + "/";
  const auto next = problem_pointers_.lower_bound(below);
  return next == problem_pointers_.end() || !next->starts_with(below);
}

std::optional<FieldReader::Object> FieldReader::object(const nlohmann::json& value, std::string pointer,
                                                       std::string what,
                                                       std::span<const std::string_view> allowed,
                                                       const KeyExplainer& explain) {
  if (!value.is_object()) {
    value_error(pointer, what + ": " + expected_got("an object", value));
    return std::nullopt;
  }
  for (const auto& [key, member_value] : value.items()) {
    bool known = false;
    for (std::string_view allowed_key : allowed) known = known || allowed_key == key;
    if (known) continue;
    const std::string child = pointer_child(pointer, key);
    if (explain) {
      if (std::optional<std::string> message = explain(key)) {
        key_error(child, std::move(*message));
        continue;
      }
    }
    if (std::optional<std::string> nearest = suggest(key, allowed)) {
      key_error(child, "unknown key '" + key + "' in " + what, std::move(*nearest));
    } else {
      key_error(child, "unknown key '" + key + "' in " + what + "; expected one of " + joined(allowed));
    }
  }
  return Object{&value, std::move(pointer), std::move(what)};
}

const nlohmann::json* FieldReader::member(const Object& object, std::string_view key) const {
  const auto found = object.value->find(key);
  return found == object.value->end() ? nullptr : &*found;
}

bool FieldReader::require(const Object& object, std::string_view key, std::string_view expected) {
  if (member(object, key)) return true;
  value_error(object.pointer, object.what + " needs '" + std::string(key) + "': " + std::string(expected));
  return false;
}

std::optional<std::uint64_t> FieldReader::size(const nlohmann::json& value, const std::string& pointer) {
  if (value.is_number_unsigned()) {
    const auto bytes = value.get<std::uint64_t>();
    if (bytes <= kMaxBytes) return bytes;
    value_error(pointer, describe(value) + " bytes is absurdly large: sizes are limited to 1PiB");
    return std::nullopt;
  }
  if (value.is_number_integer()) {
    value_error(pointer, "sizes cannot be negative (got " + describe(value) + ")");
    return std::nullopt;
  }
  if (value.is_number_float()) {
    // A whole number written with a fraction or an exponent (65536.0, 6.5536e4) is still one.
    const double number = value.get<double>();
    if (number == std::trunc(number) && number >= 0 && number <= static_cast<double>(kMaxBytes)) {
      return static_cast<std::uint64_t>(number);
    }
    if (number == std::trunc(number) && number > 0) {
      value_error(pointer, describe(value) + " bytes is absurdly large: sizes are limited to 1PiB");
      return std::nullopt;
    }
    if (number == std::trunc(number)) {
      value_error(pointer, "sizes cannot be negative (got " + describe(value) + ")");
      return std::nullopt;
    }
    value_error(pointer, "a plain number is a count of bytes and must be whole (got " + describe(value) +
                             "); write a size with a unit such as \"1.5KiB\" instead");
    return std::nullopt;
  }
  if (!value.is_string()) {
    value_error(pointer, expected_got(kSizeHint, value));
    return std::nullopt;
  }
  const Parsed<std::uint64_t> parsed = parse_size(value.get_ref<const std::string&>());
  if (!parsed.ok()) {
    value_error(pointer, parsed.error(), parsed.suggestion());
    return std::nullopt;
  }
  return parsed.value();
}

std::optional<double> FieldReader::rate(const nlohmann::json& value, const std::string& pointer) {
  if (value.is_number()) {
    const auto bytes_per_second = value.get<double>();
    if (bytes_per_second < 0) {
      value_error(pointer, "rates cannot be negative (got " + describe(value) + ")");
    } else if (bytes_per_second > kMaxRate) {
      value_error(pointer, describe(value) +
                               " bytes/s is absurdly fast: rates are limited to 1PiB/s "
                               "(write \"unlimited\" for no limit)");
    } else {
      return bytes_per_second;
    }
    return std::nullopt;
  }
  if (!value.is_string()) {
    value_error(pointer, expected_got(kRateHint, value));
    return std::nullopt;
  }
  const Parsed<double> parsed = parse_rate(value.get_ref<const std::string&>());
  if (!parsed.ok()) {
    value_error(pointer, parsed.error(), parsed.suggestion());
    return std::nullopt;
  }
  return parsed.value();
}

std::optional<std::chrono::nanoseconds> FieldReader::duration(const nlohmann::json& value,
                                                              const std::string& pointer) {
  if (value.is_number()) {
    value_error(pointer, "a duration needs a unit: write \"" + value.dump() + "ms\" or \"" + value.dump() +
                             "s\", not " + value.dump());
    return std::nullopt;
  }
  if (!value.is_string()) {
    value_error(pointer, expected_got(kDurationHint, value));
    return std::nullopt;
  }
  const Parsed<std::chrono::nanoseconds> parsed = parse_duration(value.get_ref<const std::string&>());
  if (!parsed.ok()) {
    value_error(pointer, parsed.error(), parsed.suggestion());
    return std::nullopt;
  }
  return parsed.value();
}

std::optional<std::chrono::nanoseconds> FieldReader::positive_duration(const nlohmann::json& value,
                                                                       const std::string& pointer) {
  const std::optional<std::chrono::nanoseconds> parsed = duration(value, pointer);
  if (parsed && parsed->count() == 0) {
    value_error(pointer, "expected a duration longer than 0, such as \"10ms\"");
    return std::nullopt;
  }
  return parsed;
}

std::optional<std::uint64_t> FieldReader::positive_size(const nlohmann::json& value,
                                                        const std::string& pointer) {
  const std::optional<std::uint64_t> parsed = size(value, pointer);
  if (parsed && *parsed == 0) {
    value_error(pointer, "expected a size of at least 1 byte, such as \"64KiB\"");
    return std::nullopt;
  }
  return parsed;
}

std::optional<bool> FieldReader::boolean(const nlohmann::json& value, const std::string& pointer) {
  if (value.is_boolean()) return value.get<bool>();
  value_error(pointer, expected_got("true or false", value));
  return std::nullopt;
}

std::optional<std::string> FieldReader::text(const nlohmann::json& value, const std::string& pointer) {
  if (value.is_string()) return value.get<std::string>();
  value_error(pointer, expected_got("a string", value));
  return std::nullopt;
}

std::optional<std::string> FieldReader::name(const nlohmann::json& value, const std::string& pointer) {
  std::optional<std::string> word = text(value, pointer);
  if (!word) return std::nullopt;
  constexpr std::size_t kLongest = 100;
  const bool well_formed = !word->empty() && word->size() <= kLongest && word->front() != '.' &&
                           word->front() != '-' && word->front() != '_' &&
                           std::all_of(word->begin(), word->end(), is_name_char);
  if (well_formed) return word;
  value_error(pointer,
              "invalid name " + describe(value) +
                  ": use 1 to 100 letters, digits, '.', '_' and '-', starting with a letter or digit");
  return std::nullopt;
}

std::optional<std::uint64_t> FieldReader::whole(const nlohmann::json& value, const std::string& pointer,
                                                std::uint64_t min, std::uint64_t max) {
  const std::string expected = "a whole number from " + std::to_string(min) + " to " + std::to_string(max);
  if (value.is_number_unsigned() && value.get<std::uint64_t>() >= min && value.get<std::uint64_t>() <= max) {
    return value.get<std::uint64_t>();
  }
  value_error(pointer, expected_got(expected, value));
  return std::nullopt;
}

std::optional<std::uint64_t> FieldReader::seed(const nlohmann::json& value, const std::string& pointer) {
  return whole(value, pointer, 0, std::numeric_limits<std::uint64_t>::max());
}

std::optional<std::uint64_t> FieldReader::high_water_mark(const nlohmann::json& value,
                                                          const std::string& pointer, bool object_mode) {
  if (!object_mode) return size(value, pointer);
  if (value.is_string()) {
    value_error(pointer,
                "in object mode a high-water mark counts objects: write a whole number such as 16, not " +
                    describe(value));
    return std::nullopt;
  }
  return whole(value, pointer, 0, kMaxBytes);
}

std::optional<double> FieldReader::number(const nlohmann::json& value, const std::string& pointer,
                                          const Range& range) {
  if (value.is_number()) {
    const auto x = value.get<double>();
    const bool above = range.min_open ? x > range.min : x >= range.min;
    const bool below = range.max_open ? x < range.max : x <= range.max;
    if (above && below) return x;
  }
  value_error(pointer, expected_got("a number " + std::string(range.text), value));
  return std::nullopt;
}

void FieldReader::unknown_word(std::string_view pointer, std::string_view what, std::string_view word,
                               std::span<const std::string_view> names) {
  constexpr std::size_t kListed = 12;  // a longer list would bury the message
  const std::string listed = names.size() <= kListed ? joined(names)
                                                     : joined(names.first(kListed)) + " (and " +
                                                           std::to_string(names.size() - kListed) + " more)";
  value_error(pointer,
              "unknown " + std::string(what) + " '" + std::string(word) + "'; expected one of " + listed,
              suggest(word, names).value_or(""));
}

}  // namespace bp::harness
