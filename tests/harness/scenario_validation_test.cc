// Every kind of problem parse_scenario() reports, each with its exact place and wording.
#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

#include "harness/scenario_parser.h"
#include "scenario_test_support.h"

namespace bp::harness {
namespace {

using Lines = std::vector<std::string>;
using testing::lines_of;

// The problems of a scenario, one per line as "line:col: error: …", with no scenario produced.
Lines problems(std::string_view text, std::span<const std::string> custom_kinds = {}) {
  const ScenarioParse parse = parse_scenario(text, "s.json", custom_kinds);
  EXPECT_EQ(parse.scenario.has_value(), parse.diagnostics.empty());
  return lines_of(parse.diagnostics);
}

// A scenario of this shape, one member per line from line 2, `extra` (if any) on line 6:
//   {
//   "version": 1,
//   "name": "n",
//   "source": <source>,
//   "driver": "pipeline",
//   <extra>,
//   "expect": <expect>
//   }
std::string scenario_with(std::string_view source, std::string_view extra = "",
                          std::string_view expect = R"({"memory": "bounded"})") {
  std::string text = "{\n\"version\": 1,\n\"name\": \"n\",\n";
  text += "\"source\": " + std::string(source) + ",\n";
  text += "\"driver\": \"pipeline\",\n";
  if (!extra.empty()) text += std::string(extra) + ",\n";
  text += "\"expect\": " + std::string(expect) + "\n}\n";
  return text;
}

constexpr std::string_view kSource = R"({"total": "64MiB"})";

TEST(ScenarioValidation, AcceptsTheTemplate) { EXPECT_EQ(problems(scenario_with(kSource)), Lines{}); }

TEST(ScenarioValidation, ReportsEveryErrorWithLineAndColumn) {
  const std::string text =
      "{\n"
      "  \"version\": 1,\n"
      "  \"name\": \"bad name\",\n"
      "  \"source\": {\"total\": \"64kib\", \"chunk\": -1},\n"
      "  \"stages\": [\n"
      "    {\"kind\": \"passthru\"},\n"
      "    {\"kind\": \"expand\", \"ratio\": 0.5}\n"
      "  ],\n"
      "  \"driver\": \"pipelines\",\n"
      "  \"expect\": {\"memory\": \"bounded\"},\n"
      "  \"sampling\": {\"evry\": \"10ms\"}\n"
      "}\n";
  EXPECT_EQ(
      problems(text),
      (Lines{
          "3:11: error: invalid name \"bad name\": use 1 to 100 letters, digits, '.', '_' and '-', starting "
          "with a letter or digit [at /name]",
          "4:23: error: unknown size unit 'kib'; expected one of B, KB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, "
          "PiB [at /source/total] (did you mean 'KiB'?)",
          "4:41: error: sizes cannot be negative (got -1) [at /source/chunk]",
          "6:14: error: unknown stage kind 'passthru'; expected one of passthrough, expand, shrink, cost, "
          "batch, gzip, gunzip, retain [at /stages/0/kind] (did you mean 'passthrough'?)",
          "7:33: error: expected a number above 1 and at most 1024, got 0.5 [at /stages/1/ratio]",
          "9:13: error: unknown driver 'pipelines'; expected one of pipeline, pipe, await-drain, "
          "for-await-ignore, on-data-ignore, push-ignore [at /driver] (did you mean 'pipeline'?)",
          "11:16: error: unknown key 'evry' in sampling [at /sampling/evry] (did you mean 'every'?)",
      }));
}

TEST(ScenarioValidation, SuggestsNearestKeyForMisspelling) {
  EXPECT_EQ(problems(scenario_with(R"({"totl": "64MiB"})")),
            (Lines{"4:11: error: source needs 'total': a size such as \"256MiB\" [at /source]",
                   "4:12: error: unknown key 'totl' in source [at /source/totl] (did you mean 'total'?)"}));
  EXPECT_EQ(problems(scenario_with(kSource, R"("stage": [])")),
            (Lines{"6:1: error: unknown key 'stage' in the scenario [at /stage] (did you mean 'stages'?)"}));
  EXPECT_EQ(problems(scenario_with(kSource, R"("sink": {"highWatermark": 1})")),
            (Lines{"6:10: error: unknown key 'highWatermark' in sink [at /sink/highWatermark] (did you mean "
                   "'highWaterMark'?)"}));
}

TEST(ScenarioValidation, ListsTheValidKeysWhenNoneIsClose) {
  EXPECT_EQ(problems(scenario_with(kSource, R"("limits": {"memory": "1GiB"})")),
            (Lines{"6:12: error: unknown key 'memory' in limits; expected one of ceiling, timeout [at "
                   "/limits/memory]"}));
}

TEST(ScenarioValidation, SuggestsEnumWords) {
  EXPECT_EQ(
      problems(scenario_with(kSource, "", R"({"memory": "bouned"})"))[0],
      "6:22: error: unknown memory verdict 'bouned'; expected one of bounded, grows, stalled, error [at "
      "/expect/memory] (did you mean 'bounded'?)");
  EXPECT_EQ(
      problems(scenario_with(R"({"total": "1MiB", "data": "zero"})")),
      (Lines{"4:37: error: unknown data kind 'zero'; expected one of log, ndjson, zeros, random [at /source/data] "
             "(did you mean 'zeros'?)"}));
  EXPECT_EQ(
      problems(scenario_with(R"({"total": "1MiB", "rate": {"profile": "burst"}})")),
      (Lines{"4:49: error: unknown rate profile 'burst'; expected one of constant, bursts, steps, stalls, "
             "jitter [at /source/rate/profile] (did you mean 'bursts'?)"}));
  EXPECT_EQ(
      problems(scenario_with(kSource, R"("clock": "virtul")")),
      (Lines{"6:10: error: unknown clock 'virtul'; expected one of virtual, real [at /clock] (did you mean "
             "'virtual'?)"}));
}

TEST(ScenarioValidation, SuggestsDriverWithHyphens) {
  const std::string text =
      R"({"version": 1, "name": "n", "source": {"total": "1MiB"}, "driver": "await_drain",
                               "expect": {"memory": "bounded"}})";
  const ScenarioParse parse = parse_scenario(text, "s.json");
  ASSERT_EQ(parse.diagnostics.size(), 1u);
  EXPECT_EQ(parse.diagnostics[0].suggestion, "await-drain");
}

