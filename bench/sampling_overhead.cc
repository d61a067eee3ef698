// sampling_overhead: what heap sampling costs, on against off, in one process.
//
//   sampling_overhead [--runs N] SCENARIO.json...
//
// For each scenario, runs run_scenario() 2·N times in this process, alternating sampling on
// (RunOptions.sample = true, the way bpharness runs) and off (only the baseline and the final
// reading), after one untimed warm-up run of each. Alternating spreads the machine's load
// evenly over both modes. Prints the median wall time of each mode and the overhead
// (on / off − 1). Wall time is measured around run_scenario(), setup and verdict included.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "harness/run_scenario.h"
#include "harness/scenario_loader.h"

namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

struct Timed {
  double ms;
  std::size_t samples;
  std::string verdict;
};

Timed timed_run(const bp::harness::Scenario& s, bool sample) {
  const auto t0 = std::chrono::steady_clock::now();
  const auto report = bp::harness::run_scenario(s, bp::harness::RunOptions{.sample = sample});
  const auto t1 = std::chrono::steady_clock::now();
  return {std::chrono::duration<double, std::milli>(t1 - t0).count(),
          static_cast<std::size_t>(report.samples_taken), report.verdict};
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 7;
  std::vector<std::filesystem::path> paths;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--runs" && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else {
      paths.emplace_back(arg);
    }
  }
  if (paths.empty()) {
    std::fprintf(stderr, "usage: sampling_overhead [--runs N] SCENARIO.json...\n");
    return 2;
  }
  const auto loaded = bp::harness::load_scenarios(paths);
  if (!loaded.diagnostics.empty()) {
    std::fprintf(stderr, "sampling_overhead: %zu problem(s) in the scenario files\n",
                 loaded.diagnostics.size());
    return 2;
  }

  std::printf("%-36s %5s %12s %12s %9s %8s  %s\n", "scenario", "runs", "on_ms(med)",
              "off_ms(med)", "overhead", "samples", "verdict on/off");
  for (const auto& s : loaded.scenarios) {
    timed_run(s, true);  // warm-up: page in code and the allocator's arenas
    timed_run(s, false);
    std::vector<double> on, off;
    Timed last_on{}, last_off{};
    for (int r = 0; r < runs; ++r) {
      // Alternate which mode goes first, so neither always runs on a warmer cache.
      if (r % 2 == 0) {
        last_on = timed_run(s, true);
        last_off = timed_run(s, false);
      } else {
        last_off = timed_run(s, false);
        last_on = timed_run(s, true);
      }
      on.push_back(last_on.ms);
      off.push_back(last_off.ms);
    }
    const double m_on = median(on), m_off = median(off);
    std::printf("%-36s %5d %12.1f %12.1f %+8.2f%% %8zu  %s/%s\n", s.name.c_str(), runs, m_on,
                m_off, (m_on / m_off - 1) * 100, last_on.samples, last_on.verdict.c_str(),
                last_off.verdict.c_str());
    std::printf("  on : ");
    for (double v : on) std::printf(" %.1f", v);
    std::printf("\n  off: ");
    for (double v : off) std::printf(" %.1f", v);
    std::printf("\n");
  }
  return 0;
}
