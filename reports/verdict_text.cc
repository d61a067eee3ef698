#include "reports/verdict_text.h"

#include <algorithm>
#include <cmath>

#include "reports/human_units.h"

namespace bp::reports {

namespace {

constexpr std::size_t kTopStages = 3;
constexpr std::size_t kTopSites = 5;
constexpr std::size_t kTopAllocationSites = 3;

std::string stage_peak(const StageReport& stage) {
  std::string text = stage.name + " " + format_bytes(stage.peak_buffered);
  if (const std::string hwm = high_water_mark_text(stage); !hwm.empty()) {
    text += " (hwm " + hwm + ")";
  }
  return text;
}

std::string buffered_at_peak(const std::vector<StageReport>& stages) {
  std::vector<const StageReport*> holding;
  for (const StageReport& stage : stages) {
    if (stage.peak_buffered != 0) holding.push_back(&stage);
  }
  if (holding.empty()) return {};
  std::stable_sort(holding.begin(), holding.end(), [](const auto* a, const auto* b) {
    return a->peak_buffered > b->peak_buffered;
  });
  std::string line = "buffered at peak:";
  for (std::size_t i = 0; i < holding.size() && i < kTopStages; ++i) {
    line += (i == 0 ? " " : ", ") + stage_peak(*holding[i]);
  }
  return line;
}

std::string site_text(const ViolationSite& site) {
  std::string text =
      site.file + ":" + std::to_string(site.line) + " ×" + std::to_string(site.count);
  if (!site.stream.empty()) text += " (" + site.stream + ")";
  return text;
}

std::string backpressure_ignored(const std::vector<ViolationSite>& violations) {
  if (violations.empty()) return {};
  const std::vector<const ViolationSite*> sites = sites_by_count(violations);
  std::string line = "backpressure ignored at:";
  for (std::size_t i = 0; i < sites.size() && i < kTopSites; ++i) {
    line += (i == 0 ? " " : ", ") + site_text(*sites[i]);
  }
  if (sites.size() > kTopSites) {
    line += ", and " + std::to_string(sites.size() - kTopSites) + " more";
  }
  return line;
}

// "allocated at: bp::harness::DataPool::next(unsigned long) 141 MiB (99%), ...".
std::string allocated_at(const std::vector<AllocationSite>& sites) {
  if (sites.empty()) return {};
  std::string line = "allocated at:";
  for (std::size_t i = 0; i < sites.size() && i < kTopAllocationSites; ++i) {
    line += (i == 0 ? " " : ", ") + sites[i].function + " " + format_bytes(sites[i].bytes) + " (" +
            format_number(std::round(sites[i].share * 1000) / 10) + "%)";
  }
  return line;
}

}  // namespace

std::string high_water_mark_text(const StageReport& stage) {
  const std::uint64_t hwm = stage.writable_high_water_mark != 0 ? stage.writable_high_water_mark
                                                                : stage.readable_high_water_mark;
  if (hwm == 0) return {};
  return stage.object_mode ? std::to_string(hwm) + " objects" : format_bytes(hwm);
}

std::vector<const ViolationSite*> sites_by_count(const std::vector<ViolationSite>& violations) {
  std::vector<const ViolationSite*> sites;
  for (const ViolationSite& site : violations) sites.push_back(&site);
  std::stable_sort(sites.begin(), sites.end(),
                   [](const auto* a, const auto* b) { return a->count > b->count; });
  return sites;
}

Outcome outcome(const Report& report) {
  if (report.pass) return Outcome::kMet;
  if (report.verdict == "bounded" || report.verdict == "grows") return Outcome::kMissed;
  return Outcome::kIncomplete;
}

bool measured(const Report& report) { return report.samples_taken > 0; }

std::string growth_vs_bound(const HeapNumbers& heap) {
  std::string text =
      "peak " + format_signed_bytes(heap.peak_growth) + " / bound " + format_bytes(heap.bound);
  if (std::isfinite(heap.growth_over_bound)) {
    text += " (" + format_number(heap.growth_over_bound) + "×)";
  }
  return text;
}

std::string slope_text(const HeapNumbers& heap) { return "slope " + format_number(heap.slope); }

std::string heap_text(const Report& report, std::string_view separator) {
  if (!measured(report)) return "no heap figures: the run did not complete";
  return growth_vs_bound(report.heap) + std::string(separator) + slope_text(report.heap);
}

std::string verdict_message(const Report& report) {
  return "expected " + report.expected + ", got " + report.verdict + ": " + heap_text(report, ", ");
}

std::vector<std::string> failure_details(const Report& report) {
  std::vector<std::string> lines;
  if (!report.reason.empty()) lines.push_back(report.reason);
  for (const std::string& failure : report.failures) lines.push_back("unmet: " + failure);
  if (report.error && *report.error != report.reason) lines.push_back("error: " + *report.error);
  if (report.signal) lines.push_back("killed by signal " + std::to_string(*report.signal));
  if (report.heap.ceiling_hit) {
    lines.push_back("stopped at the memory ceiling of " + format_bytes(report.heap.ceiling));
  }
  if (report.heap.returned_to_baseline == false) {
    lines.push_back("heap not back at the baseline after cleanup: " +
                    format_signed_bytes(report.heap.final_growth) + " left");
  }
  if (std::string line = buffered_at_peak(report.stages); !line.empty()) {
    lines.push_back(std::move(line));
  }
  if (std::string line = backpressure_ignored(report.violations); !line.empty()) {
    lines.push_back(std::move(line));
  }
  if (std::string line = allocated_at(report.allocation_sites); !line.empty()) {
    lines.push_back(std::move(line));
  }
  return lines;
}

}  // namespace bp::reports
