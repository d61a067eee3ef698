#include "harness/scenario_parser.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <tuple>

#include "harness/field_reader.h"
#include "harness/scenario_keys.h"
#include "harness/scenario_names.h"
#include "harness/scenario_sections.h"

namespace bp::harness {
namespace {

using Object = FieldReader::Object;

void read_version(FieldReader& reader, const Object& top) {
  if (!reader.require(top, "version", "the number 1")) return;
  const nlohmann::json& value = *reader.member(top, "version");
  if (!value.is_number_unsigned()) {
    reader.value_error(
        "/version", "expected the number " + std::to_string(kScenarioVersion) + ", got " + describe(value));
  } else if (value.get<std::uint64_t>() != kScenarioVersion) {
    reader.value_error("/version", "unsupported version " + describe(value) +
                                       ": this bpharness reads version " + std::to_string(kScenarioVersion));
  }
}

void read_rate(FieldReader& reader, const Object& object, RateProfile& into) {
  if (const nlohmann::json* value = reader.member(object, "rate")) {
    if (auto profile = read_rate_profile(reader, *value, pointer_child(object.pointer, "rate")))
      into = std::move(*profile);
  }
}

// A file source reads the file as it is: the keys that describe generated data contradict it.
void read_file_source(FieldReader& reader, const Object& object, Source& source) {
  reader.read_into(object, "file", source.file, &FieldReader::text);
  for (const std::string_view key : {"total", "chunk", "rate", "objectMode", "seed", "data"}) {
    if (reader.member(object, key)) {
      reader.value_error("/source/" + std::string(key),
                         "a file source reads the whole file, in chunks of its highWaterMark; remove \"" +
                             std::string(key) + "\" or \"file\"");
    }
  }
  source.high_water_mark = reader.get(object, "highWaterMark", &FieldReader::high_water_mark, false);
  source.chunk = source.high_water_mark.value_or(kFileReadChunk);
}

void read_source(FieldReader& reader, const nlohmann::json& value, Source& source) {
  const auto object = reader.object(value, "/source", "source", keys::kSource);
  if (!object) return;
  if (reader.member(*object, "file")) {
    read_file_source(reader, *object, source);
    return;
  }
  reader.read_into(*object, "objectMode", source.object_mode, &FieldReader::boolean);
  if (reader.require(*object, "total", "a size such as \"256MiB\"")) {
    reader.read_into(*object, "total", source.total, &FieldReader::positive_size);
  }
  source.chunk = std::min(source.chunk, std::max<std::uint64_t>(source.total, 1));
  reader.read_into(*object, "chunk", source.chunk, &FieldReader::positive_size);
  read_rate(reader, *object, source.rate);
  source.high_water_mark =
      reader.get(*object, "highWaterMark", &FieldReader::high_water_mark, source.object_mode);
  reader.read_into(*object, "seed", source.seed, &FieldReader::seed);
  if (const nlohmann::json* data = reader.member(*object, "data")) {
    if (const auto kind = reader.choice<DataKind>(*data, "/source/data", "data kind", kDataNames))
      source.data = *kind;
  }
}

void read_sink(FieldReader& reader, const nlohmann::json& value, Sink& sink) {
  const auto object = reader.object(value, "/sink", "sink", keys::kSink);
  if (!object) return;
  reader.read_into(*object, "objectMode", sink.object_mode, &FieldReader::boolean);
  if (const nlohmann::json* file = reader.member(*object, "file")) {
    sink.to_file = true;
    if (file->is_boolean() && file->get<bool>()) {
      sink.file.clear();
    } else if (file->is_string() && !file->get<std::string>().empty()) {
      sink.file = file->get<std::string>();
    } else {
      reader.value_error("/sink/file", "expected a path such as \"out.log.gz\", or true for a temporary file, got " +
                                           describe(*file));
    }
    if (reader.member(*object, "rate")) {
      reader.value_error("/sink/rate", "a file sink writes as fast as the file system takes the data; remove \"rate\" or \"file\"");
    }
  }
  read_rate(reader, *object, sink.rate);
  sink.high_water_mark =
      reader.get(*object, "highWaterMark", &FieldReader::high_water_mark, sink.object_mode);
}

void read_sampling(FieldReader& reader, const nlohmann::json& value, Sampling& sampling) {
  const auto object = reader.object(value, "/sampling", "sampling", keys::kSampling);
  if (!object) return;
  reader.read_into(*object, "every", sampling.every, &FieldReader::positive_duration);
  reader.read_into(*object, "everyBytes", sampling.every_bytes, &FieldReader::positive_size);
}

void read_limits(FieldReader& reader, const nlohmann::json& value, Limits& limits) {
  const auto object = reader.object(value, "/limits", "limits", keys::kLimits);
  if (!object) return;
  reader.read_into(*object, "ceiling", limits.ceiling, &FieldReader::positive_size);
  if (const nlohmann::json* timeout = reader.member(*object, "timeout")) {
    if (*timeout == "none") {
      limits.timeout.reset();
    } else if (const auto duration = reader.positive_duration(*timeout, "/limits/timeout")) {
      limits.timeout = *duration;
    }
  }
}

void read_expect(FieldReader& reader, const nlohmann::json& value, Expectation& expect) {
  const auto object = reader.object(value, "/expect", "expect", keys::kExpect);
  if (!object) return;
  if (reader.require(*object, "memory", "one of " + joined(names_in<Verdict>(kVerdictNames)))) {
    const auto memory = reader.choice<Verdict>(*reader.member(*object, "memory"), "/expect/memory",
                                               "memory verdict", kVerdictNames);
    if (memory) expect.memory = *memory;
  }
  expect.max_peak = reader.get(*object, "maxPeak", &FieldReader::size);
  expect.max_slope =
      reader.get(*object, "maxSlope", &FieldReader::number,
                 FieldReader::Range{0, std::numeric_limits<double>::max(), false, false, "of 0 or more"});
}

void read_thresholds(FieldReader& reader, const nlohmann::json& value, Thresholds& thresholds) {
  const auto object = reader.object(value, "/thresholds", "thresholds", keys::kThresholds);
  if (!object) return;
  reader.read_into(*object, "tolerance", thresholds.tolerance, &FieldReader::number,
                   FieldReader::Range{1, 1000, false, false, "from 1 to 1000"});
  reader.read_into(*object, "slope", thresholds.slope, &FieldReader::number,
                   FieldReader::Range{0, 1000, true, false, "above 0"});
  reader.read_into(*object, "noiseFloor", thresholds.noise_floor, &FieldReader::size);
  reader.read_into(*object, "stallAfter", thresholds.stall_after, &FieldReader::positive_duration);
}

void read_program(FieldReader& reader, const nlohmann::json& value, Program& program) {
  const auto object = reader.object(value, "/program", "program", keys::kProgram);
  if (!object) return;
  const std::string_view expected = "an array of strings such as [\"node\", \"transform.js\"]";
  if (!reader.require(*object, "argv", expected)) return;
  const nlohmann::json& argv = *reader.member(*object, "argv");
  if (!argv.is_array() || argv.empty()) {
    reader.value_error("/program/argv", "expected " + std::string(expected) + ", got " + describe(argv));
    return;
  }
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string pointer = "/program/argv/" + std::to_string(i);
    const std::optional<std::string> arg = reader.text(argv[i], pointer);
    if (arg && i == 0 && arg->empty()) reader.value_error(pointer, "expected the program to run, got \"\"");
    if (arg) program.argv.push_back(*arg);
  }
}

// A program moves the data itself, through its stdin and stdout, in real time: the parts of a
// scenario that describe in-process streams have no meaning next to it.
void check_program_parts(FieldReader& reader, const Object& top, const Scenario& scenario) {
  for (const std::string_view key : {"driver", "stages", "faults"}) {
    if (reader.member(top, key)) {
      reader.key_error("/" + std::string(key), "a scenario with a program has no \"" + std::string(key) +
                                                   "\": the program moves the data; remove \"" +
                                                   std::string(key) + "\" or \"program\"");
    }
  }
  if (reader.document().has("/clock") && scenario.clock != ClockKind::real_time) {
    reader.value_error("/clock", "a program runs in real time; remove \"clock\" or make it \"real\"");
  }
  for (const char* pointer : {"/source/objectMode", "/source/highWaterMark", "/sink/objectMode",
                              "/sink/highWaterMark", "/sink/file"}) {
    if (reader.document().has(pointer)) {
      reader.key_error(pointer, std::string("a program reads bytes from its stdin and writes bytes to its stdout, "
                                            "which bpharness reads and drops; remove ") +
                                    "\"" + (std::strrchr(pointer, '/') + 1) + "\"");
    }
  }
  if (reader.document().has("/sampling/everyBytes")) {
    reader.key_error("/sampling/everyBytes", "a program's memory is sampled on time only (sampling.every); "
                                             "remove \"everyBytes\"");
  }
}

// Reads every part of the top-level object into `scenario`, reporting as it goes.
void read_scenario(FieldReader& reader, const nlohmann::json& root, std::span<const std::string> custom_kinds,
                   Scenario& scenario) {
  const auto top = reader.object(root, "", "the scenario", keys::kScenario);
  if (!top) return;
  read_version(reader, *top);
  reader.read_into(*top, "$schema", scenario.schema, &FieldReader::text);
  if (reader.require(*top, "name", "a name such as \"pipeline-slow-sink\" (it names the report files)")) {
    reader.read_into(*top, "name", scenario.name, &FieldReader::name);
  }
  reader.read_into(*top, "description", scenario.description, &FieldReader::text);
  if (const nlohmann::json* clock = reader.member(*top, "clock")) {
    if (const auto kind = reader.choice<ClockKind>(*clock, "/clock", "clock", kClockNames)) scenario.clock = *kind;
  }
  if (reader.require(*top, "source", "an object such as {\"total\": \"256MiB\", \"chunk\": \"64KiB\"}")) {
    read_source(reader, *reader.member(*top, "source"), scenario.source);
  }
  if (const nlohmann::json* stages = reader.member(*top, "stages")) {
    scenario.stages = read_stages(reader, *stages, "/stages", scenario.source.object_mode, custom_kinds);
  }
  scenario.sink.object_mode = scenario.source.object_mode;
  if (const nlohmann::json* sink = reader.member(*top, "sink")) read_sink(reader, *sink, scenario.sink);
  if (const nlohmann::json* program = reader.member(*top, "program")) {
    read_program(reader, *program, scenario.program);
    check_program_parts(reader, *top, scenario);
    scenario.clock = ClockKind::real_time;
  } else if (reader.require(*top, "driver", "one of " + joined(names_in<Driver>(kDriverNames)) +
                                                ", or a \"program\" instead")) {
    const auto driver =
        reader.choice<Driver>(*reader.member(*top, "driver"), "/driver", "driver", kDriverNames);
    if (driver) scenario.driver = *driver;
  }
  if (const nlohmann::json* sampling = reader.member(*top, "sampling"))
    read_sampling(reader, *sampling, scenario.sampling);
  if (const nlohmann::json* limits = reader.member(*top, "limits"))
    read_limits(reader, *limits, scenario.limits);
  if (reader.require(*top, "expect", "an object such as {\"memory\": \"bounded\"}")) {
    read_expect(reader, *reader.member(*top, "expect"), scenario.expect);
  }
  if (const nlohmann::json* thresholds = reader.member(*top, "thresholds")) {
    read_thresholds(reader, *thresholds, scenario.thresholds);
  }
  if (const nlohmann::json* faults = reader.member(*top, "faults")) {
    scenario.faults = read_faults(reader, *faults, "/faults", scenario.stages);
  }
  check_contradictions(reader, scenario);
}

}  // namespace

ScenarioParse parse_scenario(std::string_view text, std::string_view file,
                             std::span<const std::string> custom_kinds) {
  ScenarioParse result;
  JsonRead read = read_json(text, file);
  result.diagnostics = std::move(read.diagnostics);
  result.document = std::move(read.document);
  if (!result.document) return result;
  Scenario scenario;
  scenario.file = std::string(file);
  FieldReader reader(*result.document, std::string(file), result.diagnostics);
  read_scenario(reader, result.document->value(), custom_kinds, scenario);
  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(),
                   [](const Diagnostic& a, const Diagnostic& b) {
                     return std::tie(a.line, a.column) < std::tie(b.line, b.column);
                   });
  if (result.diagnostics.empty()) result.scenario = std::move(scenario);
  return result;
}

}  // namespace bp::harness
