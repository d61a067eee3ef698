#include "harness/scenario_parser.h"

#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cmath>

#include "scenario_test_support.h"

namespace bp::harness {
namespace {

using namespace std::chrono_literals;
using testing::data_dir;
using testing::lines_of;
using testing::read_text;

Scenario parse_ok(std::string_view text, std::span<const std::string> custom_kinds = {}) {
  ScenarioParse parse = parse_scenario(text, "s.json", custom_kinds);
  EXPECT_TRUE(parse.scenario) << ::testing::PrintToString(lines_of(parse.diagnostics));
  return parse.scenario.value_or(Scenario{});
}

Scenario parse_file(const char* name) { return parse_ok(read_text(data_dir() / name)); }

TEST(ScenarioParser, FillsEveryDefault) {
  const Scenario s = parse_file("minimal.json");
  EXPECT_EQ(s.file, "s.json");
  EXPECT_EQ(s.schema, "../../../schemas/scenario.schema.json");
  EXPECT_EQ(s.name, "minimal");
  EXPECT_EQ(s.description, "");
  EXPECT_EQ(s.clock, ClockKind::virtual_time);
  EXPECT_EQ(s.source.chunk, 64u * 1024);
  EXPECT_EQ(s.source.total, 64u * 1024 * 1024);
  EXPECT_EQ(s.source.rate.kind, RateProfileKind::constant);
  EXPECT_TRUE(std::isinf(s.source.rate.rate));
  EXPECT_EQ(s.source.high_water_mark, std::nullopt);
  EXPECT_FALSE(s.source.object_mode);
  EXPECT_EQ(s.source.seed, 1u);
  EXPECT_EQ(s.source.data, DataKind::log);
  EXPECT_TRUE(s.stages.empty());
  EXPECT_TRUE(std::isinf(s.sink.rate.rate));
  EXPECT_EQ(s.sink.high_water_mark, std::nullopt);
  EXPECT_EQ(s.driver, Driver::pipeline);
  EXPECT_EQ(s.sampling.every, 10ms);
  EXPECT_EQ(s.sampling.every_bytes, 1024u * 1024);
  EXPECT_EQ(s.limits.ceiling, 1024u * 1024 * 1024);
  EXPECT_EQ(s.limits.timeout, std::optional<nanoseconds>(120s));
  EXPECT_EQ(s.expect.memory, Verdict::bounded);
  EXPECT_EQ(s.expect.max_peak, std::nullopt);
  EXPECT_EQ(s.expect.max_slope, std::nullopt);
  EXPECT_EQ(s.thresholds.tolerance, 2.0);
  EXPECT_EQ(s.thresholds.slope, 0.005);
  EXPECT_EQ(s.thresholds.noise_floor, 512u * 1024);
  EXPECT_EQ(s.thresholds.stall_after, 5s);
  EXPECT_TRUE(s.faults.empty());
}

TEST(ScenarioParser, DefaultChunkIsNeverLargerThanTotal) {
  const Scenario s = parse_ok(R"({"version": 1, "name": "n", "source": {"total": "1KiB"}, "driver": "pipe",
                                  "expect": {"memory": "bounded"}})");
  EXPECT_EQ(s.source.chunk, 1024u);
}

TEST(ScenarioParser, ReadsEveryField) {
  const Scenario s = parse_file("everything.json");
  EXPECT_EQ(s.description, "Every field of the format, each set away from its default.");
  EXPECT_EQ(s.source.chunk, 1536u);
  EXPECT_EQ(s.source.total, 1000000000u);
  EXPECT_EQ(s.source.rate.kind, RateProfileKind::jitter);
  EXPECT_EQ(s.source.rate.rate, 200e6);
  EXPECT_EQ(s.source.rate.spread, 0.25);
  EXPECT_EQ(s.source.rate.every, 5ms);
  EXPECT_EQ(s.source.rate.seed, 7u);
  EXPECT_EQ(s.source.high_water_mark, std::optional<std::uint64_t>(0));
  EXPECT_EQ(s.source.seed, 42u);
  EXPECT_EQ(s.source.data, DataKind::random);

  ASSERT_EQ(s.stages.size(), 5u);
  EXPECT_EQ(s.stages[0].kind, StageKind::passthrough);
  EXPECT_EQ(s.stages[0].name, "first");
  EXPECT_EQ(s.stages[1].kind, StageKind::shrink);
  EXPECT_EQ(s.stages[1].name, "shrink1");
  EXPECT_EQ(s.stages[1].ratio, 0.5);
  EXPECT_EQ(s.stages[1].high_water_mark, std::nullopt);
  EXPECT_EQ(s.stages[1].readable_high_water_mark, std::optional<std::uint64_t>(8192));
  EXPECT_EQ(s.stages[1].writable_high_water_mark, std::optional<std::uint64_t>(1024));
  EXPECT_EQ(s.stages[2].count, 4u);
  EXPECT_EQ(s.stages[3].fraction, 0.01);
  EXPECT_EQ(s.stages[3].seed, 3u);
  EXPECT_EQ(s.stages[4].kind, StageKind::cost);
  EXPECT_DOUBLE_EQ(s.stages[4].per_byte.count(), 1e9 / (500.0 * 1024 * 1024));

  EXPECT_EQ(s.sink.rate.kind, RateProfileKind::steps);
  EXPECT_EQ(s.sink.rate.steps, (std::vector<RateStep>{{100.0 * 1024 * 1024, 1s}, {0.0, 250ms}}));
  EXPECT_TRUE(s.sink.rate.repeat);
  EXPECT_EQ(s.sink.high_water_mark, std::optional<std::uint64_t>(1024 * 1024));
  EXPECT_EQ(s.driver, Driver::await_drain);
  EXPECT_EQ(s.sampling.every, 1ms);
  EXPECT_EQ(s.sampling.every_bytes, 256u * 1024);
  EXPECT_EQ(s.limits.ceiling, 512u * 1024 * 1024);
  EXPECT_EQ(s.limits.timeout, std::optional<nanoseconds>(30s));
  EXPECT_EQ(s.thresholds.tolerance, 3.0);
  EXPECT_EQ(s.thresholds.slope, 0.05);
  EXPECT_EQ(s.thresholds.noise_floor, 8u * 1024 * 1024);
  EXPECT_EQ(s.thresholds.stall_after, 2s);
  EXPECT_EQ(s.expect.memory, Verdict::error);
  EXPECT_EQ(s.expect.max_peak, std::optional<std::uint64_t>(256u * 1024 * 1024));
  EXPECT_EQ(s.expect.max_slope, std::optional<double>(0.5));

  ASSERT_EQ(s.faults.size(), 3u);
  EXPECT_EQ(s.faults[0], (Fault{FaultTarget::stage, 0, 100000000, FaultKind::destroy}));
  EXPECT_EQ(s.faults[1], (Fault{FaultTarget::stage, 3, 200000000, FaultKind::error}));
  EXPECT_EQ(s.faults[2].target, FaultTarget::sink);
  EXPECT_EQ(s.faults[2].kind, FaultKind::destroy_no_error);
}

TEST(ScenarioParser, ReadsStageParameters) {
  const Scenario s = parse_file("four-stages-bursty-sink.json");
  ASSERT_EQ(s.stages.size(), 4u);
  EXPECT_EQ(s.stages[0].kind, StageKind::gzip);
  EXPECT_EQ(s.stages[0].level, 1);
  EXPECT_EQ(s.stages[0].name, "gzip0");
  EXPECT_EQ(s.stages[1].kind, StageKind::gunzip);
  EXPECT_EQ(s.stages[2].ratio, 10.0);
  EXPECT_EQ(s.stages[2].high_water_mark, std::optional<std::uint64_t>(65536));
  EXPECT_EQ(s.stages[3].name, "parser");
  EXPECT_EQ(s.stages[3].per_byte.count(), 2.0);
  EXPECT_EQ(s.sink.rate.kind, RateProfileKind::bursts);
  EXPECT_EQ(s.sink.rate.rate, 1024.0 * 1024 * 1024);
  EXPECT_EQ(s.sink.rate.on, 100ms);
  EXPECT_EQ(s.sink.rate.off, 400ms);
}

TEST(ScenarioParser, CountsObjectsInObjectMode) {
  const Scenario s = parse_file("object-mode-stalls.json");
  EXPECT_TRUE(s.source.object_mode);
  EXPECT_TRUE(s.sink.object_mode);  // follows the source by default
  EXPECT_EQ(s.source.high_water_mark, std::optional<std::uint64_t>(16));
  EXPECT_EQ(s.stages[0].high_water_mark, std::optional<std::uint64_t>(4));
  EXPECT_EQ(s.sink.high_water_mark, std::optional<std::uint64_t>(32));
  EXPECT_EQ(s.sink.rate.kind, RateProfileKind::stalls);
  EXPECT_EQ(s.sink.rate.every, 1s);
  EXPECT_EQ(s.sink.rate.stall, 50ms);
}

TEST(ScenarioParser, ReadsEveryRateProfile) {
  const std::string text = R"({"version": 1, "name": "n", "source": {"total": "1MiB",
      "rate": {"profile": "constant", "rate": 1000}}, "driver": "pipe", "expect": {"memory": "bounded"},
      "sink": {"rate": {"profile": "jitter", "rate": "1MiB/s", "spread": 1}}})";
  const Scenario s = parse_ok(text);
  EXPECT_EQ(s.source.rate.kind, RateProfileKind::constant);
  EXPECT_EQ(s.source.rate.rate, 1000.0);
  EXPECT_EQ(s.sink.rate.kind, RateProfileKind::jitter);
  EXPECT_EQ(s.sink.rate.spread, 1.0);
  EXPECT_EQ(s.sink.rate.every, 10ms);  // the jitter default
  EXPECT_EQ(s.sink.rate.seed, 1u);
}

