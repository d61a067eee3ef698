// The JSON Schema and the C++ validator describe the same format: same keys at the same places,
// same enum words; and every example points editors at the schema.
#include "harness/scenario_schema.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>

#include "harness/scenario_keys.h"
#include "harness/scenario_names.h"
#include "scenario_test_support.h"

namespace bp::harness {
namespace {

namespace fs = std::filesystem;
using testing::data_dir;
using testing::source_dir;
using Words = std::set<std::string>;

fs::path schema_path() { return source_dir() / "schemas" / "scenario.schema.json"; }

nlohmann::json schema() { return nlohmann::json::parse(testing::read_text(schema_path())); }

Words property_names(const nlohmann::json& object_schema) {
  Words names;
  for (const auto& [key, value] : object_schema.at("properties").items()) names.insert(key);
  return names;
}

Words words(std::span<const std::string_view> list) { return Words(list.begin(), list.end()); }

template <typename E>
Words words(std::span<const NamedValue<E>> table) {
  Words out;
  for (const auto& entry : table) out.insert(std::string(entry.name));
  return out;
}

Words enum_words(const nlohmann::json& property) { return property.at("enum").get<Words>(); }

TEST(ScenarioSchema, IsTheBuiltInSchema) {
  EXPECT_EQ(scenario_schema(), testing::read_text(schema_path()));
  EXPECT_EQ(schema().at("$schema"), "https://json-schema.org/draft/2020-12/schema");
}

TEST(ScenarioSchema, EveryExamplePointsAtTheSchema) {
  int examples = 0;
  for (const auto& entry : fs::directory_iterator(data_dir())) {
    if (entry.path().extension() != ".json") continue;
    ++examples;
    const nlohmann::json example = nlohmann::json::parse(testing::read_text(entry.path()));
    ASSERT_TRUE(example.contains("$schema")) << entry.path();
    const fs::path target = entry.path().parent_path() / example.at("$schema").get<std::string>();
    EXPECT_TRUE(fs::exists(target) && fs::equivalent(target, schema_path())) << entry.path();
  }
  EXPECT_GE(examples, 4);
}

TEST(ScenarioSchema, AllowsTheKeysTheValidatorAllows) {
  const nlohmann::json s = schema();
  const nlohmann::json& defs = s.at("$defs");
  EXPECT_EQ(property_names(s), words(keys::kScenario));
  EXPECT_EQ(property_names(defs.at("source")), words(keys::kSource));
  EXPECT_EQ(property_names(defs.at("sink")), words(keys::kSink));
  EXPECT_EQ(property_names(defs.at("sampling")), words(keys::kSampling));
  EXPECT_EQ(property_names(defs.at("limits")), words(keys::kLimits));
  EXPECT_EQ(property_names(defs.at("expect")), words(keys::kExpect));
  EXPECT_EQ(property_names(defs.at("thresholds")), words(keys::kThresholds));
  EXPECT_EQ(property_names(defs.at("fault")), words(keys::kFault));
  EXPECT_EQ(property_names(defs.at("step")), words(keys::kRateStep));
  for (const auto& entry : kRateProfileNames) {
    const std::string def = "profile-" + std::string(entry.name);
    ASSERT_TRUE(defs.contains(def)) << def;
    EXPECT_EQ(property_names(defs.at(def)), words(keys::rate_profile(entry.value))) << def;
  }
  auto stage_keys = [](StageKind kind) {
    Words all = words(keys::kStageCommon);
    for (std::string_view key : keys::stage_kind(kind)) all.insert(std::string(key));
    return all;
  };
  for (const auto& entry : kStageKindNames) {
    const std::string def = "stage-" + std::string(entry.name);
    ASSERT_TRUE(defs.contains(def)) << def;
    EXPECT_EQ(property_names(defs.at(def)), stage_keys(entry.value)) << def;
  }
  EXPECT_EQ(property_names(defs.at("stage-custom")), stage_keys(StageKind::custom));
}

TEST(ScenarioSchema, HasTheValidatorsEnumWords) {
  const nlohmann::json s = schema();
  const nlohmann::json& defs = s.at("$defs");
  EXPECT_EQ(enum_words(s.at("properties").at("driver")), words<Driver>(kDriverNames));
  EXPECT_EQ(enum_words(s.at("properties").at("clock")), words<ClockKind>(kClockNames));
  EXPECT_EQ(enum_words(defs.at("source").at("properties").at("data")), words<DataKind>(kDataNames));
  EXPECT_EQ(enum_words(defs.at("expect").at("properties").at("memory")), words<Verdict>(kVerdictNames));
  EXPECT_EQ(enum_words(defs.at("fault").at("properties").at("kind")), words<FaultKind>(kFaultKindNames));
  EXPECT_EQ(defs.at("stage-custom").at("properties").at("kind").at("not").at("enum").get<Words>(),
            words<StageKind>(kStageKindNames));
  Words stage_defs;
  for (const auto& [key, value] : defs.items()) {
    if (key.starts_with("stage-") && key != "stage-custom") stage_defs.insert(key.substr(6));
  }
  EXPECT_EQ(stage_defs, words<StageKind>(kStageKindNames));
}

}  // namespace
}  // namespace bp::harness
