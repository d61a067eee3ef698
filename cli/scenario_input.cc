#include "cli/scenario_input.h"

#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "harness/scenario_loader.h"
#include "harness/stage_registry.h"
#include "reports/console.h"

namespace bp::cli {

std::string bundled_suite() {
  if (const char* env = std::getenv("BPHARNESS_SCENARIOS"); env && *env) return env;
  // An installed bpharness finds the suite beside it, wherever the install was moved to; then
  // where it was installed; a bpharness in its build tree uses the source's.
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const std::filesystem::path beside = (exe.parent_path() / BP_SUITE_FROM_BINDIR).lexically_normal();
    if (std::filesystem::is_directory(beside, ec)) return beside.string();
  }
  if (std::filesystem::is_directory(BP_INSTALLED_SCENARIOS, ec)) return BP_INSTALLED_SCENARIOS;
  return BP_SOURCE_SCENARIOS;
}

std::optional<std::vector<harness::Scenario>> load_or_report(std::vector<std::string> paths, bool allow_exec) {
  if (paths.empty()) paths.push_back(bundled_suite());
  std::vector<std::filesystem::path> fs_paths(paths.begin(), paths.end());
  harness::LoadedScenarios loaded =
      harness::load_scenarios(fs_paths, harness::StageRegistry::global().names(), allow_exec);
  if (loaded.diagnostics.empty()) return std::move(loaded.scenarios);
  // A message may quote the file's text: its control characters must not reach the terminal.
  for (const auto& d : loaded.diagnostics) std::cerr << reports::terminal_safe(d.to_string()) << "\n";
  std::cerr << loaded.diagnostics.size() << (loaded.diagnostics.size() == 1 ? " problem" : " problems")
            << " found; nothing was run\n";
  return std::nullopt;
}

}  // namespace bp::cli
