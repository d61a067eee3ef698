#include "harness/scenario_json.h"

#include <cmath>

#include "harness/units.h"

namespace bp::harness {
namespace {

using nlohmann::json;

void put_high_water_mark(json& out, const char* key, const std::optional<std::uint64_t>& mark,
                         bool object_mode) {
  if (!mark) return;
  out[key] = object_mode ? json(*mark) : json(size_text(*mark));
}

json stage_json(const Stage& stage, bool object_mode) {
  json out = {{"kind", stage.kind_name}, {"name", stage.name}};
  put_high_water_mark(out, "highWaterMark", stage.high_water_mark, object_mode);
  put_high_water_mark(out, "readableHighWaterMark", stage.readable_high_water_mark, object_mode);
  put_high_water_mark(out, "writableHighWaterMark", stage.writable_high_water_mark, object_mode);
  switch (stage.kind) {
    case StageKind::passthrough:
    case StageKind::gunzip:
      break;
    case StageKind::expand:
    case StageKind::shrink:
      out["ratio"] = stage.ratio;
      break;
    case StageKind::cost: {
      const double ns = stage.per_byte.count();
      if (ns == std::floor(ns)) {
        out["perByte"] = duration_text(std::chrono::nanoseconds(static_cast<std::int64_t>(ns)));
      } else {
        out["rate"] = rate_text(1e9 / ns);
      }
      break;
    }
    case StageKind::batch:
      out["count"] = stage.count;
      break;
    case StageKind::gzip:
      out["level"] = stage.level;
      break;
    case StageKind::retain:
      out["fraction"] = stage.fraction;
      out["seed"] = stage.seed;
      break;
    case StageKind::custom:
      if (!stage.params.is_null()) out["params"] = stage.params;
      break;
  }
  return out;
}

json fault_json(const Fault& fault, const std::vector<Stage>& stages) {
  json target;
  switch (fault.target) {
    case FaultTarget::source:
      target = "source";
      break;
    case FaultTarget::sink:
      target = "sink";
      break;
    case FaultTarget::stage:
      target = stages.at(fault.stage).name;
      break;
  }
  return {{"stage", target}, {"at", size_text(fault.at)}, {"kind", to_string(fault.kind)}};
}

}  // namespace

json to_json(const RateProfile& profile) {
  if (profile.kind == RateProfileKind::constant) return rate_text(profile.rate);
  json out = {{"profile", to_string(profile.kind)}};
  switch (profile.kind) {
    case RateProfileKind::constant:
      break;
    case RateProfileKind::bursts:
      out["rate"] = rate_text(profile.rate);
      out["on"] = duration_text(profile.on);
      out["off"] = duration_text(profile.off);
      break;
    case RateProfileKind::steps:
      out["steps"] = json::array();
      for (const RateStep& step : profile.steps) {
        out["steps"].push_back({{"rate", rate_text(step.rate)}, {"for", duration_text(step.duration)}});
      }
      out["repeat"] = profile.repeat;
      break;
    case RateProfileKind::stalls:
      out["rate"] = rate_text(profile.rate);
      out["every"] = duration_text(profile.every);
      out["stall"] = duration_text(profile.stall);
      break;
    case RateProfileKind::jitter:
      out["rate"] = rate_text(profile.rate);
      out["spread"] = profile.spread;
      out["every"] = duration_text(profile.every);
      out["seed"] = profile.seed;
      break;
  }
  return out;
}

json to_json(const Scenario& scenario) {
  json out;
  if (!scenario.schema.empty()) out["$schema"] = scenario.schema;
  out["version"] = kScenarioVersion;
  out["name"] = scenario.name;
  if (!scenario.description.empty()) out["description"] = scenario.description;
  out["clock"] = to_string(scenario.clock);

  const Source& source = scenario.source;
  json& source_json = out["source"] =
      source.file.empty() ? json{{"chunk", size_text(source.chunk)},
                                 {"total", size_text(source.total)},
                                 {"rate", to_json(source.rate)},
                                 {"objectMode", source.object_mode},
                                 {"seed", source.seed},
                                 {"data", to_string(source.data)}}
                          : json{{"file", source.file}};
  put_high_water_mark(source_json, "highWaterMark", source.high_water_mark, source.object_mode);

  if (!scenario.program.argv.empty()) {
    out["program"] = {{"argv", scenario.program.argv}};
  } else {
    out["stages"] = json::array();
    for (const Stage& stage : scenario.stages) out["stages"].push_back(stage_json(stage, source.object_mode));
  }

  const Sink& sink = scenario.sink;
  json& sink_json = out["sink"] = {{"objectMode", sink.object_mode}};
  if (sink.to_file) {
    sink_json["file"] = sink.file.empty() ? json(true) : json(sink.file);
  } else {
    sink_json["rate"] = to_json(sink.rate);
  }
  put_high_water_mark(sink_json, "highWaterMark", scenario.sink.high_water_mark, scenario.sink.object_mode);
  if (!scenario.program.argv.empty()) {  // a program's pipes carry bytes: no object mode to state
    source_json.erase("objectMode");
    sink_json.erase("objectMode");
  }

  if (scenario.program.argv.empty()) out["driver"] = to_string(scenario.driver);
  out["sampling"] = {{"every", duration_text(scenario.sampling.every)}};
  if (scenario.program.argv.empty()) out["sampling"]["everyBytes"] = size_text(scenario.sampling.every_bytes);
  out["limits"] = {{"ceiling", size_text(scenario.limits.ceiling)},
                   {"timeout", scenario.limits.timeout ? duration_text(*scenario.limits.timeout) : "none"}};
  json& expect = out["expect"] = {{"memory", to_string(scenario.expect.memory)}};
  if (scenario.expect.max_peak) expect["maxPeak"] = size_text(*scenario.expect.max_peak);
  if (scenario.expect.max_slope) expect["maxSlope"] = *scenario.expect.max_slope;
  out["thresholds"] = {{"tolerance", scenario.thresholds.tolerance},
                       {"slope", scenario.thresholds.slope},
                       {"noiseFloor", size_text(scenario.thresholds.noise_floor)},
                       {"stallAfter", duration_text(scenario.thresholds.stall_after)}};
  if (scenario.program.argv.empty()) {
    out["faults"] = json::array();
    for (const Fault& fault : scenario.faults) out["faults"].push_back(fault_json(fault, scenario.stages));
  }
  return out;
}

}  // namespace bp::harness
