#include <algorithm>

#include "harness/scenario_sections.h"
#include "harness/units.h"

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

}  // namespace

void check_contradictions(FieldReader& reader, const Scenario& scenario) {
  const Source& source = scenario.source;
  // Only values the file gave (or defaults of a part it gave) take part: a missing source has
  // been reported already and its zero total contradicts nothing.
  const bool source_clean = reader.document().has("/source/total") && reader.clean("/source");

  if (source_clean && source.chunk > source.total) {
    reader.value_error("/source/chunk", "chunk (" + format_bytes(source.chunk) + ") is larger than total (" +
                                            format_bytes(source.total) + "); make chunk at most total");
  }

  if (source_clean) {
    for (std::size_t i = 0; i < scenario.faults.size(); ++i) {
      const std::string at = "/faults/" + std::to_string(i) + "/at";
      if (reader.document().has(at) && reader.clean(at) && scenario.faults[i].at >= source.total) {
        reader.value_error(at, "the fault at " + format_bytes(scenario.faults[i].at) +
                                   " would never fire: the source produces only " +
                                   format_bytes(source.total));
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

  const std::uint64_t ceiling = scenario.limits.ceiling;
  if (reader.clean("/limits") && reader.clean("/expect") && scenario.expect.max_peak &&
      *scenario.expect.max_peak > ceiling) {
    reader.value_error("/expect/maxPeak",
                       "maxPeak (" + format_bytes(*scenario.expect.max_peak) + ") is above the ceiling (" +
                           format_bytes(ceiling) +
                           "), which stops the run first; lower maxPeak or raise limits.ceiling");
  }

  if (reader.clean("/limits") && reader.clean("/thresholds") && scenario.thresholds.noise_floor >= ceiling) {
    reader.value_error(written(reader, "/thresholds/noiseFloor", "/limits/ceiling"),
                       "the noise floor (" + format_bytes(scenario.thresholds.noise_floor) +
                           ") must be below the ceiling (" + format_bytes(ceiling) + ")");
  }
}

}  // namespace bp::harness
