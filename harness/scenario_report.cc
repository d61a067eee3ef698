#include "harness/scenario_report.h"

#include <string>

#include "harness/scenario_json.h"

namespace bp::harness {

reports::Report scenario_report(const Scenario& scenario) {
  reports::Report r;
  r.name = scenario.name;
  r.file = scenario.file;
  r.description = scenario.description;
  r.scenario = to_json(scenario);
  const bool program = !scenario.program.argv.empty();
  r.driver = program ? "exec" : std::string(to_string(scenario.driver));
  r.clock = std::string(to_string(program ? ClockKind::real_time : scenario.clock));
  r.expected = std::string(to_string(scenario.expect.memory));
  return r;
}

}  // namespace bp::harness
