// Typed reads of the values in a JSON document, each problem recorded as a Diagnostic at the
// value's (or the key's) line and column, with what was expected and a did-you-mean.
//
// The scenario parser's one tool: every read returns the value, or nullopt when the member is
// absent (no diagnostic; the caller keeps its default) or invalid (a diagnostic was recorded).
// Reading goes on after a problem, so one pass reports every problem in the file. The reader
// borrows the document and the diagnostics vector; both must outlive it.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "harness/diagnostic.h"
#include "harness/json_source.h"
#include "harness/scenario_names.h"
#include "harness/suggest.h"

namespace bp::harness {

class FieldReader {
 public:
  // An object in the document: its value, pointer, and how messages name it ("source").
  struct Object {
    const nlohmann::json* value;
    std::string pointer;
    std::string what;
  };

  // For a key that `allowed` lacks, a better message than "unknown key" (or nullopt).
  using KeyExplainer = std::function<std::optional<std::string>(std::string_view key)>;

  FieldReader(const JsonDocument& document, std::string file, std::vector<Diagnostic>& diagnostics);

  const JsonDocument& document() const { return document_; }

  // A problem with the value at `pointer` (reported where the value starts) or with the key
  // of the member at `pointer` (reported where the key starts).
  void value_error(std::string_view pointer, std::string message, std::string suggestion = {});
  void key_error(std::string_view pointer, std::string message, std::string suggestion = {});
  // No problem has been reported at or below `pointer`.
  bool clean(std::string_view pointer) const;

  // `value` as an object whose keys are all in `allowed`; unknown keys are reported (the object
  // is still returned); a non-object is reported and gives nullopt.
  std::optional<Object> object(const nlohmann::json& value, std::string pointer, std::string what,
                               std::span<const std::string_view> allowed, const KeyExplainer& explain = {});

  const nlohmann::json* member(const Object& object, std::string_view key) const;
  // Reports a missing member at the object; `expected` says what to write, e.g. "a size".
  bool require(const Object& object, std::string_view key, std::string_view expected);

  // Value readers: nullopt after reporting a problem.
  std::optional<std::uint64_t> size(const nlohmann::json& value, const std::string& pointer);
  std::optional<double> rate(const nlohmann::json& value, const std::string& pointer);
  std::optional<std::chrono::nanoseconds> duration(const nlohmann::json& value, const std::string& pointer);
  // A duration or a size that must be more than zero.
  std::optional<std::chrono::nanoseconds> positive_duration(const nlohmann::json& value,
                                                            const std::string& pointer);
  std::optional<std::uint64_t> positive_size(const nlohmann::json& value, const std::string& pointer);
  std::optional<bool> boolean(const nlohmann::json& value, const std::string& pointer);
  std::optional<std::string> text(const nlohmann::json& value, const std::string& pointer);
  // A string of [A-Za-z0-9][A-Za-z0-9._-]*, at most 100 characters.
  std::optional<std::string> name(const nlohmann::json& value, const std::string& pointer);
  // A whole number in [min, max].
  std::optional<std::uint64_t> whole(const nlohmann::json& value, const std::string& pointer,
                                     std::uint64_t min, std::uint64_t max);
  // A seed: any whole number from 0 up.
  std::optional<std::uint64_t> seed(const nlohmann::json& value, const std::string& pointer);
  // A high-water mark: bytes (a size), or a plain count of objects in object mode.
  std::optional<std::uint64_t> high_water_mark(const nlohmann::json& value, const std::string& pointer,
                                               bool object_mode);

  // A number within a range; `range` is how messages state it, e.g. "in (0, 1)".
  struct Range {
    double min;
    double max;
    bool min_open;
    bool max_open;
    std::string_view text;
  };
  std::optional<double> number(const nlohmann::json& value, const std::string& pointer, const Range& range);

  // One of the words of `table`; `what` names the word in messages: "driver".
  template <typename E>
  std::optional<E> choice(const nlohmann::json& value, const std::string& pointer, std::string_view what,
                          std::span<const NamedValue<E>> table) {
    const std::optional<std::string> word = text(value, pointer);
    if (!word) return std::nullopt;
    if (const std::optional<E> found = value_named(table, *word)) return found;
    const std::vector<std::string_view> names = names_in(table);
    unknown_word(pointer, what, *word, names);
    return std::nullopt;
  }

  // Reports "unknown <what> '<word>'; expected one of …" with the nearest of `names`.
  void unknown_word(std::string_view pointer, std::string_view what, std::string_view word,
                    std::span<const std::string_view> names);

  // Member shorthand: sets `into` to what `read` gives for object[key], when the member is present
  // and valid; otherwise `into` keeps its value (the default).
  template <typename T, typename... Args>
  void read_into(const Object& object, std::string_view key, T& into,
                 std::optional<T> (FieldReader::*read)(const nlohmann::json&, const std::string&, Args...),
                 std::type_identity_t<Args>... args) {
    if (std::optional<T> value = get(object, key, read, args...)) into = std::move(*value);
  }

  // Member shorthand: `read` applied to object[key] when present.
  template <typename T, typename... Args>
  std::optional<T> get(const Object& object, std::string_view key,
                       std::optional<T> (FieldReader::*read)(const nlohmann::json&, const std::string&,
                                                             Args...),
                       std::type_identity_t<Args>... args) {
    const nlohmann::json* value = member(object, key);
    if (!value) return std::nullopt;
    return (this->*read)(*value, pointer_child(object.pointer, key), args...);
  }

 private:
  void add(TextPosition at, std::string_view pointer, std::string message, std::string suggestion);

  const JsonDocument& document_;
  std::string file_;
  std::vector<Diagnostic>& diagnostics_;
  std::set<std::string, std::less<>> problem_pointers_;  // of every diagnostic, for clean()
};

// How a JSON value reads in a message: "\"64kb\"", "true", "an object".
std::string describe(const nlohmann::json& value);

}  // namespace bp::harness