TEST(ScenarioValidation, SuggestsRegisteredCustomStageKinds) {
  const std::array<std::string, 1> custom{"line-splitter"};
  const Lines lines = problems(scenario_with(kSource, R"("stages": [{"kind": "line-spliter"}])"), custom);
  EXPECT_EQ(lines,
            (Lines{"6:21: error: unknown stage kind 'line-spliter'; expected one of passthrough, expand, "
                   "shrink, cost, batch, gzip, gunzip, retain, line-splitter [at /stages/0/kind] (did you "
                   "mean 'line-splitter'?)"}));
}

TEST(ScenarioValidation, ExplainsKeysThatBelongToAnotherKind) {
  EXPECT_EQ(
      problems(scenario_with(kSource, R"("stages": [{"kind": "gzip", "ratio": 2}])")),
      (Lines{"6:29: error: 'ratio' does not apply to a stage of kind 'gzip' (it is for expand, shrink) [at "
             "/stages/0/ratio]"}));
  EXPECT_EQ(
      problems(scenario_with(kSource, R"("stages": [{"kind": "line", "params": {}}])")),
      (Lines{"6:21: error: unknown stage kind 'line'; expected one of passthrough, expand, shrink, cost, "
             "batch, gzip, gunzip, retain [at /stages/0/kind]"}));
  EXPECT_EQ(
      problems(scenario_with(
          kSource,
          R"("sink": {"rate": {"profile": "stalls", "rate": 1, "every": "1s", "stall": "1ms", "on": "1s"}})")),
      (Lines{
          "6:82: error: 'on' does not apply to profile 'stalls' (it belongs to bursts) [at /sink/rate/on]"}));
}

