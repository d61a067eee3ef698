#include <algorithm>
#include <string>

#include "harness/scenario_sections.h"
#include "harness/stages.h"
#include "harness/units.h"
#include "reports/human_units.h"
#include "streams/chunk.h"

namespace bp::harness {
namespace {

// Of two pointers, the one the file actually has (where a message about both should point).
std::string_view written(const FieldReader& reader, std::string_view preferred, std::string_view other) {
  return reader.document().has(preferred) ? preferred : other;
}

// The rate is 0 from the start and stays 0, so a run without a timeout would never end:
// a constant 0, bursts, stalls or jitter around 0, or steps that are all 0.
bool stays_at_zero(const RateProfile& profile) {
  if (profile.kind != RateProfileKind::steps) return profile.rate == 0;
  return std::all_of(profile.steps.begin(), profile.steps.end(),
                     [](const RateStep& step) { return step.rate == 0; });
}

// A stage whose chunks would exceed Chunk::kMaxSize fails the run halfway; say so before it
// starts, at the first such stage. The sizes cannot overflow: a chunk entering a stage is at
// most kMaxSize, and an expand stage multiplies it by at most 1024, a batch by at most 10^6.
// A custom stage ends the check: only its code knows what it makes.
void check_stage_chunks(FieldReader& reader, const Scenario& scenario) {
  std::size_t chunk = scenario.source.chunk;
  for (std::size_t i = 0; i < scenario.stages.size(); ++i) {
    const Stage& stage = scenario.stages[i];
    const std::string at = "/stages/" + std::to_string(i);
    if (!reader.clean(at) || stage.kind == StageKind::custom) return;
    const std::size_t out = builtin_footprint(stage, chunk, scenario.clock == ClockKind::real_time).output_chunk;
    if (out > Chunk::kMaxSize) {
      reader.value_error(at, "this " + std::string(to_string(stage.kind)) + " stage would make chunks of " +
                                 reports::format_bytes(out) + " from chunks of " + reports::format_bytes(chunk) +
                                 ": a chunk must be smaller than " + reports::format_bytes(Chunk::kMaxSize + 1));
      return;
    }
    chunk = out;
  }
}

}  // namespace

void check_contradictions(FieldReader& reader, const Scenario& scenario) {
  const Source& source = scenario.source;
  // Only values the file gave (or defaults of a part it gave) take part: a missing source has
  // been reported already and its zero total contradicts nothing.
  const bool source_clean = reader.document().has("/source/total") && reader.clean("/source");

  if (reader.clean("/source/chunk") && source.chunk > Chunk::kMaxSize) {
    reader.value_error("/source/chunk", "chunk (" + reports::format_bytes(source.chunk) +
                                            ") is too large: a chunk must be smaller than " +
                                            reports::format_bytes(Chunk::kMaxSize + 1));
  } else if (source_clean && source.chunk > source.total) {
    reader.value_error("/source/chunk", "chunk (" + reports::format_bytes(source.chunk) + ") is larger than total (" +
                                            reports::format_bytes(source.total) + "); make chunk at most total");
  } else if (reader.clean("/source/chunk") && reader.clean("/stages")) {
    check_stage_chunks(reader, scenario);
  }

  if (source_clean) {
    for (std::size_t i = 0; i < scenario.faults.size(); ++i) {
      const std::string at = "/faults/" + std::to_string(i) + "/at";
      if (reader.document().has(at) && reader.clean(at) && scenario.faults[i].at >= source.total) {
        reader.value_error(at, "the fault at " + reports::format_bytes(scenario.faults[i].at) +
                                   " would never fire: the source produces only " +
                                   reports::format_bytes(source.total));
      }
    }
  }

  if (reader.clean("/limits") && !scenario.limits.timeout) {
    const bool sink_stopped = reader.clean("/sink") && stays_at_zero(scenario.sink.rate);
    const bool source_stopped = source_clean && stays_at_zero(source.rate);
    if (sink_stopped || source_stopped) {
      reader.value_error("/limits/timeout",
                         std::string("the ") +
                             (sink_stopped ? "sink never accepts" : "source never produces") +
                             " data (rate 0) and there is no timeout: the run would never end; "
                             "set a timeout such as \"30s\"");
    }
  }

  // Files are real I/O: they need the real event loop, and a file source has no byte count
  // fixed in advance for faults to fire at.
  if (scenario.clock != ClockKind::real_time) {
    if (!source.file.empty()) {
      reader.value_error("/source/file", "a file source needs the real clock; add \"clock\": \"real\"");
    }
    if (scenario.sink.to_file) {
      reader.value_error("/sink/file", "a file sink needs the real clock; add \"clock\": \"real\"");
    }
  }
  if (!source.file.empty() && !scenario.faults.empty()) {
    reader.value_error("/faults", "faults fire after a number of generated bytes; a file source has none, "
                                  "so use a generated source or remove \"faults\"");
  }

  const std::uint64_t ceiling = scenario.limits.ceiling;
  if (reader.clean("/limits") && reader.clean("/expect") && scenario.expect.max_peak &&
      *scenario.expect.max_peak > ceiling) {
    reader.value_error("/expect/maxPeak",
                       "maxPeak (" + reports::format_bytes(*scenario.expect.max_peak) + ") is above the ceiling (" +
                           reports::format_bytes(ceiling) +
                           "), which stops the run first; lower maxPeak or raise limits.ceiling");
  }

  if (reader.clean("/limits") && reader.clean("/thresholds") && scenario.thresholds.noise_floor >= ceiling) {
    reader.value_error(written(reader, "/thresholds/noiseFloor", "/limits/ceiling"),
                       "the noise floor (" + reports::format_bytes(scenario.thresholds.noise_floor) +
                           ") must be below the ceiling (" + reports::format_bytes(ceiling) + ")");
  }
}

}  // namespace bp::harness
