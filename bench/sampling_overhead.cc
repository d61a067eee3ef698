// sampling_overhead: what heap sampling costs, on against off, in one process.
//
//   sampling_overhead [--runs N] SCENARIO.json...
//
// For each scenario, runs run_scenario() 2·N times in this process, alternating sampling on
// (RunOptions.sample = true, the way bpharness runs) and off (only the baseline and the final
// reading), after one untimed warm-up run of each. Alternating spreads the machine's load
// evenly over both modes. Prints the median time of each mode and the overhead (on / off − 1),
// in CPU time of this process (the headline: robust on a shared machine) and in wall time,
// both measured around run_scenario(), setup and verdict included.
#include <time.h>

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

double cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

struct Timed {
  double wall_ms;
  double cpu_ms;
  std::size_t samples;
  std::string verdict;
};

Timed timed_run(const bp::harness::Scenario& s, bool sample) {
  const double c0 = cpu_ms();
  const auto t0 = std::chrono::steady_clock::now();
  const auto report = bp::harness::run_scenario(s, bp::harness::RunOptions{.sample = sample});
  const auto t1 = std::chrono::steady_clock::now();
  const double c1 = cpu_ms();
  return {std::chrono::duration<double, std::milli>(t1 - t0).count(), c1 - c0,
          static_cast<std::size_t>(report.samples_taken), report.verdict};
}

void print_series(const char* label, const std::vector<double>& v) {
  std::printf("  %s", label);
  for (double x : v) std::printf(" %.1f", x);
  std::printf("\n");
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 11;
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

  std::printf("%-34s %4s %10s %10s %9s %10s %10s %9s %8s  %s\n", "scenario", "runs",
              "cpu_on", "cpu_off", "cpu_ovh", "wall_on", "wall_off", "wall_ovh", "samples",
              "verdict on/off");
  for (const auto& s : loaded.scenarios) {
    timed_run(s, true);  // warm-up: page in code and the allocator's arenas
    timed_run(s, false);
    std::vector<double> on_cpu, off_cpu, on_wall, off_wall;
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
      on_cpu.push_back(last_on.cpu_ms);
      off_cpu.push_back(last_off.cpu_ms);
      on_wall.push_back(last_on.wall_ms);
      off_wall.push_back(last_off.wall_ms);
    }
    const double c_on = median(on_cpu), c_off = median(off_cpu);
    const double w_on = median(on_wall), w_off = median(off_wall);
    std::printf("%-34s %4d %8.1fms %8.1fms %+8.2f%% %8.1fms %8.1fms %+8.2f%% %8zu  %s/%s\n",
                s.name.c_str(), runs, c_on, c_off, (c_on / c_off - 1) * 100, w_on, w_off,
                (w_on / w_off - 1) * 100, last_on.samples, last_on.verdict.c_str(),
                last_off.verdict.c_str());
    print_series("cpu on :", on_cpu);
    print_series("cpu off:", off_cpu);
  }
  return 0;
}
