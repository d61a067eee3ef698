#include "harness/scenario_keys.h"

namespace bp::harness::keys {
namespace {

constexpr std::array<std::string_view, 0> kNone{};
constexpr std::array<std::string_view, 1> kRatio{"ratio"};
constexpr std::array<std::string_view, 2> kCost{"perByte", "rate"};
constexpr std::array<std::string_view, 1> kBatch{"count"};
constexpr std::array<std::string_view, 1> kGzip{"level"};
constexpr std::array<std::string_view, 2> kRetain{"fraction", "seed"};
constexpr std::array<std::string_view, 1> kCustom{"params"};

constexpr std::array<std::string_view, 2> kConstant{"profile", "rate"};
constexpr std::array<std::string_view, 4> kBursts{"profile", "rate", "on", "off"};
constexpr std::array<std::string_view, 3> kSteps{"profile", "steps", "repeat"};
constexpr std::array<std::string_view, 4> kStalls{"profile", "rate", "every", "stall"};
constexpr std::array<std::string_view, 5> kJitter{"profile", "rate", "spread", "every", "seed"};

}  // namespace

std::span<const std::string_view> stage_kind(StageKind kind) {
  switch (kind) {
    case StageKind::passthrough:
    case StageKind::gunzip:
      return kNone;
    case StageKind::expand:
    case StageKind::shrink:
      return kRatio;
    case StageKind::cost:
      return kCost;
    case StageKind::batch:
      return kBatch;
    case StageKind::gzip:
      return kGzip;
    case StageKind::retain:
      return kRetain;
    case StageKind::custom:
      return kCustom;
  }
  return kNone;
}

std::span<const std::string_view> rate_profile(RateProfileKind kind) {
  switch (kind) {
    case RateProfileKind::constant:
      return kConstant;
    case RateProfileKind::bursts:
      return kBursts;
    case RateProfileKind::steps:
      return kSteps;
    case RateProfileKind::stalls:
      return kStalls;
    case RateProfileKind::jitter:
      return kJitter;
  }
  return kConstant;
}

}  // namespace bp::harness::keys
