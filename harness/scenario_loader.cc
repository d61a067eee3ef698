#include "harness/scenario_loader.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>
#include <system_error>

#include "harness/scenario_parser.h"
#include "harness/units.h"
#include "reports/human_units.h"

namespace bp::harness {
namespace {

namespace fs = std::filesystem;

Diagnostic file_problem(const fs::path& path, std::string message) {
  return {path.string(), 0, 0, "", std::move(message), ""};
}

// The files a path stands for: itself, or a folder's *.json files sorted by name.
std::vector<fs::path> expand(const fs::path& path, std::vector<Diagnostic>& diagnostics) {
  std::error_code error;
  const fs::file_status status = fs::status(path, error);
  if (error && error != std::errc::no_such_file_or_directory) {
    diagnostics.push_back(file_problem(path, "cannot read: " + error.message()));
    return {};
  }
  if (error || !fs::exists(status)) {
    diagnostics.push_back(file_problem(path, "no such file or folder"));
    return {};
  }
  if (!fs::is_directory(status) && !fs::is_regular_file(status)) {
    // A FIFO or a device would block the read, or never end it.
    diagnostics.push_back(file_problem(path, "not a regular file (a scenario is a .json file)"));
    return {};
  }
  if (!fs::is_directory(status)) return {path};
  std::vector<fs::path> files;
  for (fs::directory_iterator it(path, error), end; !error && it != end; it.increment(error)) {
    if (it->path().extension() == ".json" && it->is_regular_file(error)) files.push_back(it->path());
  }
  if (error) {
    diagnostics.push_back(file_problem(path, "cannot list the folder: " + error.message()));
    return {};
  }
  if (files.empty()) diagnostics.push_back(file_problem(path, "no scenario files (*.json) in this folder"));
  std::sort(files.begin(), files.end());
  return files;
}

std::optional<std::string> read_file(const fs::path& path, std::vector<Diagnostic>& diagnostics) {
  std::error_code error;
  const std::uintmax_t size = fs::file_size(path, error);
  if (!error && size > kMaxScenarioFileBytes) {
    diagnostics.push_back(file_problem(path, "the file is too large for a scenario (" + reports::format_bytes(size) +
                                                 "; the limit is " + reports::format_bytes(kMaxScenarioFileBytes) +
                                                 ")"));
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diagnostics.push_back(file_problem(path, std::string("cannot read the file: ") + std::strerror(errno)));
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) {
    diagnostics.push_back(file_problem(path, "cannot read the file"));
    return std::nullopt;
  }
  return std::move(text).str();
}

}  // namespace

LoadedScenarios load_scenarios(std::span<const std::filesystem::path> paths,
                               std::span<const std::string> custom_kinds, bool allow_exec) {
  LoadedScenarios loaded;
  std::vector<fs::path> seen;  // canonical paths of the files already read
  for (const fs::path& path : paths) {
    for (const fs::path& file : expand(path, loaded.diagnostics)) {
      std::error_code error;
      fs::path canonical = fs::weakly_canonical(file, error);
      if (error) canonical = file;
      if (std::find(seen.begin(), seen.end(), canonical) != seen.end()) continue;
      seen.push_back(canonical);
      const std::optional<std::string> text = read_file(file, loaded.diagnostics);
      if (!text) continue;
      ScenarioParse parse = parse_scenario(*text, file.string(), custom_kinds);
      loaded.diagnostics.insert(loaded.diagnostics.end(), parse.diagnostics.begin(), parse.diagnostics.end());
      if (!parse.scenario) continue;
      if (!parse.scenario->program.argv.empty() && !allow_exec) {
        const TextPosition at = parse.document->value_position("/program");
        loaded.diagnostics.push_back({file.string(), at.line, at.column, "/program",
                                      "this scenario runs a program (" + parse.scenario->program.argv.front() +
                                          "), and scenarios run programs only when the command line says "
                                          "--allow-exec (a scenario file from an untrusted change must not run "
                                          "commands); add --allow-exec to run it",
                                      ""});
        continue;
      }
      const auto same_name =
          std::find_if(loaded.scenarios.begin(), loaded.scenarios.end(),
                       [&](const Scenario& other) { return other.name == parse.scenario->name; });
      if (same_name != loaded.scenarios.end()) {
        const TextPosition at = parse.document->value_position("/name");
        loaded.diagnostics.push_back({file.string(), at.line, at.column, "/name",
                                      "scenario name '" + parse.scenario->name + "' is already used by " +
                                          same_name->file +
                                          "; names must be unique (they name the report files)",
                                      ""});
        continue;
      }
      loaded.scenarios.push_back(std::move(*parse.scenario));
    }
  }
  return loaded;
}

}  // namespace bp::harness
