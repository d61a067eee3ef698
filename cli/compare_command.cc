// bpharness compare BASE NEW: a run against a baseline run (each a report file, a folder of
// reports or a summary.json, reports/report_set.h) under the rules of reports/compare.h. Prints
// the table; exit 0 when no rule broke, 1 when one did, 2 for unreadable or bad input.
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "harness/units.h"
#include "reports/compare.h"
#include "reports/report_set.h"

namespace bp::cli {

namespace {

struct CompareArgs {
  std::string base;
  std::string now;
  double peak_rise_percent = 10;
  std::string peak_allowance = "256KiB";
  reports::CompareThresholds thresholds;
};

// The reports of one side, or nullopt after printing why they cannot be read.
std::optional<std::vector<reports::Report>> read_side(const std::string& path) {
  reports::ReadResult<reports::ReportSet> set = reports::read_report_set(path);
  if (!set) {
    std::cerr << "bpharness: " << set.error << "\n";
    return std::nullopt;
  }
  if (auto name = reports::first_duplicate_name(set.value->reports)) {
    std::cerr << "bpharness: " << path << ": scenario " << *name << " is there twice\n";
    return std::nullopt;
  }
  return std::move(set.value->reports);
}

// A threshold must be a finite number: CLI::Range lets "nan" through (every comparison with
// NaN is false), and a NaN threshold would pass every regression.
const CLI::Validator kFinite(
    [](std::string& text) {
      char* end = nullptr;
      const double value = std::strtod(text.c_str(), &end);
      return end != text.c_str() && !std::isfinite(value) ? "expected a finite number, got " + text
                                                           : std::string();
    },
    "");

int compare(CompareArgs& args) {
  const harness::Parsed<std::uint64_t> allowance = harness::parse_size(args.peak_allowance);
  if (!allowance.ok()) {
    std::cerr << "bpharness: --peak-allowance: " << allowance.error() << "\n";
    return kBadInput;
  }
  args.thresholds.peak_allowance = allowance.value();
  args.thresholds.peak_rise = args.peak_rise_percent / 100;
  const auto base = read_side(args.base);
  if (!base) return kBadInput;
  const auto now = read_side(args.now);
  if (!now) return kBadInput;
  const reports::Comparison comparison = reports::compare_runs(*base, *now, args.thresholds);
  std::cout << reports::comparison_table(comparison);
  return comparison.failed == 0 ? kOk : kFailed;
}

}  // namespace

Command add_compare(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "compare", "Check a run against a baseline run; exit 1 when a scenario regressed");
  auto args = std::make_shared<CompareArgs>();
  cmd->add_option("base", args->base, "Baseline: a report file, a folder of reports or a summary.json")
      ->required();
  cmd->add_option("new", args->now, "The run to check, in the same forms")->required();
  cmd->add_option("--max-peak-rise", args->peak_rise_percent,
                  "Percent the peak growth may rise over the baseline's")
      ->capture_default_str()
      ->check(kFinite)
      ->check(CLI::Range(0.0, 1e9));
  cmd->add_option("--peak-allowance", args->peak_allowance,
                  "Bytes the peak may rise by in any case, e.g. 256KiB (small baselines are noisy)")
      ->capture_default_str();
  cmd->add_option("--max-slope-rise", args->thresholds.slope_rise,
                  "How much the slope (retained bytes per input byte) may rise")
      ->capture_default_str()
      ->check(kFinite)
      ->check(CLI::Range(0.0, 1e9));
  cmd->add_flag("--fail-on-missing", args->thresholds.fail_on_missing,
                "Fail when a baseline scenario is missing from the new run");
  return [cmd, args]() -> int {
    if (!*cmd) return -1;
    return compare(*args);
  };
}

}  // namespace bp::cli
