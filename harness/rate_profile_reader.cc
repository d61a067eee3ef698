#include <algorithm>
#include <cmath>

#include "harness/scenario_keys.h"
#include "harness/scenario_names.h"
#include "harness/scenario_sections.h"

namespace bp::harness {
namespace {

constexpr std::string_view kProfileHint =
    "a rate such as \"64MiB/s\", \"unlimited\", or a rate profile such as "
    "{\"profile\": \"bursts\", \"rate\": \"64MiB/s\", \"on\": \"100ms\", \"off\": \"900ms\"}";

// "'on' does not apply to profile 'stalls' (it belongs to bursts)", for a key of another profile.
FieldReader::KeyExplainer other_profiles_keys(RateProfileKind kind) {
  return [kind](std::string_view key) -> std::optional<std::string> {
    std::vector<std::string_view> owners;
    for (const auto& entry : kRateProfileNames) {
      const auto profile_keys = keys::rate_profile(entry.value);
      if (std::find(profile_keys.begin(), profile_keys.end(), key) != profile_keys.end()) {
        owners.push_back(entry.name);
      }
    }
    if (owners.empty()) return std::nullopt;
    return "'" + std::string(key) + "' does not apply to profile '" + std::string(to_string(kind)) +
           "' (it belongs to " + joined(owners) + ")";
  };
}

void read_steps(FieldReader& reader, const nlohmann::json& value, const std::string& pointer,
                RateProfile& profile) {
  if (!value.is_array() || value.empty()) {
    reader.value_error(pointer,
                       "expected a non-empty array of steps such as "
                       "[{\"rate\": \"64MiB/s\", \"for\": \"1s\"}], got " +
                           describe(value));
    return;
  }
  for (std::size_t i = 0; i < value.size(); ++i) {
    const auto step =
        reader.object(value[i], pointer_child(pointer, i), "step " + std::to_string(i), keys::kRateStep);
    if (!step) continue;
    reader.require(*step, "rate", "a rate such as \"64MiB/s\"");
    reader.require(*step, "for", "a duration such as \"1s\"");
    const auto rate = reader.get(*step, "rate", &FieldReader::rate);
    const auto duration = reader.get(*step, "for", &FieldReader::positive_duration);
    if (rate && duration) profile.steps.push_back({*rate, *duration});
  }
}

}  // namespace

std::optional<RateProfile> read_rate_profile(FieldReader& reader, const nlohmann::json& value,
                                             const std::string& pointer) {
  RateProfile profile;
  if (value.is_string() || value.is_number()) {
    const std::optional<double> rate = reader.rate(value, pointer);
    if (!rate) return std::nullopt;
    profile.rate = *rate;
    return profile;
  }
  if (!value.is_object()) {
    reader.value_error(pointer, "expected " + std::string(kProfileHint) + ", got " + describe(value));
    return std::nullopt;
  }
  const auto found = value.find("profile");
  if (found == value.end()) {
    reader.value_error(pointer, "a rate profile object needs 'profile': one of " +
                                    joined(names_in<RateProfileKind>(kRateProfileNames)));
    return std::nullopt;
  }
  const std::string profile_pointer = pointer_child(pointer, "profile");
  const auto kind =
      reader.choice<RateProfileKind>(*found, profile_pointer, "rate profile", kRateProfileNames);
  if (!kind) return std::nullopt;
  profile.kind = *kind;
  const std::string what = "rate profile '" + std::string(to_string(*kind)) + "'";
  const auto object =
      reader.object(value, pointer, what, keys::rate_profile(*kind), other_profiles_keys(*kind));
  auto take_rate = [&] {
    if (!reader.require(*object, "rate", "a rate such as \"64MiB/s\"")) return;
    reader.read_into(*object, "rate", profile.rate, &FieldReader::rate);
  };
  auto take_duration = [&](std::string_view key, std::chrono::nanoseconds& into, bool required) {
    if (required && !reader.require(*object, key, "a duration such as \"100ms\"")) return;
    reader.read_into(*object, key, into, &FieldReader::positive_duration);
  };
  switch (*kind) {
    case RateProfileKind::constant:
      take_rate();
      break;
    case RateProfileKind::bursts:
      take_rate();
      take_duration("on", profile.on, true);
      take_duration("off", profile.off, true);
      break;
    case RateProfileKind::steps:
      if (reader.require(*object, "steps", "an array of {\"rate\", \"for\"} steps")) {
        read_steps(reader, *reader.member(*object, "steps"), pointer_child(pointer, "steps"), profile);
      }
      reader.read_into(*object, "repeat", profile.repeat, &FieldReader::boolean);
      break;
    case RateProfileKind::stalls:
      take_rate();
      take_duration("every", profile.every, true);
      take_duration("stall", profile.stall, true);
      if (reader.clean(pointer) && profile.stall >= profile.every) {
        reader.value_error(pointer_child(pointer, "stall"),
                           "a stall (" + format_duration(profile.stall) +
                               ") must be shorter than the period 'every' (" +
                               format_duration(profile.every) + ") it happens in");
      }
      break;
    case RateProfileKind::jitter:
      take_rate();
      if (reader.clean(pointer) && std::isinf(profile.rate)) {
        reader.value_error(pointer_child(pointer, "rate"),
                           "jitter needs a finite rate to vary around, not \"unlimited\"");
      }
      if (reader.require(*object, "spread", "a number from 0 to 1, such as 0.5")) {
        reader.read_into(*object, "spread", profile.spread, &FieldReader::number,
                         FieldReader::Range{0, 1, false, false, "from 0 to 1"});
      }
      profile.every = std::chrono::milliseconds(10);
      take_duration("every", profile.every, false);
      reader.read_into(*object, "seed", profile.seed, &FieldReader::seed);
      break;
  }
  if (!reader.clean(pointer)) return std::nullopt;
  return profile;
}

}  // namespace bp::harness
