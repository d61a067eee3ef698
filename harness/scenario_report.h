// The part of a report that comes from the scenario alone, whatever its run did: its name,
// file, description, the scenario as JSON, driver (or "exec" for a program, which always runs
// on the real clock), clock and expected verdict. Reports of
// finished runs and of runs that died (the runner's error reports) both start from it.
#pragma once

#include "harness/scenario.h"
#include "reports/report.h"

namespace bp::harness {

reports::Report scenario_report(const Scenario& scenario);

}  // namespace bp::harness
