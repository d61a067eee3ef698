#include <algorithm>
#include <unordered_map>

#include "harness/scenario_keys.h"
#include "harness/scenario_names.h"
#include "harness/scenario_sections.h"

namespace bp::harness {
namespace {

constexpr double kLargestExpansion = 1024;
constexpr std::uint64_t kLargestBatch = 1'000'000;

std::vector<std::string_view> allowed_keys(StageKind kind) {
  std::vector<std::string_view> allowed(keys::kStageCommon.begin(), keys::kStageCommon.end());
  const auto extra = keys::stage_kind(kind);
  allowed.insert(allowed.end(), extra.begin(), extra.end());
  return allowed;
}

// The kinds, built-in and custom, whose stages take `key`.
std::vector<std::string_view> kinds_taking(std::string_view key) {
  std::vector<std::string_view> kinds;
  for (const auto& entry : kStageKindNames) {
    const auto kind_keys = keys::stage_kind(entry.value);
    if (std::find(kind_keys.begin(), kind_keys.end(), key) != kind_keys.end()) kinds.push_back(entry.name);
  }
  const auto custom_keys = keys::stage_kind(StageKind::custom);
  if (std::find(custom_keys.begin(), custom_keys.end(), key) != custom_keys.end())
    kinds.push_back("custom kinds");
  return kinds;
}

// What a stage of a known kind takes beyond the common keys, read into `stage`.
void read_parameters(FieldReader& reader, const FieldReader::Object& object, Stage& stage) {
  switch (stage.kind) {
    case StageKind::passthrough:
    case StageKind::gunzip:
      break;
    case StageKind::expand:
      if (reader.require(object, "ratio", "a number above 1, such as 10")) {
        reader.read_into(object, "ratio", stage.ratio, &FieldReader::number,
                         FieldReader::Range{1, kLargestExpansion, true, false, "above 1 and at most 1024"});
      }
      break;
    case StageKind::shrink:
      if (reader.require(object, "ratio", "a number between 0 and 1, such as 0.25")) {
        reader.read_into(object, "ratio", stage.ratio, &FieldReader::number,
                         FieldReader::Range{0, 1, true, true, "between 0 and 1"});
      }
      break;
    case StageKind::cost: {
      const nlohmann::json* per_byte = reader.member(object, "perByte");
      const nlohmann::json* rate = reader.member(object, "rate");
      if (per_byte && rate) {
        reader.key_error(pointer_child(object.pointer, "rate"),
                         "a cost stage takes 'perByte' or 'rate', not both");
      } else if (per_byte) {
        if (const auto duration =
                reader.positive_duration(*per_byte, pointer_child(object.pointer, "perByte"))) {
          stage.per_byte = *duration;
        }
      } else if (rate) {
        const std::string pointer = pointer_child(object.pointer, "rate");
        if (const auto bytes_per_second = reader.rate(*rate, pointer)) {
          if (*bytes_per_second > 0 && *bytes_per_second != kUnlimited) {
            stage.per_byte = std::chrono::duration<double>(1.0 / *bytes_per_second);
          } else {
            reader.value_error(pointer, "a cost stage needs a finite rate above 0, such as \"500MiB/s\"");
          }
        }
      } else {
        reader.value_error(object.pointer, object.what +
                                               " needs 'perByte' (such as \"2ns\") or 'rate' "
                                               "(such as \"500MiB/s\")");
      }
      break;
    }
    case StageKind::batch:
      if (reader.require(object, "count", "a whole number of chunks, such as 16")) {
        reader.read_into(object, "count", stage.count, &FieldReader::whole, 1, kLargestBatch);
      }
      break;
    case StageKind::gzip:
      if (const auto level = reader.get(object, "level", &FieldReader::whole, 0, 9))
        stage.level = static_cast<int>(*level);
      break;
    case StageKind::retain:
      if (reader.require(object, "fraction", "a number from 0 to 1, such as 0.01")) {
        reader.read_into(object, "fraction", stage.fraction, &FieldReader::number,
                         FieldReader::Range{0, 1, false, false, "from 0 to 1"});
      }
      reader.read_into(object, "seed", stage.seed, &FieldReader::seed);
      break;
    case StageKind::custom:
      if (const nlohmann::json* params = reader.member(object, "params")) {
        if (params->is_object()) {
          stage.params = *params;
        } else {
          reader.value_error(
              pointer_child(object.pointer, "params"),
              "expected an object of parameters for the custom stage, got " + describe(*params));
        }
      }
      break;
  }
}

void read_high_water_marks(FieldReader& reader, const FieldReader::Object& object, bool object_mode,
                           Stage& stage) {
  stage.high_water_mark = reader.get(object, "highWaterMark", &FieldReader::high_water_mark, object_mode);
  stage.readable_high_water_mark =
      reader.get(object, "readableHighWaterMark", &FieldReader::high_water_mark, object_mode);
  stage.writable_high_water_mark =
      reader.get(object, "writableHighWaterMark", &FieldReader::high_water_mark, object_mode);
  if (!reader.member(object, "highWaterMark")) return;
  for (std::string_view side : {"readableHighWaterMark", "writableHighWaterMark"}) {
    if (reader.member(object, side)) {
      reader.key_error(pointer_child(object.pointer, side),
                       "'highWaterMark' already sets both sides (and wins over '" + std::string(side) +
                           "', as in Node); give one or the other");
    }
  }
}

Stage read_stage(FieldReader& reader, const nlohmann::json& value, const std::string& pointer,
                 std::size_t index, bool object_mode, std::span<const std::string> custom_kinds) {
  Stage stage;
  const std::string what = "stage " + std::to_string(index);
  if (!value.is_object()) {
    reader.value_error(
        pointer, what + ": expected an object such as {\"kind\": \"passthrough\"}, got " + describe(value));
    return stage;
  }
  // The kind decides which keys are allowed, so it is read first.
  std::optional<StageKind> kind;
  const auto kind_value = value.find("kind");
  if (kind_value == value.end()) {
    reader.value_error(pointer, what + " needs 'kind': one of " +
                                    joined(names_in<StageKind>(kStageKindNames)) +
                                    (custom_kinds.empty() ? "" : " or a registered custom kind"));
  } else if (const auto word = reader.text(*kind_value, pointer_child(pointer, "kind"))) {
    stage.kind_name = *word;
    kind = value_named<StageKind>(kStageKindNames, *word);
    if (!kind && std::find(custom_kinds.begin(), custom_kinds.end(), *word) != custom_kinds.end()) {
      kind = StageKind::custom;
    }
    if (!kind) {
      std::vector<std::string_view> names = names_in<StageKind>(kStageKindNames);
      names.insert(names.end(), custom_kinds.begin(), custom_kinds.end());
      reader.unknown_word(pointer_child(pointer, "kind"), "stage kind", *word, names);
    }
  }
  if (!kind) {
    // Still report misspelt keys: against every key any stage takes.
    std::vector<std::string_view> every_key = allowed_keys(StageKind::custom);
    for (const auto& entry : kStageKindNames) {
      for (std::string_view key : keys::stage_kind(entry.value)) every_key.push_back(key);
    }
    reader.object(value, pointer, what, every_key);
    return stage;
  }
  stage.kind = *kind;
  const std::vector<std::string_view> allowed = allowed_keys(*kind);
  const std::string kind_name = stage.kind_name;
  const auto object =
      reader.object(value, pointer, what, allowed, [&](std::string_view key) -> std::optional<std::string> {
        const std::vector<std::string_view> owners = kinds_taking(key);
        if (owners.empty()) return std::nullopt;
        return "'" + std::string(key) + "' does not apply to a stage of kind '" + kind_name +
               "' (it is for " + joined(owners) + ")";
      });
  reader.read_into(*object, "name", stage.name, &FieldReader::name);
  read_high_water_marks(reader, *object, object_mode, stage);
  read_parameters(reader, *object, stage);
  return stage;
}

}  // namespace

std::vector<Stage> read_stages(FieldReader& reader, const nlohmann::json& value, const std::string& pointer,
                               bool object_mode, std::span<const std::string> custom_kinds) {
  std::vector<Stage> stages;
  if (!value.is_array()) {
    reader.value_error(pointer,
                       "expected an array of stages such as [{\"kind\": \"gzip\"}], got " + describe(value));
    return stages;
  }
  if (value.size() > kMaxStages) {
    reader.value_error(pointer, "a scenario has at most " + std::to_string(kMaxStages) + " stages, not " +
                                    std::to_string(value.size()));
    return stages;
  }
  bool gzipped = false;
  std::unordered_map<std::string, std::size_t> first_with_name;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const std::string stage_pointer = pointer_child(pointer, i);
    Stage stage = read_stage(reader, value[i], stage_pointer, i, object_mode, custom_kinds);
    if (stage.kind_name.empty()) {  // no kind to name it after; already reported
      stages.push_back(std::move(stage));
      continue;
    }
    const bool named = !stage.name.empty();
    if (!named) stage.name = stage.kind_name + std::to_string(i);
    const std::string name_pointer = named ? pointer_child(stage_pointer, "name") : stage_pointer;
    if (stage.name == "source" || stage.name == "sink") {
      reader.value_error(name_pointer, "a stage cannot be named '" + stage.name +
                                           "': faults use that word for the " + stage.name + " itself");
    }
    if (const auto [first, inserted] = first_with_name.emplace(stage.name, i); !inserted) {
      reader.value_error(name_pointer, "stage name '" + stage.name + "' is already used by stage " +
                                           std::to_string(first->second) +
                                           (named ? "" : " (it is this stage's default name)"));
    }
    if (stage.kind == StageKind::gunzip && !gzipped) {
      reader.value_error(pointer_child(stage_pointer, "kind"),
                         "gunzip needs gzip data: put a gzip stage before it");
    }
    gzipped = gzipped || stage.kind == StageKind::gzip;
    stages.push_back(std::move(stage));
  }
  return stages;
}

}  // namespace bp::harness