TEST(ScenarioValidation, StillChecksKeysOfAStageOfUnknownKind) {
  EXPECT_EQ(
      problems(scenario_with(kSource, R"("stages": [{"kind": "zip", "levle": 2}])")),
      (Lines{"6:21: error: unknown stage kind 'zip'; expected one of passthrough, expand, shrink, cost, "
             "batch, gzip, gunzip, retain [at /stages/0/kind] (did you mean 'gzip'?)",
             "6:28: error: unknown key 'levle' in stage 0 [at /stages/0/levle] (did you mean 'level'?)"}));
}

TEST(ScenarioValidation, ReportsMissingRequiredMembersAtTheirObject) {
  EXPECT_EQ(
      problems("{}"),
      (Lines{"1:1: error: the scenario needs 'version': the number 1",
             "1:1: error: the scenario needs 'name': a name such as \"pipeline-slow-sink\" (it names the "
             "report files)",
             "1:1: error: the scenario needs 'source': an object such as {\"total\": \"256MiB\", \"chunk\": "
             "\"64KiB\"}",
             "1:1: error: the scenario needs 'driver': one of pipeline, pipe, await-drain, for-await-ignore, "
             "on-data-ignore, push-ignore, or a \"program\" instead",
             "1:1: error: the scenario needs 'expect': an object such as {\"memory\": \"bounded\"}"}));
  EXPECT_EQ(
      problems(scenario_with(kSource, R"("stages": [{"name": "x"}], "faults": [{}])")),
      (Lines{"6:12: error: stage 0 needs 'kind': one of passthrough, expand, shrink, cost, batch, gzip, "
             "gunzip, retain [at /stages/0]",
             "6:39: error: fault 0 needs 'stage': a stage name, a stage index, \"source\" or \"sink\" [at "
             "/faults/0]",
             "6:39: error: fault 0 needs 'at': a size of input, such as \"16MiB\" [at /faults/0]",
             "6:39: error: fault 0 needs 'kind': one of error, destroy, destroy-no-error [at /faults/0]"}));
}

TEST(ScenarioValidation, ReportsWrongTypes) {
  const std::string text = R"({"version": "1", "name": 5, "source": {"total": true, "objectMode": "yes"},
      "stages": {}, "sink": [], "driver": 1, "expect": {"memory": "bounded", "maxSlope": "1"}})";
  EXPECT_EQ(
      problems(text),
      (Lines{
          "1:13: error: expected the number 1, got \"1\" [at /version]",
          "1:26: error: expected a string, got 5 [at /name]",
          "1:49: error: expected a size such as \"64KiB\" or a whole number of bytes, got true [at "
          "/source/total]",
          "1:69: error: expected true or false, got \"yes\" [at /source/objectMode]",
          "2:17: error: expected an array of stages such as [{\"kind\": \"gzip\"}], got an empty object [at "
          "/stages]",
          "2:29: error: sink: expected an object, got an empty array [at /sink]",
          "2:43: error: expected a string, got 1 [at /driver]",
          "2:90: error: expected a number of 0 or more, got \"1\" [at /expect/maxSlope]"}));
  EXPECT_EQ(problems("[]"), (Lines{"1:1: error: the scenario: expected an object, got an empty array"}));
}

TEST(ScenarioValidation, RefusesOtherVersions) {
  const std::string text = R"({"version": 2, "name": "n", "source": {"total": "1MiB"}, "driver": "pipe",
                               "expect": {"memory": "grows"}})";
  EXPECT_EQ(problems(text),
            (Lines{"1:13: error: unsupported version 2: this bpharness reads version 1 [at /version]"}));
}

TEST(ScenarioValidation, FilesNeedTheRealClock) {
  EXPECT_EQ(problems(scenario_with(R"({"file": "in.log"})", R"("sink": {"file": true})")),
            (Lines{"4:20: error: a file source needs the real clock; add \"clock\": \"real\" [at /source/file]",
                   "6:18: error: a file sink needs the real clock; add \"clock\": \"real\" [at /sink/file]"}));
  EXPECT_EQ(problems(scenario_with(R"({"file": "in.log"})", R"("clock": "real", "sink": {"file": "out.gz"})")),
            Lines{});
}

