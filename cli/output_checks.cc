#include "cli/output_checks.h"

#include <unistd.h>

#include <filesystem>
#include <system_error>

#include "reports/report_paths.h"

namespace bp::cli {

namespace fs = std::filesystem;

namespace {

// The path as the file system will resolve it, for comparing two paths.
fs::path resolved(const std::string& path) {
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
  return ec ? fs::path(path).lexically_normal() : p;
}

// Why a file cannot be created at `path`, or nullopt; `folder_checked`: its folder has been.
std::optional<std::string> cannot_create(const std::string& path, bool folder_checked) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return "it is a folder; name a file";
  if (folder_checked) return std::nullopt;
  const fs::path folder = resolved(path).parent_path();
  if (!fs::exists(folder, ec)) return "its folder " + folder.string() + " does not exist";
  if (!fs::is_directory(folder, ec)) return folder.string() + " is not a folder";
  if (::access(folder.c_str(), W_OK | X_OK) != 0) return "cannot write in its folder " + folder.string();
  return std::nullopt;
}

// Why `dir` cannot hold the reports, or nullopt: it must be a folder, or not exist yet with
// its nearest existing ancestor a writable folder.
std::optional<std::string> cannot_hold_reports(const std::string& dir) {
  std::error_code ec;
  fs::path p = resolved(dir);
  if (fs::exists(p, ec) && !fs::is_directory(p, ec)) return "it is a file, not a folder";
  while (!fs::exists(p, ec) && p.has_parent_path() && p != p.parent_path()) p = p.parent_path();
  if (!fs::is_directory(p, ec)) return p.string() + " is not a folder";
  if (::access(p.c_str(), W_OK | X_OK) != 0) return "cannot write in " + p.string();
  return std::nullopt;
}

}  // namespace

std::optional<std::string> check_outputs(std::span<const Output> files,
                                         const std::optional<Output>& report_dir) {
  if (report_dir) {
    if (report_dir->path.empty()) return report_dir->option + ": expected a folder, got an empty path";
    if (auto why = cannot_hold_reports(report_dir->path)) {
      return report_dir->option + " " + report_dir->path + ": " + *why;
    }
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    const Output& f = files[i];
    if (f.path.empty()) continue;
    const fs::path mine = resolved(f.path);
    const bool in_report_dir = report_dir && mine.parent_path() == resolved(report_dir->path);
    if (in_report_dir && reports::is_run_file_name(mine.filename().string())) {
      return f.option + " " + f.path + ": " + report_dir->option + " " + report_dir->path +
             " writes its reports there; name another file";
    }
    // A file in the report folder is checked with the folder, which may not exist yet.
    if (auto why = cannot_create(f.path, in_report_dir)) return f.option + " " + f.path + ": " + *why;
    for (std::size_t j = 0; j < i; ++j) {
      if (!files[j].path.empty() && resolved(files[j].path) == mine) {
        return files[j].option + " and " + f.option + " name the same file, " + f.path;
      }
    }
  }
  return std::nullopt;
}

CLI::Validator non_empty_path() {
  return CLI::Validator(
      [](std::string& text) { return text.empty() ? std::string("expected a path, got an empty one") : std::string(); },
      "");
}

}  // namespace bp::cli
