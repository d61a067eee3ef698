#include "reports/html_page.h"

#include <set>
#include <vector>

#include "reports/html_scenario.h"
#include "reports/human_units.h"
#include "reports/leak_fix_pairs.h"
#include "reports/report_paths.h"
#include "reports/svg_chart.h"
#include "reports/verdict_text.h"
#include "reports/xml_escape.h"

namespace bp::reports {

namespace {

// Restrained: one ink, greys for structure, colour only where it carries meaning (pass, fail,
// the series). No character here needs escaping in XML.
constexpr std::string_view kStyle = R"(
:root { color-scheme: light; }
body { margin: 0; background: #ffffff; color: #1f2937;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
main { max-width: 1240px; margin: 0 auto; padding: 24px 24px 64px; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 0 0 6px; }
h3 { font-size: 14px; margin: 16px 0 6px; }
p { margin: 0 0 8px; }
a { color: #1d4ed8; text-decoration: none; }
a:hover { text-decoration: underline; }
code { font: 12.5px ui-monospace, "DejaVu Sans Mono", monospace; }
section { margin-top: 36px; }
.muted, .meta { color: #6b7280; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 4px 12px 4px 0; border-bottom: 1px solid #eceef1;
  vertical-align: top; }
thead th { color: #6b7280; font-weight: 600; font-size: 12.5px; border-bottom-color: #d4d7dd; }
.num { text-align: right; }
.summary td.name { max-width: 360px; overflow-wrap: anywhere; }
.verdict, .result { font-weight: 600; }
.verdict.pass, .result.pass { color: #15803d; }
.verdict.fail, .result.fail { color: #b91c1c; }
.verdict.incomplete { color: #b45309; }
.result { font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; padding: 1px 6px;
  border-radius: 3px; vertical-align: 2px; }
.result.pass { background: #e7f6ec; }
.result.fail { background: #fdeaea; }
figure { margin: 0; }
figcaption { margin-bottom: 4px; }
svg.chart { display: block; max-width: 100%; height: auto; }
.legend { list-style: none; margin: 6px 0 0; padding: 0; font-size: 12.5px; color: #4b5563; }
.legend li { display: inline-block; margin: 0 14px 2px 0; }
.key { display: inline-block; width: 14px; margin-right: 5px; vertical-align: middle; }
.key.line { height: 3px; }
.key.band { height: 10px; }
.pair { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 20px;
  padding: 16px 0; border-bottom: 1px solid #eceef1; }
.detail { display: flex; flex-wrap: wrap; gap: 24px; margin-top: 8px; }
.detail figure { flex: 0 1 560px; min-width: 0; }
.facts { flex: 1 1 320px; }
table.stages { margin-top: 16px; }
.outcome { font-size: 15px; }
.why { margin: 0 0 12px; padding-left: 18px; }
.numbers th { font-weight: normal; color: #4b5563; }
.numbers td:last-child { color: #6b7280; }
)";

// An id per report for its section and the links to it: "s-" and the report's file stem,
// with "-2", "-3", ... when two reports share a name.
std::vector<std::string> section_ids(std::span<const Report> reports) {
  std::set<std::string, std::less<>> used;
  std::vector<std::string> ids;
  for (const Report& report : reports) {
    const std::string base = "s-" + safe_file_stem(report.name);
    std::string id = base;
    for (int n = 2; !used.insert(id).second; ++n) id = base + "-" + std::to_string(n);
    ids.push_back(id);
  }
  return ids;
}

std::string link(std::string_view id, std::string_view text) {
  return "<a" + xml_attribute_pair("href", "#" + std::string(id)) + ">" + xml_text(text) + "</a>";
}

std::string header(std::span<const Report> reports) {
  std::size_t passed = 0;
  for (const Report& report : reports) passed += report.pass ? 1 : 0;
  std::string html = "<header><h1>Memory report</h1><p class=\"muted\">" +
                     std::to_string(reports.size()) + " scenarios: " + std::to_string(passed) +
                     " passed, " + std::to_string(reports.size() - passed) + " failed";
  if (!reports.empty()) {
    const ToolInfo& tool = reports.front().tool;
    html += xml_text(" · bpharness " + tool.version + " · " + tool.allocator + " · " + tool.host);
  }
  return html + "</p></header>";
}

// The summary row's four number cells; one muted cell across them when there are no figures.
std::string summary_numbers(const Report& r) {
  if (!measured(r)) return "<td colspan=\"4\" class=\"muted\">no heap figures</td>";
  return "<td class=\"num\">" + xml_text(format_signed_bytes(r.heap.peak_growth)) +
         "</td><td class=\"num\">" + xml_text(format_bytes(r.heap.bound)) +
         "</td><td class=\"num\">" + xml_text(format_number(r.heap.growth_over_bound)) +
         "×</td><td class=\"num\">" + xml_text(format_number(r.heap.slope)) + "</td>";
}

std::string summary(std::span<const Report> reports, const std::vector<std::string>& ids) {
  std::string html =
      "<section class=\"summary\"><table><thead><tr><th>scenario</th><th>verdict</th><th>"
      "expected</th><th>result</th><th class=\"num\">peak growth</th><th class=\"num\">bound</th>"
      "<th class=\"num\">growth / bound</th><th class=\"num\">slope</th></tr></thead><tbody>";
  for (std::size_t i = 0; i < reports.size(); ++i) {
    const Report& r = reports[i];
    html += "<tr><td class=\"name\">" + link(ids[i], r.name) + "</td><td>" + html_verdict(r) +
            "</td><td>" + xml_text(r.expected) + "</td><td>" + html_result(r) +
            "</td>" + summary_numbers(r) + "</tr>";
  }
  return html + "</tbody></table></section>";
}

std::string pair_figure(const Report& report, std::string_view id, HeapRange range) {
  return "<figure><figcaption>" + link(id, report.name) + " " + html_verdict(report) +
         " <span class=\"muted\">" + xml_text(slope_text(report.heap)) + "</span></figcaption>" +
         svg_chart(report, range) + chart_legend(report) + "</figure>";
}

std::string pairs(std::span<const Report> reports, const std::vector<std::string>& ids) {
  const std::vector<LeakFixPair> found = leak_fix_pairs(reports);
  if (found.empty()) return {};
  std::string html =
      "<section class=\"pairs\"><h2>Leaks and their fixes</h2><p class=\"muted\">The same "
      "workload with a driver that ignores backpressure (left) and one that honours it "
      "(right), both charts on one heap scale.</p>";
  for (const LeakFixPair& pair : found) {
    const HeapRange leak = heap_range(reports[pair.leak]);
    const HeapRange fix = heap_range(reports[pair.fix]);
    const HeapRange both{.low = std::min(leak.low, fix.low), .high = std::max(leak.high, fix.high)};
    html += "<div class=\"pair\">" + pair_figure(reports[pair.leak], ids[pair.leak], both) +
            pair_figure(reports[pair.fix], ids[pair.fix], both) + "</div>";
  }
  return html + "</section>";
}

}  // namespace

std::string html_page(std::span<const Report> reports) {
  const std::vector<std::string> ids = section_ids(reports);
  std::string html =
      "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\" "
      "xml:lang=\"en\">\n<head>\n<meta charset=\"UTF-8\"/>\n<meta name=\"viewport\" "
      "content=\"width=device-width, initial-scale=1\"/>\n<title>bpharness memory report</title>\n"
      "<style>";
  html += kStyle;
  html += "</style>\n</head>\n<body>\n<main>\n" + header(reports) + "\n" + summary(reports, ids) +
          "\n" + pairs(reports, ids) + "\n";
  for (std::size_t i = 0; i < reports.size(); ++i) html += html_scenario(reports[i], ids[i]) + "\n";
  return html + "</main>\n</body>\n</html>\n";
}

}  // namespace bp::reports
