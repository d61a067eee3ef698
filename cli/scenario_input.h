// Loading the scenarios a command names: files and folders, or the bundled suite when none
// is given. Every problem of every file is printed (file:line:col, JSON pointer, what was
// expected, a did-you-mean); callers run nothing when loading failed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "harness/scenario.h"

namespace bp::cli {

// The bundled suite's folder: $BPHARNESS_SCENARIOS, else the installed or source location.
std::string bundled_suite();

// The scenarios in `paths` (the bundled suite when empty), or nullopt after printing every
// diagnostic to stderr. Scenarios that run a program are refused unless `allow_exec`.
std::optional<std::vector<harness::Scenario>> load_or_report(std::vector<std::string> paths,
                                                             bool allow_exec = false);

}  // namespace bp::cli