TEST(ScenarioValidation, FileEndsRefuseTheKeysOfGeneratedData) {
  EXPECT_EQ(
      problems(scenario_with(R"({"file": "in.log", "total": "1MiB"})",
                             R"("clock": "real", "sink": {"file": 3, "rate": "1MiB/s"})")),
      (Lines{"4:39: error: a file source reads the whole file, in chunks of its highWaterMark; remove \"total\" or "
             "\"file\" [at /source/total]",
             "6:35: error: expected a path such as \"out.log.gz\", or true for a temporary file, got 3 [at /sink/file]",
             "6:46: error: a file sink writes as fast as the file system takes the data; remove \"rate\" or \"file\" "
             "[at /sink/rate]"}));
}

TEST(ScenarioValidation, ReportsUnitProblems) {
  EXPECT_EQ(
      problems(scenario_with(R"({"total": 1.5, "chunk": 0, "rate": "10MiB"})")),
      (Lines{"4:21: error: a plain number is a count of bytes and must be whole (got 1.5); write a size with "
             "a unit such as \"1.5KiB\" instead [at /source/total]",
             "4:35: error: expected a size of at least 1 byte, such as \"64KiB\" [at /source/chunk]",
             "4:46: error: expected a rate such as \"64MiB/s\" or \"unlimited\", got \"10MiB\" (a rate is a "
             "size per second: add \"/s\") [at /source/rate]"}));
  EXPECT_EQ(
      problems(scenario_with(kSource, R"("sampling": {"every": 10, "everyBytes": "2PiB"})")),
      (Lines{
          "6:23: error: a duration needs a unit: write \"10ms\" or \"10s\", not 10 [at /sampling/every]",
          "6:41: error: \"2PiB\" is absurdly large: sizes are limited to 1PiB [at /sampling/everyBytes]"}));
  EXPECT_EQ(problems(scenario_with(kSource, R"("limits": {"timeout": "0s", "ceiling": "1GiB"})")),
            (Lines{"6:23: error: expected a duration longer than 0, such as \"10ms\" [at /limits/timeout]"}));
  // A whole number is one however it is written; one too large to be a size says so.
  EXPECT_EQ(problems(scenario_with(R"({"total": 6.5536e4, "chunk": 1024.0})")), Lines{});
  EXPECT_EQ(problems(scenario_with(R"({"total": 1e30, "chunk": -2.0})")),
            (Lines{"4:21: error: 1e+30 bytes is absurdly large: sizes are limited to 1PiB [at /source/total]",
                   "4:36: error: sizes cannot be negative (got -2.0) [at /source/chunk]"}));
}

TEST(ScenarioValidation, ReportsOutOfRangeNumbers) {
  const std::string stages = R"("stages": [
    {"kind": "shrink", "ratio": 1},
    {"kind": "gzip", "level": 10},
    {"kind": "batch", "count": 0},
    {"kind": "retain", "fraction": 1.5, "seed": -1}
  ])";
  EXPECT_EQ(problems(scenario_with(kSource, stages)),
            (Lines{"7:33: error: expected a number between 0 and 1, got 1 [at /stages/0/ratio]",
                   "8:31: error: expected a whole number from 0 to 9, got 10 [at /stages/1/level]",
                   "9:32: error: expected a whole number from 1 to 1000000, got 0 [at /stages/2/count]",
                   "10:36: error: expected a number from 0 to 1, got 1.5 [at /stages/3/fraction]",
                   "10:49: error: expected a whole number from 0 to 18446744073709551615, got -1 [at "
                   "/stages/3/seed]"}));
  EXPECT_EQ(problems(scenario_with(kSource, R"("thresholds": {"tolerance": 0.5, "slope": 0})")),
            (Lines{"6:29: error: expected a number from 1 to 1000, got 0.5 [at /thresholds/tolerance]",
                   "6:43: error: expected a number above 0, got 0 [at /thresholds/slope]"}));
}

TEST(ScenarioValidation, CountsObjectsInObjectModeHighWaterMarks) {
  EXPECT_EQ(
      problems(scenario_with(R"({"total": "1MiB", "objectMode": true, "highWaterMark": "16KiB"})")),
      (Lines{"4:66: error: in object mode a high-water mark counts objects: write a whole number such as 16, "
             "not \"16KiB\" [at /source/highWaterMark]"}));
}

