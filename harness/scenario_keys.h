// The keys a scenario file may use at each place. The parser refuses any other key (suggesting
// the nearest of these), and a unit test checks that schemas/scenario.schema.json allows exactly
// the same keys at the same places, so the schema and the validator cannot drift apart.
#pragma once

#include <array>
#include <span>
#include <string_view>

#include "harness/scenario.h"

namespace bp::harness::keys {

inline constexpr std::array<std::string_view, 15> kScenario{
    "$schema", "version", "name",     "description", "clock",      "source", "stages", "sink",
    "driver",  "program", "sampling", "limits",      "thresholds", "expect", "faults"};
inline constexpr std::array<std::string_view, 1> kProgram{"argv"};
inline constexpr std::array<std::string_view, 8> kSource{"chunk",      "total", "rate", "highWaterMark",
                                                         "objectMode", "seed",  "data", "file"};
inline constexpr std::array<std::string_view, 4> kSink{"rate", "highWaterMark", "objectMode", "file"};
inline constexpr std::array<std::string_view, 2> kSampling{"every", "everyBytes"};
inline constexpr std::array<std::string_view, 2> kLimits{"ceiling", "timeout"};
inline constexpr std::array<std::string_view, 3> kExpect{"memory", "maxPeak", "maxSlope"};
inline constexpr std::array<std::string_view, 4> kThresholds{"tolerance", "slope", "noiseFloor",
                                                             "stallAfter"};
inline constexpr std::array<std::string_view, 3> kFault{"stage", "at", "kind"};
inline constexpr std::array<std::string_view, 2> kRateStep{"rate", "for"};

// Every stage has these; each kind adds its own (stage_kind below).
inline constexpr std::array<std::string_view, 5> kStageCommon{
    "kind", "name", "highWaterMark", "readableHighWaterMark", "writableHighWaterMark"};

// The keys of one stage kind beyond kStageCommon; StageKind::custom takes "params".
std::span<const std::string_view> stage_kind(StageKind kind);

// The keys of one rate profile object, "profile" included.
std::span<const std::string_view> rate_profile(RateProfileKind kind);

}  // namespace bp::harness::keys
