// Human units for sizes, rates and durations, as scenario files write them.
//
// Parsers take the text of one value ("64KiB", "64MiB/s", "250ms") and return either the
// value or a message that says what was expected, with an example; they never throw.
// Grammar (the same one schemas/scenario.schema.json states as patterns):
//
//   number   = digits [ "." digits ]             (no sign, no exponent)
//   size     = number [ " " ] [ unit ]           unit: B KB MB GB TB PB (powers of 1000)
//                                                      KiB MiB GiB TiB PiB (powers of 1024)
//   rate     = size-number "/s" | "unlimited"    e.g. "64MiB/s", "1.5 GB/s"
//   duration = number [ " " ] unit               unit: ns us µs ms s m min h
//
// Units are case-sensitive ("kib" is refused with a did-you-mean for "KiB"). A size must come
// out as a whole number of bytes ("1.5KiB" is 1536 bytes; "1.5B" is refused) and a duration as
// a whole number of nanoseconds. Anything above kMaxBytes (1 PiB), kMaxRate (1 PiB/s) or
// kMaxDuration (365 days) is refused as absurd.
//
// Two families of formatters: format_* for people (rounded to three significant digits, with a
// space: "1.5 KiB", "64 MiB/s", "250 ms"), and *_text for files (exact, and parsed back to the
// same value: "64KiB", "1GB", "1500us").
#pragma once

#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace bp::harness {

// The value a parser read, or the message saying why the text was not one (plus, for a
// misspelt unit, the unit it probably meant).
template <typename T>
class Parsed {
 public:
  static Parsed of(T value) { return Parsed(std::move(value), {}, {}); }
  static Parsed failure(std::string message, std::string suggestion = {}) {
    return Parsed(std::nullopt, std::move(message), std::move(suggestion));
  }

  bool ok() const { return value_.has_value(); }
  const T& value() const { return *value_; }                     // only when ok()
  const std::string& error() const { return error_; }            // empty when ok()
  const std::string& suggestion() const { return suggestion_; }  // a did-you-mean, or empty

 private:
  Parsed(std::optional<T> value, std::string error, std::string suggestion)
      : value_(std::move(value)), error_(std::move(error)), suggestion_(std::move(suggestion)) {}
  std::optional<T> value_;
  std::string error_;
  std::string suggestion_;
};

inline constexpr std::uint64_t kMaxBytes = std::uint64_t{1} << 50;  // 1 PiB
inline constexpr double kMaxRate = static_cast<double>(kMaxBytes);  // 1 PiB/s
inline constexpr std::chrono::nanoseconds kMaxDuration = std::chrono::hours(24 * 365);
inline constexpr double kUnlimited = std::numeric_limits<double>::infinity();

// "64KiB" → 65536. What plain JSON integers mean (bytes) is the caller's business.
Parsed<std::uint64_t> parse_size(std::string_view text);
// "64MiB/s" → 67108864.0 bytes per second; "unlimited" → kUnlimited. May be fractional or 0.
Parsed<double> parse_rate(std::string_view text);
// "250ms" → 250'000'000ns.
Parsed<std::chrono::nanoseconds> parse_duration(std::string_view text);

// 67108864.0 → "64 MiB/s"; kUnlimited → "unlimited".
std::string format_rate(double bytes_per_second);
// 1'500'000'000ns → "1.5 s"; 100'000ns → "100 us"; 90s → "1.5 min". Negative values get "-".
std::string format_duration(std::chrono::nanoseconds duration);

// For files: exact, round-trips through the parsers. 65536 → "64KiB", 10^9 → "1GB", 1000 → "1KB",
// 1500 → "1500B".
std::string size_text(std::uint64_t bytes);
// kUnlimited → "unlimited"; whole rates → size_text + "/s"; others → "<decimal>B/s".
std::string rate_text(double bytes_per_second);
// The largest unit that divides exactly: 250ms → "250ms", 90s → "90s", 2min → "2m".
std::string duration_text(std::chrono::nanoseconds duration);

}  // namespace bp::harness
