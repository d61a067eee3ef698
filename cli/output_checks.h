// Checks of what a command will write, made before it does any work, so that a run never
// ends by failing to write its results (after a long run, with --out already replaced), and
// one result never silently overwrites another.
#pragma once

#include <optional>
#include <span>
#include <string>

#include <CLI/CLI.hpp>

namespace bp::cli {

// What a command writes when it ends, a file or a folder of reports: the option that names
// it, and its path.
struct Output {
  std::string option;  // "--junit"
  std::string path;
};

// The first problem with the outputs, worded for the user, or nullopt. `report_dir`, the
// folder of reports if the command writes one, must have a path and be a folder or creatable
// as one. Each of `files` must be creatable (its folder exists and is writable, and it is not
// a folder itself), differ from the others, and not be summary.json or a *.report.json file
// in `report_dir`; an empty path in `files` is a file the user did not ask for.
std::optional<std::string> check_outputs(std::span<const Output> files,
                                         const std::optional<Output>& report_dir = std::nullopt);

// For a path option: refuses an empty value, which would otherwise read as "not asked".
CLI::Validator non_empty_path();

}  // namespace bp::cli
