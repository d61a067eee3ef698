// merge: the runs of several CI shards joined into one run, for `bpharness merge`.
//
// Each folder is the --out folder of one `bpharness run` (it must hold a summary.json; its
// reports are the ones that summary lists, reports/report_set.h). The merged run holds every
// report, shard by shard in the order the folders are given; its summary lists them with the
// same entries, counts passed and failed again from those entries, started when the earliest
// shard started, took as long as the longest shard (shards run side by side), was interrupted
// when any shard was, and carries the first shard's tool info. A scenario name found in two
// shards is an error: a split that runs a scenario twice is a broken split, and the two
// reports could disagree.
#pragma once

#include <filesystem>
#include <span>
#include <vector>

#include "reports/read_result.h"
#include "reports/report.h"

namespace bp::reports {

struct MergedRun {
  std::vector<Report> reports;
  Summary summary;
};

// The merged run, or the first problem ("PATH: ..." or "scenario NAME is in both A and B").
ReadResult<MergedRun> merge_runs(std::span<const std::filesystem::path> folders);

}  // namespace bp::reports
