// The words scenario files use for each enumeration, in one table per type, so that the parser,
// the serializer and to_string() agree, and the parser can suggest the nearest word.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "harness/scenario.h"

namespace bp::harness {

template <typename E>
struct NamedValue {
  std::string_view name;
  E value;
};

inline constexpr std::array<NamedValue<ClockKind>, 2> kClockNames{{
    {"virtual", ClockKind::virtual_time},
    {"real", ClockKind::real_time},
}};

inline constexpr std::array<NamedValue<DataKind>, 4> kDataNames{{
    {"log", DataKind::log},
    {"ndjson", DataKind::ndjson},
    {"zeros", DataKind::zeros},
    {"random", DataKind::random},
}};

// Built-in stage kinds only; custom kinds are named by the stage registry.
inline constexpr std::array<NamedValue<StageKind>, 8> kStageKindNames{{
    {"passthrough", StageKind::passthrough},
    {"expand", StageKind::expand},
    {"shrink", StageKind::shrink},
    {"cost", StageKind::cost},
    {"batch", StageKind::batch},
    {"gzip", StageKind::gzip},
    {"gunzip", StageKind::gunzip},
    {"retain", StageKind::retain},
}};

inline constexpr std::array<NamedValue<Driver>, 6> kDriverNames{{
    {"pipeline", Driver::pipeline},
    {"pipe", Driver::pipe},
    {"await-drain", Driver::await_drain},
    {"for-await-ignore", Driver::for_await_ignore},
    {"on-data-ignore", Driver::on_data_ignore},
    {"push-ignore", Driver::push_ignore},
}};

inline constexpr std::array<NamedValue<Verdict>, 4> kVerdictNames{{
    {"bounded", Verdict::bounded},
    {"grows", Verdict::grows},
    {"stalled", Verdict::stalled},
    {"error", Verdict::error},
}};

inline constexpr std::array<NamedValue<FaultKind>, 3> kFaultKindNames{{
    {"error", FaultKind::error},
    {"destroy", FaultKind::destroy},
    {"destroy-no-error", FaultKind::destroy_no_error},
}};

inline constexpr std::array<NamedValue<RateProfileKind>, 5> kRateProfileNames{{
    {"constant", RateProfileKind::constant},
    {"bursts", RateProfileKind::bursts},
    {"steps", RateProfileKind::steps},
    {"stalls", RateProfileKind::stalls},
    {"jitter", RateProfileKind::jitter},
}};

template <typename E>
std::optional<E> value_named(std::span<const NamedValue<E>> table, std::string_view name) {
  for (const auto& entry : table) {
    if (entry.name == name) return entry.value;
  }
  return std::nullopt;
}

template <typename E>
std::string_view name_of(std::span<const NamedValue<E>> table, E value) {
  for (const auto& entry : table) {
    if (entry.value == value) return entry.name;
  }
  return {};
}

template <typename E>
std::vector<std::string_view> names_in(std::span<const NamedValue<E>> table) {
  std::vector<std::string_view> names;
  for (const auto& entry : table) names.push_back(entry.name);
  return names;
}

}  // namespace bp::harness
