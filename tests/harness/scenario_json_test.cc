#include "harness/scenario_json.h"

#include <gtest/gtest.h>

#include "harness/scenario_loader.h"
#include "harness/scenario_parser.h"
#include "scenario_test_support.h"

namespace bp::harness {
namespace {

using testing::data_dir;

TEST(ScenarioJson, RoundTripsEveryExample) {
  const std::vector<std::filesystem::path> paths{data_dir()};
  const LoadedScenarios loaded = load_scenarios(paths);
  ASSERT_FALSE(loaded.scenarios.empty());
  for (const Scenario& original : loaded.scenarios) {
    const std::string text = to_json(original).dump(2);
    const ScenarioParse again = parse_scenario(text, original.file);
    ASSERT_TRUE(again.scenario) << original.name << ": " << again.diagnostics.front().to_string() << "\n"
                                << text;
    Scenario expected = original;
    // A cost stage's rate comes back within rounding (1 / (1 / rate)).
    for (std::size_t i = 0; i < expected.stages.size(); ++i) {
      EXPECT_DOUBLE_EQ(again.scenario->stages[i].per_byte.count(), expected.stages[i].per_byte.count());
      expected.stages[i].per_byte = again.scenario->stages[i].per_byte;
    }
    EXPECT_EQ(*again.scenario, expected) << original.name << "\n" << text;
  }
}

TEST(ScenarioJson, WritesEveryDefaultWithExactUnits) {
  const ScenarioParse parse = parse_scenario(testing::read_text(data_dir() / "minimal.json"), "minimal.json");
  ASSERT_TRUE(parse.scenario);
  const nlohmann::json out = to_json(*parse.scenario);
  EXPECT_EQ(out.at("source"),
            nlohmann::json::parse(R"({"chunk": "64KiB", "total": "64MiB", "rate": "unlimited",
      "objectMode": false, "seed": 1, "data": "log"})"));
  EXPECT_EQ(out.at("limits"), nlohmann::json::parse(R"({"ceiling": "1GiB", "timeout": "2m"})"));
  EXPECT_EQ(out.at("sampling"), nlohmann::json::parse(R"({"every": "10ms", "everyBytes": "1MiB"})"));
  EXPECT_EQ(out.at("thresholds"),
            nlohmann::json::parse(
                R"({"tolerance": 2.0, "slope": 0.005, "noiseFloor": "512KiB", "stallAfter": "5s"})"));
  EXPECT_EQ(out.at("expect"), nlohmann::json::parse(R"({"memory": "bounded"})"));
  EXPECT_EQ(out.at("stages"), nlohmann::json::array());
  EXPECT_EQ(out.at("faults"), nlohmann::json::array());
}

TEST(ScenarioJson, NamesTheStageOfEachFault) {
  const ScenarioParse parse =
      parse_scenario(testing::read_text(data_dir() / "everything.json"), "everything.json");
  ASSERT_TRUE(parse.scenario);
  const nlohmann::json faults = to_json(*parse.scenario).at("faults");
  EXPECT_EQ(faults.at(1), nlohmann::json::parse(R"({"stage": "retain3", "at": "200MB", "kind": "error"})"));
  EXPECT_EQ(faults.at(2).at("stage"), "sink");
}

TEST(ScenarioJson, WritesRateProfiles) {
  RateProfile bursts;
  bursts.kind = RateProfileKind::bursts;
  bursts.rate = 1024 * 1024;
  bursts.on = std::chrono::milliseconds(100);
  bursts.off = std::chrono::seconds(1);
  EXPECT_EQ(to_json(bursts),
            nlohmann::json::parse(R"({"profile": "bursts", "rate": "1MiB/s", "on": "100ms", "off": "1s"})"));
  EXPECT_EQ(to_json(RateProfile{}), "unlimited");
}

TEST(ScenarioJson, RoundTripsAProgramScenarioWithoutDriverStagesOrFaults) {
  const ScenarioParse parse = parse_scenario(R"({"version": 1, "name": "p", "source": {"total": "1MiB"},
                                                 "sink": {"rate": "1MiB/s"}, "program": {"argv": ["node", "t.js"]},
                                                 "expect": {"memory": "grows"}})",
                                             "p.json");
  ASSERT_TRUE(parse.scenario);
  const nlohmann::json written = to_json(*parse.scenario);
  EXPECT_FALSE(written.contains("driver"));
  EXPECT_FALSE(written.contains("stages"));
  EXPECT_FALSE(written.contains("faults"));
  EXPECT_EQ(written["program"]["argv"], nlohmann::json::array({"node", "t.js"}));
  EXPECT_EQ(written["clock"], "real");
  const ScenarioParse again = parse_scenario(written.dump(2), "p.json");
  ASSERT_TRUE(again.scenario) << again.diagnostics.front().to_string() << "\n" << written.dump(2);
  EXPECT_EQ(*again.scenario, *parse.scenario);
}

}  // namespace
}  // namespace bp::harness