TEST(ScenarioValidation, RefusesHighWaterMarkWithASideSpecificOne) {
  EXPECT_EQ(
      problems(scenario_with(kSource, R"("stages": [{"kind": "passthrough", "highWaterMark": 1,
        "readableHighWaterMark": 2}])")),
      (Lines{
          "7:9: error: 'highWaterMark' already sets both sides (and wins over 'readableHighWaterMark', as in "
          "Node); give one or the other [at /stages/0/readableHighWaterMark]"}));
}

TEST(ScenarioValidation, NeedsExactlyOneCostForm) {
  EXPECT_EQ(
      problems(scenario_with(kSource, R"("stages": [{"kind": "cost"}, {"kind": "cost", "perByte": "1ns",
        "rate": "1GiB/s"}, {"kind": "cost", "rate": "unlimited"}, {"kind": "cost", "perByte": "0.5ns"}])")),
      (Lines{
          "6:12: error: stage 0 needs 'perByte' (such as \"2ns\") or 'rate' (such as \"500MiB/s\") [at "
          "/stages/0]",
          "7:9: error: a cost stage takes 'perByte' or 'rate', not both [at /stages/1/rate]",
          "7:53: error: a cost stage needs a finite rate above 0, such as \"500MiB/s\" [at /stages/2/rate]",
          "7:95: error: \"0.5ns\" is not a whole number of nanoseconds [at /stages/3/perByte]"}));
}

TEST(ScenarioValidation, ReportsRateProfileProblems) {
  const std::string sink =
      R"("sink": {"rate": {"profile": "steps", "steps": [{"rate": "1MiB/s"}, {"for": "1s", "rate": "x"}]}})";
  EXPECT_EQ(problems(scenario_with(kSource, sink)),
            (Lines{"6:49: error: step 0 needs 'for': a duration such as \"1s\" [at /sink/rate/steps/0]",
                   "6:91: error: expected a rate such as \"64MiB/s\" or \"unlimited\", got \"x\" [at "
                   "/sink/rate/steps/1/rate]"}));
  EXPECT_EQ(
      problems(scenario_with(kSource, R"("sink": {"rate": {"rate": "1MiB/s"}})")),
      (Lines{"6:18: error: a rate profile object needs 'profile': one of constant, bursts, steps, stalls, "
             "jitter [at /sink/rate]"}));
  EXPECT_EQ(
      problems(scenario_with(kSource, R"("sink": {"rate": {"profile": "steps", "steps": []}})")),
      (Lines{"6:48: error: expected a non-empty array of steps such as [{\"rate\": \"64MiB/s\", \"for\": "
             "\"1s\"}], got an empty array [at /sink/rate/steps]"}));
  EXPECT_EQ(
      problems(scenario_with(kSource, R"("sink": {"rate": {"profile": "bursts", "rate": "1MiB/s"}})")),
      (Lines{
          "6:18: error: rate profile 'bursts' needs 'on': a duration such as \"100ms\" [at /sink/rate]",
          "6:18: error: rate profile 'bursts' needs 'off': a duration such as \"100ms\" [at /sink/rate]"}));
  EXPECT_EQ(
      problems(scenario_with(kSource, R"("sink": {"rate": true})")),
      (Lines{"6:18: error: expected a rate such as \"64MiB/s\", \"unlimited\", or a rate profile such as "
             "{\"profile\": \"bursts\", \"rate\": \"64MiB/s\", \"on\": \"100ms\", \"off\": \"900ms\"}, got "
             "true [at /sink/rate]"}));
}

