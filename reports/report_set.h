// The reports one path names, for the commands that read runs back (compare, merge):
//
//   a folder holding summary.json   the reports that summary lists (so that stale report files
//                                   left in a reused --out folder are not picked up);
//   any other folder                every *.report.json file in it, by file name (a folder
//                                   with neither is refused);
//   a file named summary.json       the reports it lists, relative to its folder;
//   any other file                  one report.
//
// Every message names the file, and the JSON pointer of the value concerned when there is one
// ("out/summary.json: at /scenarios/2/report: cannot read out/x.report.json: ...").
#pragma once

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "reports/read_result.h"
#include "reports/report.h"

namespace bp::reports {

struct ReportSet {
  std::vector<Report> reports;
  std::optional<Summary> summary;  // when the reports came through a summary.json
};

ReadResult<ReportSet> read_report_set(const std::filesystem::path& path);

// The first scenario name that two of `reports` share, in the order given; nullopt if none.
std::optional<std::string> first_duplicate_name(std::span<const Report> reports);

}  // namespace bp::reports
