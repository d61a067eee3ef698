#include "reports/leak_fix_pairs.h"

#include <algorithm>
#include <string_view>

namespace bp::reports {

namespace {

constexpr std::string_view kNotWorkload[] = {"name",   "description", "driver",
                                             "expect", "$schema",     "limits"};

nlohmann::json workload(const nlohmann::json& scenario) {
  nlohmann::json rest = scenario;
  for (std::string_view key : kNotWorkload) rest.erase(std::string(key));
  return rest;
}

struct Workload {
  nlohmann::json key;
  std::vector<std::size_t> leaks;
  std::vector<std::size_t> fixes;
};

}  // namespace

std::vector<LeakFixPair> leak_fix_pairs(std::span<const Report> reports) {
  std::vector<Workload> workloads;
  for (std::size_t i = 0; i < reports.size(); ++i) {
    const Report& report = reports[i];
    const bool leak = report.expected == "grows";
    if (!report.scenario.is_object() || (!leak && report.expected != "bounded")) continue;
    nlohmann::json key = workload(report.scenario);
    auto found = std::find_if(workloads.begin(), workloads.end(),
                              [&](const Workload& w) { return w.key == key; });
    if (found == workloads.end()) found = workloads.insert(found, {std::move(key), {}, {}});
    (leak ? found->leaks : found->fixes).push_back(i);
  }
  const auto by_name = [&](std::size_t a, std::size_t b) {
    return reports[a].name < reports[b].name;
  };
  std::vector<LeakFixPair> pairs;
  for (Workload& w : workloads) {
    std::stable_sort(w.leaks.begin(), w.leaks.end(), by_name);
    std::stable_sort(w.fixes.begin(), w.fixes.end(), by_name);
    for (std::size_t i = 0; i < std::min(w.leaks.size(), w.fixes.size()); ++i) {
      pairs.push_back({.leak = w.leaks[i], .fix = w.fixes[i]});
    }
  }
  return pairs;
}

}  // namespace bp::reports