TEST(ScenarioValidation, ReportsContradictions) {
  EXPECT_EQ(problems(scenario_with(R"({"total": "1MiB", "chunk": "2MiB"})")),
            (Lines{"4:38: error: chunk (2 MiB) is larger than total (1 MiB); make chunk at most total [at "
                   "/source/chunk]"}));
  EXPECT_EQ(problems(scenario_with(R"({"total": "8GiB", "chunk": "2GiB"})")),
            (Lines{"4:38: error: chunk (2 GiB) is too large: a chunk must be smaller than 2 GiB [at /source/chunk]"}));
  // A stage that would build chunks past the limit is refused before the run, at that stage.
  EXPECT_EQ(problems(scenario_with(R"({"total": "8GiB", "chunk": "64MiB"})",
                                   R"("stages": [{"kind": "expand", "ratio": 16}, {"kind": "batch", "count": 4}])")),
            (Lines{"6:45: error: this batch stage would make chunks of 4 GiB from chunks of 1 GiB: a chunk must be "
                   "smaller than 2 GiB [at /stages/1]"}));
  EXPECT_EQ(problems(scenario_with(R"({"total": "8GiB", "chunk": "32MiB"})",
                                   R"("stages": [{"kind": "expand", "ratio": 16}, {"kind": "batch", "count": 2}])")),
            Lines{}) << "chunks of 1 GiB are allowed";
  EXPECT_EQ(
      problems(scenario_with(kSource, R"("sink": {"rate": 0}, "limits": {"timeout": "none"})")),
      (Lines{"6:44: error: the sink never accepts data (rate 0) and there is no timeout: the run would never "
             "end; set a timeout such as \"30s\" [at /limits/timeout]"}));
  EXPECT_EQ(
      problems(scenario_with(R"({"total": "1MiB", "rate": "0B/s"})", R"("limits": {"timeout": "none"})")),
      (Lines{"6:23: error: the source never produces data (rate 0) and there is no timeout: the run would "
             "never end; set a timeout such as \"30s\" [at /limits/timeout]"}));
  EXPECT_EQ(problems(scenario_with(kSource, R"("sink": {"rate": 0})")), Lines{});  // the timeout ends it
  EXPECT_EQ(
      problems(scenario_with(kSource, "", R"({"memory": "grows", "maxPeak": "2GiB"})")),
      (Lines{"6:42: error: maxPeak (2 GiB) is above the ceiling (1 GiB), which stops the run first; lower "
             "maxPeak or raise limits.ceiling [at /expect/maxPeak]"}));
  EXPECT_EQ(problems(scenario_with(kSource, R"("limits": {"ceiling": "256KiB"})")),
            (Lines{"6:23: error: the noise floor (512 KiB) must be below the ceiling (256 KiB) [at "
                   "/limits/ceiling]"}));
  EXPECT_EQ(problems(scenario_with(kSource,
                                   R"("limits": {"ceiling": "1MiB"}, "thresholds": {"noiseFloor": "1MiB"})")),
            (Lines{"6:61: error: the noise floor (1 MiB) must be below the ceiling (1 MiB) [at "
                   "/thresholds/noiseFloor]"}));
  EXPECT_EQ(
      problems(scenario_with(
          kSource,
          R"("sink": {"rate": {"profile": "stalls", "rate": "1MiB/s", "every": "1s", "stall": "1s"}})")),
      (Lines{"6:82: error: a stall (1 s) must be shorter than the period 'every' (1 s) it happens in [at "
             "/sink/rate/stall]"}));
  EXPECT_EQ(
      problems(scenario_with(
          kSource, R"("sink": {"rate": {"profile": "jitter", "rate": "unlimited", "spread": 0.1}})")),
      (Lines{
          "6:48: error: jitter needs a finite rate to vary around, not \"unlimited\" [at /sink/rate/rate]"}));
  EXPECT_EQ(problems(scenario_with(kSource, R"("stages": [{"kind": "gunzip"}, {"kind": "gzip"}])")),
            (Lines{"6:21: error: gunzip needs gzip data: put a gzip stage before it [at /stages/0/kind]"}));
}

