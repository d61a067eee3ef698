// The parts of a scenario file that have a reader of their own, used by parse_scenario().
// Each reads one JSON value at `pointer`, reports every problem through the FieldReader, and
// returns what it could read (nullopt or partial values after a problem: the caller then never
// produces a Scenario, so partial values only feed further checks guarded by clean()).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "harness/field_reader.h"
#include "harness/scenario.h"

namespace bp::harness {

// A rate string or number (constant), or a {"profile": …} object.
std::optional<RateProfile> read_rate_profile(FieldReader& reader, const nlohmann::json& value,
                                             const std::string& pointer);

// The "stages" array: each stage's kind and parameters, default names, unique names, and a
// gunzip only after a gzip. `custom_kinds` are the names of registered custom stage kinds.
std::vector<Stage> read_stages(FieldReader& reader, const nlohmann::json& value, const std::string& pointer,
                               bool object_mode, std::span<const std::string> custom_kinds);

// The "faults" array, with each fault's stage resolved against the names in `stages` (and the
// words "source" and "sink") or checked as an index.
std::vector<Fault> read_faults(FieldReader& reader, const nlohmann::json& value, const std::string& pointer,
                               const std::vector<Stage>& stages);

// Contradictions between parts that are each valid alone (chunk above total, a fault after the
// end of the input, a sink that never moves with no timeout…). Checks only values that were
// read without a problem.
void check_contradictions(FieldReader& reader, const Scenario& scenario);

}  // namespace bp::harness
