#include "harness/scenario.h"

#include <filesystem>

#include "harness/scenario_names.h"

namespace bp::harness {

std::string_view to_string(ClockKind kind) { return name_of<ClockKind>(kClockNames, kind); }
std::string_view to_string(DataKind kind) { return name_of<DataKind>(kDataNames, kind); }
std::string_view to_string(StageKind kind) {
  return kind == StageKind::custom ? "custom" : name_of<StageKind>(kStageKindNames, kind);
}
std::string_view to_string(Driver driver) { return name_of<Driver>(kDriverNames, driver); }
std::string_view to_string(Verdict verdict) { return name_of<Verdict>(kVerdictNames, verdict); }
std::string_view to_string(FaultKind kind) { return name_of<FaultKind>(kFaultKindNames, kind); }
std::string_view to_string(RateProfileKind kind) { return name_of<RateProfileKind>(kRateProfileNames, kind); }

std::string scenario_path(const Scenario& scenario, const std::string& path) {
  const std::filesystem::path p(path);
  if (p.is_absolute() || scenario.file.empty()) return path;
  return (std::filesystem::path(scenario.file).parent_path() / p).string();
}

}  // namespace bp::harness
