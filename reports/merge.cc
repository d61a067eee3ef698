#include "reports/merge.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "reports/report_paths.h"
#include "reports/report_set.h"

namespace bp::reports {

namespace {

ReadResult<MergedRun> failure(std::string error) {
  return {.value = std::nullopt, .error = std::move(error)};
}

void add_shard(const Summary& shard, Summary& merged, bool first) {
  if (first) {
    merged.tool = shard.tool;
    merged.started = shard.started;
    merged.wall_ms = shard.wall_ms;
  }
  if (!shard.started.empty() && (merged.started.empty() || shard.started < merged.started)) {
    merged.started = shard.started;
  }
  // NaN (an unknown time) stays unknown: max would drop it silently.
  if (std::isnan(shard.wall_ms) || std::isnan(merged.wall_ms)) {
    merged.wall_ms = std::nan("");
  } else {
    merged.wall_ms = std::max(merged.wall_ms, shard.wall_ms);
  }
  merged.interrupted = merged.interrupted || shard.interrupted;
}

}  // namespace

ReadResult<MergedRun> merge_runs(std::span<const std::filesystem::path> folders) {
  MergedRun merged;
  std::map<std::string, std::string, std::less<>> shard_of;  // scenario name -> its summary file
  for (const std::filesystem::path& folder : folders) {
    const std::string summary_file = summary_path(folder).string();
    if (!std::filesystem::is_regular_file(summary_file)) {
      return failure(summary_file + ": not found (expected the --out folder of a run)");
    }
    ReadResult<ReportSet> shard = read_report_set(folder);
    if (!shard) return failure(std::move(shard.error));
    const Summary& summary = *shard.value->summary;
    add_shard(summary, merged.summary, &folder == &folders.front());
    for (std::size_t i = 0; i < shard.value->reports.size(); ++i) {
      Report& report = shard.value->reports[i];
      const auto [where, fresh] = shard_of.emplace(report.name, summary_file);
      if (!fresh) {
        return failure("scenario " + report.name + " is in both " + where->second + " and " +
                       summary_file);
      }
      SummaryEntry entry = summary.scenarios[i];
      entry.report = report_path("", report.name).filename().string();
      (entry.pass ? merged.summary.passed : merged.summary.failed) += 1;
      merged.summary.scenarios.push_back(std::move(entry));
      merged.reports.push_back(std::move(report));
    }
  }
  return {.value = std::move(merged), .error = {}};
}

}  // namespace bp::reports
