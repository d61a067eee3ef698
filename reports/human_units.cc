#include "reports/human_units.h"

#include <array>
#include <cmath>
#include <cstdio>
#include <string_view>

namespace bp::reports {

namespace {

std::string printf_double(const char* format, double value) {
  char text[64];
  std::snprintf(text, sizeof text, format, value);
  return text;
}

}  // namespace

std::string format_bytes(std::uint64_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + " B";
  constexpr std::array<std::string_view, 6> kUnits = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
  std::size_t unit = 0;
  double value = static_cast<double>(bytes) / 1024.0;
  while (unit + 1 < kUnits.size() && value >= 1024.0) {
    value /= 1024.0;
    ++unit;
  }
  // Rounding may reach the next unit: 1023.96 KiB is "1 MiB", not "1024 KiB".
  if (std::round(value) >= 1024.0 && unit + 1 < kUnits.size()) {
    value /= 1024.0;
    ++unit;
  }
  std::string number;
  if (value < 99.95) {
    number = printf_double("%.1f", value);
    if (number.ends_with(".0")) number.resize(number.size() - 2);
  } else {
    number = printf_double("%.0f", value);
  }
  return number + " " + std::string(kUnits[unit]);
}

std::string format_signed_bytes(std::int64_t bytes) {
  // The magnitude as unsigned, so that INT64_MIN has one too.
  const std::uint64_t magnitude =
      bytes < 0 ? 0 - static_cast<std::uint64_t>(bytes) : static_cast<std::uint64_t>(bytes);
  return (bytes < 0 ? "-" : "+") + format_bytes(magnitude);
}

std::string format_duration(double ms) {
  if (!std::isfinite(ms) || ms < 0) return "?";
  if (ms < 1) return printf_double("%.2f ms", ms);
  if (ms < 9.95) return printf_double("%.1f ms", ms);
  if (ms < 999.5) return printf_double("%.0f ms", ms);
  const double seconds = ms / 1000.0;
  if (seconds < 59.95) return printf_double("%.1f s", seconds);
  if (seconds >= 1e12) return printf_double("%.3g s", seconds);
  const auto whole = static_cast<std::uint64_t>(std::llround(seconds));
  if (whole < 3600) return std::to_string(whole / 60) + " min " + std::to_string(whole % 60) + " s";
  const std::uint64_t minutes = (whole + 30) / 60;
  return std::to_string(minutes / 60) + " h " + std::to_string(minutes % 60) + " min";
}

std::string format_number(double value) {
  if (std::isnan(value)) return "n/a";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  return printf_double("%.3g", value);
}

}  // namespace bp::reports
