#include "reports/compare.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "reports/console.h"
#include "reports/human_units.h"

namespace bp::reports {

namespace {

ComparedNumbers numbers_of(const Report& report) {
  return {.verdict = report.verdict, .peak_growth = report.heap.peak_growth, .slope = report.heap.slope};
}

std::string percent(double fraction) { return format_number(fraction * 100) + "%"; }

// Signed, like format_signed_bytes: "+0.03", "-0.1".
std::string signed_number(double value) {
  return (value >= 0 ? "+" : "") + format_number(value);
}

// The bytes `after` holds over `before`, without overflowing whatever they hold.
std::int64_t rise(std::int64_t before, std::int64_t after) {
  const long double difference = static_cast<long double>(after) - static_cast<long double>(before);
  return static_cast<std::int64_t>(std::clamp<long double>(
      difference, static_cast<long double>(INT64_MIN), static_cast<long double>(INT64_MAX)));
}

std::vector<std::string> broken_rules(const ComparedNumbers& base, const ComparedNumbers& now,
                                      const CompareThresholds& t) {
  std::vector<std::string> failures;
  if (base.verdict != now.verdict) {
    failures.push_back("verdict changed from " + base.verdict + " to " + now.verdict);
  }
  const std::int64_t peak_rise = rise(base.peak_growth, now.peak_growth);
  const double base_peak = static_cast<double>(std::max<std::int64_t>(base.peak_growth, 0));
  if (peak_rise > 0 && static_cast<std::uint64_t>(peak_rise) > t.peak_allowance &&
      static_cast<double>(peak_rise) > base_peak * t.peak_rise) {
    failures.push_back("peak rose by " + format_signed_bytes(peak_rise) +
                       (base_peak > 0 ? " (" + percent(static_cast<double>(peak_rise) / base_peak) + ")"
                                      : std::string()) +
                       ", more than " + percent(t.peak_rise) + " and " +
                       format_bytes(t.peak_allowance));
  }
  const double slope_rise = now.slope - base.slope;
  if (std::isfinite(slope_rise) && slope_rise > t.slope_rise) {
    failures.push_back("slope rose by " + signed_number(slope_rise) + ", more than " +
                       format_number(t.slope_rise));
  }
  return failures;
}

std::string result_of(const ComparisonRow& row) {
  if (!row.failures.empty()) return "FAIL";
  if (!row.base) return "added";
  if (!row.now) return "missing";
  return "ok";
}

using Cells = std::vector<std::string>;

Cells cells_of(const ComparisonRow& row) {
  const auto peak = [](const std::optional<ComparedNumbers>& side) {
    return side ? format_signed_bytes(side->peak_growth) : std::string("-");
  };
  const auto slope = [](const std::optional<ComparedNumbers>& side) {
    return side ? format_number(side->slope) : std::string("-");
  };
  std::string verdicts = (row.base ? row.base->verdict : "-") + " -> " + (row.now ? row.now->verdict : "-");
  std::string peak_change = "-";
  std::string slope_change = "-";
  if (row.base && row.now) {
    const std::int64_t peak_rise = rise(row.base->peak_growth, row.now->peak_growth);
    peak_change = format_signed_bytes(peak_rise);
    if (row.base->peak_growth > 0) {
      peak_change += " (" + (peak_rise >= 0 ? std::string("+") : std::string()) +
                     percent(static_cast<double>(peak_rise) / static_cast<double>(row.base->peak_growth)) + ")";
    }
    slope_change = signed_number(row.now->slope - row.base->slope);
  }
  return {terminal_safe(row.name), verdicts,      peak(row.base),  peak(row.now),  peak_change,
          slope(row.base),         slope(row.now), slope_change,    result_of(row)};
}

std::string table_line(const Cells& cells, const std::vector<std::size_t>& widths) {
  std::string line;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    line += cells[i];
    if (i + 1 < cells.size()) line += std::string(widths[i] - cells[i].size() + 2, ' ');
  }
  return line + "\n";
}

}  // namespace

Comparison compare_runs(std::span<const Report> base, std::span<const Report> now,
                        const CompareThresholds& thresholds) {
  std::map<std::string, ComparisonRow> rows;
  for (const Report& r : base) rows[r.name].base = numbers_of(r);
  for (const Report& r : now) rows[r.name].now = numbers_of(r);
  Comparison comparison;
  for (auto& [name, row] : rows) {
    row.name = name;
    if (row.base && row.now) {
      row.failures = broken_rules(*row.base, *row.now, thresholds);
    } else if (row.base && thresholds.fail_on_missing) {
      row.failures.push_back("missing from the new run");
    }
    if (!row.failures.empty()) ++comparison.failed;
    comparison.rows.push_back(std::move(row));
  }
  return comparison;
}

std::string comparison_table(const Comparison& comparison) {
  std::vector<Cells> table = {{"scenario", "verdict", "peak base", "peak new", "peak change",
                               "slope base", "slope new", "slope change", "result"}};
  for (const ComparisonRow& row : comparison.rows) table.push_back(cells_of(row));
  std::vector<std::size_t> widths(table.front().size(), 0);
  for (const Cells& cells : table) {
    for (std::size_t i = 0; i < cells.size(); ++i) widths[i] = std::max(widths[i], cells[i].size());
  }
  std::string text;
  for (const Cells& cells : table) text += table_line(cells, widths);
  for (const ComparisonRow& row : comparison.rows) {
    for (const std::string& failure : row.failures) {
      text += "FAIL " + terminal_safe(row.name) + ": " + failure + "\n";
    }
  }
  // Compared are the scenarios in both runs; those in one run only are counted apart.
  std::size_t both = 0, added = 0, missing = 0;
  for (const ComparisonRow& row : comparison.rows) {
    if (row.base && row.now) ++both;
    else if (row.now) ++added;
    else ++missing;
  }
  text += std::to_string(both) + " compared, " + std::to_string(comparison.failed) + " failed";
  if (added) text += ", " + std::to_string(added) + " added";
  if (missing) text += ", " + std::to_string(missing) + " missing";
  return text + "\n";
}

}  // namespace bp::reports
