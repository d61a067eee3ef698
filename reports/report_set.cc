#include "reports/report_set.h"

#include <algorithm>
#include <set>
#include <system_error>

#include "reports/report_files.h"
#include "reports/report_paths.h"

namespace bp::reports {

namespace {

ReadResult<ReportSet> failure(std::string error) {
  return {.value = std::nullopt, .error = std::move(error)};
}

ReadResult<ReportSet> from_summary(const std::filesystem::path& summary_file) {
  ReadResult<Summary> summary = read_summary_file(summary_file);
  if (!summary) return failure(std::move(summary.error));
  ReportSet set;
  for (std::size_t i = 0; i < summary.value->scenarios.size(); ++i) {
    const std::filesystem::path file =
        summary_file.parent_path() / summary.value->scenarios[i].report;
    ReadResult<Report> report = read_report_file(file);
    if (!report) {
      return failure(summary_file.string() + ": at /scenarios/" + std::to_string(i) +
                     "/report: cannot read " + report.error);
    }
    set.reports.push_back(std::move(*report.value));
  }
  set.summary = std::move(summary.value);
  return {.value = std::move(set), .error = {}};
}

ReadResult<ReportSet> from_folder(const std::filesystem::path& folder) {
  if (std::filesystem::exists(summary_path(folder))) return from_summary(summary_path(folder));
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
    if (is_report_file_name(entry.path().filename().string())) files.push_back(entry.path());
  }
  if (ec) return failure(folder.string() + ": " + ec.message());
  // An empty folder is most likely the wrong one; comparing with it would pass vacuously.
  if (files.empty()) return failure(folder.string() + ": no summary.json and no *.report.json files");
  std::sort(files.begin(), files.end());
  ReportSet set;
  for (const auto& file : files) {
    ReadResult<Report> report = read_report_file(file);
    if (!report) return failure(std::move(report.error));
    set.reports.push_back(std::move(*report.value));
  }
  return {.value = std::move(set), .error = {}};
}

}  // namespace

ReadResult<ReportSet> read_report_set(const std::filesystem::path& path) {
  if (std::filesystem::is_directory(path)) return from_folder(path);
  if (path.filename() == summary_path("").filename()) return from_summary(path);
  ReadResult<Report> report = read_report_file(path);
  if (!report) return failure(std::move(report.error));
  ReportSet set;
  set.reports.push_back(std::move(*report.value));
  return {.value = std::move(set), .error = {}};
}

std::optional<std::string> first_duplicate_name(std::span<const Report> reports) {
  std::set<std::string, std::less<>> seen;
  for (const Report& report : reports) {
    if (!seen.insert(report.name).second) return report.name;
  }
  return std::nullopt;
}

}  // namespace bp::reports
