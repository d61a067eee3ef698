#include "harness/units.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <span>
#include <vector>

#include "harness/suggest.h"

namespace bp::harness {
namespace {

struct Unit {
  std::string_view name;
  std::uint64_t factor;
};

constexpr std::uint64_t kKi = 1024;
constexpr std::array<Unit, 11> kSizeUnits{{
    {"B", 1},
    {"KB", 1'000},
    {"MB", 1'000'000},
    {"GB", 1'000'000'000},
    {"TB", 1'000'000'000'000},
    {"PB", 1'000'000'000'000'000},
    {"KiB", kKi},
    {"MiB", kKi* kKi},
    {"GiB", kKi* kKi* kKi},
    {"TiB", kKi* kKi* kKi* kKi},
    {"PiB", kKi* kKi* kKi* kKi* kKi},
}};

constexpr std::uint64_t kMicro = 1'000;
constexpr std::uint64_t kMilli = 1'000'000;
constexpr std::uint64_t kSecond = 1'000'000'000;
constexpr std::array<Unit, 8> kDurationUnits{{
    {"ns", 1},
    {"us", kMicro},
    {"µs", kMicro},
    {"ms", kMilli},
    {"s", kSecond},
    {"m", 60 * kSecond},
    {"min", 60 * kSecond},
    {"h", 3600 * kSecond},
}};

constexpr std::string_view kSizeExample = "a size such as \"64KiB\", \"1.5MiB\" or \"1GB\"";
constexpr std::string_view kRateExample = "a rate such as \"64MiB/s\" or \"unlimited\"";
constexpr std::string_view kDurationExample = "a duration such as \"250ms\", \"2s\" or \"100us\"";

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

// "digits [. digits]" at the front of a text, the rest (after one optional space) is the unit.
struct Number {
  std::string_view digits;     // the whole numeric text, e.g. "1.5"
  std::uint64_t whole = 0;     // 1
  std::uint64_t fraction = 0;  // 5
  std::uint64_t scale = 1;     // 10
  bool too_long = false;       // more digits than 64 bits can hold
  std::string_view unit;
  bool spaced = false;  // a space stood between the number and the unit
};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

std::optional<Number> split_number(std::string_view text) {
  Number number;
  std::size_t i = 0;
  auto take_digits = [&](std::uint64_t& into, std::uint64_t* scale) {
    const std::size_t start = i;
    for (; i < text.size() && is_digit(text[i]); ++i) {
      const auto digit = static_cast<std::uint64_t>(text[i] - '0');
      if (into > (std::numeric_limits<std::uint64_t>::max() - digit) / 10 ||
          (scale && *scale > std::numeric_limits<std::uint64_t>::max() / 10)) {
        number.too_long = true;
        continue;
      }
      into = into * 10 + digit;
      if (scale) *scale *= 10;
    }
    return i > start;
  };
  if (!take_digits(number.whole, nullptr)) return std::nullopt;
  if (i < text.size() && text[i] == '.') {
    ++i;
    if (!take_digits(number.fraction, &number.scale)) return std::nullopt;
  }
  number.digits = text.substr(0, i);
  if (i < text.size() && text[i] == ' ') {
    number.spaced = true;
    ++i;
  }
  number.unit = text.substr(i);
  return number;
}

std::vector<std::string_view> names_of(std::span<const Unit> units) {
  std::vector<std::string_view> names;
  for (const Unit& unit : units) names.push_back(unit.name);
  return names;
}

template <typename T>
Parsed<T> unknown_unit(std::string_view what, std::string_view unit, std::span<const Unit> units) {
  const std::vector<std::string_view> names = names_of(units);
  return Parsed<T>::failure(
      "unknown " + std::string(what) + " unit '" + std::string(unit) + "'; expected one of " + joined(names),
      suggest(unit, names).value_or(""));
}

const Unit* find_unit(std::string_view name, std::span<const Unit> units) {
  for (const Unit& unit : units) {
    if (unit.name == name) return &unit;
  }
  return nullptr;
}

// number × factor as a whole count, when it is one and does not pass `max`.
enum class Exact { ok, not_whole, too_big };
Exact exact_product(const Number& number, std::uint64_t factor, std::uint64_t max, std::uint64_t& out) {
  if (number.too_long || number.whole > max / factor) return Exact::too_big;
  const std::uint64_t common = std::gcd(number.fraction, number.scale);
  const std::uint64_t numerator = number.fraction / common;
  const std::uint64_t denominator = number.scale / common;
  if (factor % denominator != 0) return Exact::not_whole;
  out = number.whole * factor + numerator * (factor / denominator);
  return out > max ? Exact::too_big : Exact::ok;
}

// Up to three significant digits, trailing zeros dropped: 1.5, 64, 1.21, 100.
std::string three_digits(double value) {
  const int decimals = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  std::array<char, 64> buffer{};
  const int length = std::snprintf(buffer.data(), buffer.size(), "%.*f", decimals, value);
  std::string out(buffer.data(), static_cast<std::size_t>(length));
  if (out.find('.') != std::string::npos) {
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
  }
  return out;
}

std::string scaled_binary(double value, std::string_view suffix) {
  static constexpr std::array<std::string_view, 7> kNames{"B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  std::size_t index = 0;
  while (value >= 1024 && index + 1 < kNames.size()) {
    value /= 1024;
    ++index;
  }
  return three_digits(value) + " " + std::string(kNames[index]) + std::string(suffix);
}

}  // namespace

Parsed<std::uint64_t> parse_size(std::string_view text) {
  if (text.empty()) {
    return Parsed<std::uint64_t>::failure("expected " + std::string(kSizeExample) + ", got an empty string");
  }
  if (text.front() == '-') {
    return Parsed<std::uint64_t>::failure("sizes cannot be negative (got " + quoted(text) + ")");
  }
  const std::optional<Number> number = split_number(text);
  if (!number) {
    return Parsed<std::uint64_t>::failure("expected " + std::string(kSizeExample) + ", got " + quoted(text));
  }
  const Unit* unit = find_unit(number->unit.empty() ? "B" : number->unit, kSizeUnits);
  if (!unit || (number->spaced && number->unit.empty())) {
    return unknown_unit<std::uint64_t>("size", number->unit, kSizeUnits);
  }
  std::uint64_t bytes = 0;
  switch (exact_product(*number, unit->factor, kMaxBytes, bytes)) {
    case Exact::ok:
      return Parsed<std::uint64_t>::of(bytes);
    case Exact::not_whole:
      return Parsed<std::uint64_t>::failure(quoted(text) + " is not a whole number of bytes");
    case Exact::too_big:
      break;
  }
  return Parsed<std::uint64_t>::failure(quoted(text) + " is absurdly large: sizes are limited to 1PiB");
}

Parsed<double> parse_rate(std::string_view text) {
  if (text == "unlimited") return Parsed<double>::of(kUnlimited);
  if (text.empty())
    return Parsed<double>::failure("expected " + std::string(kRateExample) + ", got an empty string");
  if (text.front() == '-') {
    return Parsed<double>::failure("rates cannot be negative (got " + quoted(text) + ")");
  }
  constexpr std::string_view kPerSecond = "/s";
  if (text.size() <= kPerSecond.size() || !text.ends_with(kPerSecond)) {
    const bool looks_like_size = split_number(text).has_value();
    return Parsed<double>::failure("expected " + std::string(kRateExample) + ", got " + quoted(text) +
                                   (looks_like_size ? " (a rate is a size per second: add \"/s\")" : ""));
  }
  const std::string_view body = text.substr(0, text.size() - kPerSecond.size());
  const std::optional<Number> number = split_number(body);
  if (!number) {
    return Parsed<double>::failure("expected " + std::string(kRateExample) + ", got " + quoted(text));
  }
  const Unit* unit = find_unit(number->unit.empty() ? "B" : number->unit, kSizeUnits);
  if (!unit || (number->spaced && number->unit.empty())) {
    return unknown_unit<double>("size", number->unit, kSizeUnits);
  }
  double value = 0;
  std::from_chars(number->digits.data(), number->digits.data() + number->digits.size(), value);
  value *= static_cast<double>(unit->factor);
  if (number->too_long || value > kMaxRate) {
    return Parsed<double>::failure(quoted(text) +
                                   " is absurdly fast: rates are limited to 1PiB/s "
                                   "(write \"unlimited\" for no limit)");
  }
  return Parsed<double>::of(value);
}

Parsed<std::chrono::nanoseconds> parse_duration(std::string_view text) {
  using Result = Parsed<std::chrono::nanoseconds>;
  if (text.empty())
    return Result::failure("expected " + std::string(kDurationExample) + ", got an empty string");
  if (text.front() == '-') {
    return Result::failure("durations cannot be negative (got " + quoted(text) + ")");
  }
  const std::optional<Number> number = split_number(text);
  if (!number) return Result::failure("expected " + std::string(kDurationExample) + ", got " + quoted(text));
  if (number->unit.empty()) {
    return Result::failure("a duration needs a unit: write " + quoted(std::string(number->digits) + "ms") +
                           " or " + quoted(std::string(number->digits) + "s") + ", not " + quoted(text));
  }
  const Unit* unit = find_unit(number->unit, kDurationUnits);
  if (!unit) return unknown_unit<std::chrono::nanoseconds>("duration", number->unit, kDurationUnits);
  std::uint64_t nanoseconds = 0;
  switch (
      exact_product(*number, unit->factor, static_cast<std::uint64_t>(kMaxDuration.count()), nanoseconds)) {
    case Exact::ok:
      return Result::of(std::chrono::nanoseconds(static_cast<std::int64_t>(nanoseconds)));
    case Exact::not_whole:
      return Result::failure(quoted(text) + " is not a whole number of nanoseconds");
    case Exact::too_big:
      break;
  }
  return Result::failure(quoted(text) + " is absurdly long: durations are limited to 365 days");
}

std::string format_rate(double bytes_per_second) {
  if (std::isinf(bytes_per_second)) return "unlimited";
  return scaled_binary(bytes_per_second, "/s");
}

std::string format_duration(std::chrono::nanoseconds duration) {
  if (duration.count() < 0) return "-" + format_duration(-duration);
  const auto ns = static_cast<double>(duration.count());
  struct Scale {
    double below;
    double divisor;
    std::string_view name;
  };
  static constexpr std::array<Scale, 5> kScales{{
      {1e3, 1, "ns"},
      {1e6, 1e3, "us"},
      {1e9, 1e6, "ms"},
      {60e9, 1e9, "s"},
      {3600e9, 60e9, "min"},
  }};
  if (duration.count() == 0) return "0 s";
  for (const Scale& scale : kScales) {
    if (ns < scale.below) return three_digits(ns / scale.divisor) + " " + std::string(scale.name);
  }
  return three_digits(ns / 3600e9) + " h";
}

std::string size_text(std::uint64_t bytes) {
  if (bytes == 0) return "0B";
  // Binary units first, largest first, then decimal ones, largest first.
  static constexpr std::array<std::size_t, 10> kOrder{10, 9, 8, 7, 6, 5, 4, 3, 2, 1};
  for (std::size_t index : kOrder) {
    const Unit& unit = kSizeUnits[index];
    if (bytes % unit.factor == 0) return std::to_string(bytes / unit.factor) + std::string(unit.name);
  }
  return std::to_string(bytes) + "B";
}

std::string rate_text(double bytes_per_second) {
  if (std::isinf(bytes_per_second)) return "unlimited";
  if (bytes_per_second == std::floor(bytes_per_second) && bytes_per_second <= kMaxRate) {
    return size_text(static_cast<std::uint64_t>(bytes_per_second)) + "/s";
  }
  std::array<char, 400> buffer{};
  const auto result =
      std::to_chars(buffer.data(), buffer.data() + buffer.size(), bytes_per_second, std::chars_format::fixed);
  return std::string(buffer.data(), result.ptr) + "B/s";
}

std::string duration_text(std::chrono::nanoseconds duration) {
  const std::int64_t ns = duration.count();
  if (ns == 0) return "0s";
  static constexpr std::array<std::size_t, 5> kOrder{7, 5, 4, 3, 1};  // h m s ms us
  for (std::size_t index : kOrder) {
    const auto factor = static_cast<std::int64_t>(kDurationUnits[index].factor);
    if (ns % factor == 0) return std::to_string(ns / factor) + std::string(kDurationUnits[index].name);
  }
  return std::to_string(ns) + "ns";
}

}  // namespace bp::harness
