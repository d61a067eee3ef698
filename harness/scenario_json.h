// Scenario → JSON, in the scenario file format with every default written out: the "scenario as
// run" that reports echo. parse_scenario(to_json(s).dump(), …) gives back `s` (a cost stage's
// rate form comes back within floating-point rounding). Sizes, rates and durations are written
// with exact units ("64KiB", "1GB", "250ms"), faults name their stage.
#pragma once

#include <nlohmann/json.hpp>

#include "harness/scenario.h"

namespace bp::harness {

nlohmann::json to_json(const Scenario& scenario);
nlohmann::json to_json(const RateProfile& profile);

}  // namespace bp::harness
