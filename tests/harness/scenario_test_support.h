// Helpers shared by the scenario tests: example files and diagnostics as one-line strings.
#pragma once

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "harness/diagnostic.h"

namespace bp::harness::testing {

inline std::filesystem::path source_dir() { return BP_SOURCE_DIR; }
inline std::filesystem::path data_dir() { return source_dir() / "tests" / "harness" / "data"; }

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Each diagnostic as "line:col: message [at pointer] (did you mean 'x'?)", file left out.
inline std::vector<std::string> lines_of(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> lines;
  for (Diagnostic d : diagnostics) {
    d.file.clear();
    std::string line = d.to_string();
    lines.push_back(line.substr(1));  // drop the ':' after the empty file name
  }
  return lines;
}

}  // namespace bp::harness::testing