TEST(ScenarioParser, AcceptsRegisteredCustomStageKinds) {
  const std::array<std::string, 1> custom{"line-splitter"};
  const Scenario s =
      parse_ok(R"({"version": 1, "name": "n", "source": {"total": "1MiB"}, "driver": "pipeline",
      "stages": [{"kind": "line-splitter", "params": {"separator": "\n"}, "highWaterMark": "1KiB"}],
      "expect": {"memory": "bounded"}})",
               custom);
  ASSERT_EQ(s.stages.size(), 1u);
  EXPECT_EQ(s.stages[0].kind, StageKind::custom);
  EXPECT_EQ(s.stages[0].kind_name, "line-splitter");
  EXPECT_EQ(s.stages[0].name, "line-splitter0");
  EXPECT_EQ(s.stages[0].params, nlohmann::json({{"separator", "\n"}}));
  EXPECT_EQ(s.stages[0].high_water_mark, std::optional<std::uint64_t>(1024));
}

TEST(ScenarioParser, AcceptsNoTimeout) {
  const Scenario s =
      parse_ok(R"({"version": 1, "name": "n", "source": {"total": "1MiB"}, "driver": "pipeline",
      "limits": {"timeout": "none"}, "expect": {"memory": "bounded"}})");
  EXPECT_EQ(s.limits.timeout, std::nullopt);
}

TEST(ScenarioParser, KeepsTheDocumentToLocateLaterFindings) {
  const ScenarioParse parse =
      parse_scenario(read_text(data_dir() / "four-stages-bursty-sink.json"), "f.json");
  ASSERT_TRUE(parse.document);
  EXPECT_EQ(parse.document->value_position("/stages/3"), (TextPosition{11, 5}));
}

TEST(ScenarioParser, ProgramTakesThePlaceOfTheDriverOnTheRealClock) {
  const Scenario s = parse_ok(R"({"version": 1, "name": "p", "source": {"total": "1MiB"},
                                   "sink": {"rate": "1MiB/s"}, "program": {"argv": ["node", "t.js", ""]},
                                   "expect": {"memory": "bounded"}})");
  EXPECT_EQ(s.program.argv, (std::vector<std::string>{"node", "t.js", ""}));
  EXPECT_EQ(s.clock, ClockKind::real_time);
  EXPECT_TRUE(s.stages.empty());
  EXPECT_EQ(s.sink.rate.rate, 1024.0 * 1024);
}

}  // namespace
}  // namespace bp::harness