TEST(ScenarioValidation, ReportsFaultsThatCannotHappen) {
  const std::string extra = R"("stages": [{"kind": "gzip"}, {"kind": "gunzip", "name": "inflate"}],
"faults": [
  {"stage": 2, "at": "1MiB", "kind": "error"},
  {"stage": "inflte", "at": "1MiB", "kind": "destory"},
  {"stage": "sink", "at": "64MiB", "kind": "destroy"},
  {"stage": -1, "at": 0, "kind": "error"}
])";
  EXPECT_EQ(
      problems(scenario_with(kSource, extra)),
      (Lines{
          "8:13: error: stage index 2 is out of range: the scenario has 2 stages, numbered 0 to 1 [at "
          "/faults/0/stage]",
          "9:13: error: unknown stage 'inflte'; expected one of source, sink, gzip0, inflate [at "
          "/faults/1/stage] (did you mean 'inflate'?)",
          "9:45: error: unknown fault kind 'destory'; expected one of error, destroy, destroy-no-error [at "
          "/faults/1/kind] (did you mean 'destroy'?)",
          "10:27: error: the fault at 64 MiB would never fire: the source produces only 64 MiB [at "
          "/faults/2/at]",
          "11:13: error: stage index -1 is out of range: the scenario has 2 stages, numbered 0 to 1 [at "
          "/faults/3/stage]"}));
  EXPECT_EQ(
      problems(scenario_with(kSource, R"("faults": [{"stage": 0, "at": 1, "kind": "error"}])")),
      (Lines{"6:22: error: stage index 0 is out of range: the scenario has no stages [at /faults/0/stage]"}));
}

TEST(ScenarioValidation, RefusesAbsurdCounts) {
  std::string stages = R"("stages": [)";
  for (std::size_t i = 0; i <= kMaxStages; ++i)
    stages += std::string(i ? "," : "") + R"({"kind": "passthrough"})";
  EXPECT_EQ(problems(scenario_with(kSource, stages + "]")),
            (Lines{"6:11: error: a scenario has at most 1000 stages, not 1001 [at /stages]"}));
  std::string faults = R"("faults": [)";
  for (std::size_t i = 0; i <= kMaxFaults; ++i) faults += std::string(i ? "," : "") + "{}";
  EXPECT_EQ(problems(scenario_with(kSource, faults + "]")),
            (Lines{"6:11: error: a scenario has at most 1000 faults, not 1001 [at /faults]"}));
}

TEST(ScenarioValidation, ShortensLongListsOfAlternatives) {
  std::string extra = R"("stages": [)";
  for (int i = 0; i < 20; ++i) extra += std::string(i ? "," : "") + R"({"kind": "passthrough"})";
  extra += R"(], "faults": [{"stage": "nowhere", "at": 0, "kind": "error"}])";
  EXPECT_EQ(
      problems(scenario_with(kSource, extra)),
      (Lines{
          "6:515: error: unknown stage 'nowhere'; expected one of source, sink, passthrough0, passthrough1, "
          "passthrough2, passthrough3, passthrough4, passthrough5, passthrough6, passthrough7, passthrough8, "
          "passthrough9 (and 10 more) [at /faults/0/stage]"}));
}

TEST(ScenarioValidation, ReportsStageNameClashes) {
  const std::string extra = R"("stages": [{"kind": "gzip", "name": "gunzip1"}, {"kind": "gunzip"},
  {"kind": "passthrough", "name": "sink"}, {"kind": "passthrough", "name": "gunzip1"}])";
  EXPECT_EQ(
      problems(scenario_with(kSource, extra)),
      (Lines{"6:49: error: stage name 'gunzip1' is already used by stage 0 (it is this stage's default name) "
             "[at /stages/1]",
             "7:35: error: a stage cannot be named 'sink': faults use that word for the sink itself [at "
             "/stages/2/name]",
             "7:76: error: stage name 'gunzip1' is already used by stage 0 [at /stages/3/name]"}));
}

TEST(ScenarioValidation, ReportsSyntaxErrorsAlone) {
  EXPECT_EQ(problems("{\"version\": 1,\n  \"name\": \"n\"\n  \"source\": {}}"),
            (Lines{"3:3: error: unexpected '\"'; expected ',' or '}' after the value of \"name\" (is a comma "
                   "missing?)"}));
}

TEST(ScenarioValidation, ReportsDuplicateKeysAlongsideOtherProblems) {
  EXPECT_EQ(problems(scenario_with(kSource, R"("driver": "pipe", "sink": 1)")),
            (Lines{"6:1: error: duplicate key \"driver\"; it is first given at line 5, column 1 [at /driver]",
                   "6:27: error: sink: expected an object, got 1 [at /sink]"}));
}

}  // namespace
}  // namespace bp::harness
