#include "harness/run_scenario_file.h"

#include <stdexcept>

#include "harness/heap_probe.h"
#include "harness/runner.h"
#include "harness/scenario_loader.h"
#include "harness/stage_registry.h"

namespace bp::harness {

ScenarioFileRun run_scenario_file(const std::filesystem::path& file, const ScenarioFileOptions& options) {
  ScenarioFileRun run;
  const std::filesystem::path paths[] = {file};
  LoadedScenarios loaded = load_scenarios(paths, StageRegistry::global().names(), options.allow_exec);
  if (!loaded.diagnostics.empty()) {
    run.diagnostics = std::move(loaded.diagnostics);
    return run;
  }
  if (loaded.scenarios.size() != 1) {
    run.diagnostics.push_back({file.string(), 0, 0, "",
                               "expected one scenario file, got a folder of " +
                                   std::to_string(loaded.scenarios.size()) + " scenarios", ""});
    return run;
  }
  if (const std::string problem = HeapProbe().check(); !problem.empty())
    throw std::runtime_error(problem);
  RunnerResult result = run_all(loaded.scenarios, {});
  if (!result.reports.empty()) run.report = std::move(result.reports.front());
  return run;
}

}  // namespace bp::harness
