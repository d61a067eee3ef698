// Scenario files and folders → every scenario in them, or every problem in them.
//
// load_scenarios() expands each folder into its *.json files (not recursively, sorted by name),
// reads each file once (a file named twice, directly or through its folder, is read once), and
// parses it with parse_scenario(). Unreadable paths, empty folders, files over kMaxScenarioFileBytes
// and two scenarios with the same name are reported as diagnostics too, and so is a scenario
// that runs a program ("program") unless `allow_exec`: a scenario file from an untrusted change
// must not run commands in CI unless the command line says so (--allow-exec). Callers run
// nothing when `diagnostics` is not empty.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "harness/diagnostic.h"
#include "harness/scenario.h"

namespace bp::harness {

inline constexpr std::uintmax_t kMaxScenarioFileBytes = 4 * 1024 * 1024;

struct LoadedScenarios {
  std::vector<Scenario> scenarios;      // valid ones, in the order of `paths` and file names
  std::vector<Diagnostic> diagnostics;  // problems of every file, file by file
};

LoadedScenarios load_scenarios(std::span<const std::filesystem::path> paths,
                               std::span<const std::string> custom_kinds = {}, bool allow_exec = false);

}  // namespace bp::harness
