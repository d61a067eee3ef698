#include "reports/html_scenario.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "reports/human_units.h"
#include "reports/svg_chart.h"
#include "reports/verdict_text.h"
#include "reports/xml_escape.h"

namespace bp::reports {

namespace {

std::string element(std::string_view tag, std::string_view text) {
  return "<" + std::string(tag) + ">" + xml_text(text) + "</" + std::string(tag) + ">";
}

// A row of the numbers table: what, the value, and what it is measured against.
std::string number_row(std::string_view what, std::string_view value, std::string_view against) {
  return "<tr>" + element("th", what) + "<td class=\"num\">" + xml_text(value) + "</td>" +
         element("td", against) + "</tr>";
}

// Why the verdict: the reason when the expectation was met; every line of failure_details when
// it was not.
std::string explanation(const Report& report) {
  const std::vector<std::string> lines =
      report.pass ? std::vector<std::string>{report.reason} : failure_details(report);
  std::string html = "<ul class=\"why\">";
  for (const std::string& line : lines) {
    if (!line.empty()) html += element("li", line);
  }
  return html + "</ul>";
}

std::string numbers(const Report& report) {
  if (!measured(report)) return element("p", heap_text(report, ", "));
  const HeapNumbers& heap = report.heap;
  std::string html = "<table class=\"numbers\"><tbody>";
  html += number_row("peak growth", format_signed_bytes(heap.peak_growth), "over the baseline");
  html += number_row("bound", format_bytes(heap.bound), "from the configuration");
  html += number_row("growth / bound", format_number(heap.growth_over_bound) + "×",
                     "tolerance " + format_number(heap.tolerance) + "×");
  html += number_row("slope", format_number(heap.slope),
                     "threshold " + format_number(heap.slope_threshold));
  html += number_row("slope, second half", format_number(heap.slope_second_half),
                     "bytes kept per input byte");
  html += number_row("noise floor", format_bytes(heap.noise_floor), "growth never called grows");
  html += number_row("ceiling", format_bytes(heap.ceiling), heap.ceiling_hit ? "hit" : "not hit");
  html += number_row(
      "final growth", format_signed_bytes(heap.final_growth),
      heap.returned_to_baseline.has_value()
          ? (*heap.returned_to_baseline ? "back at the baseline" : "not back at the baseline")
          : "after teardown");
  html += number_row("input / output",
                     format_bytes(report.input_bytes) + " / " + format_bytes(report.output_bytes),
                     std::to_string(report.samples_taken) + " samples taken");
  html += number_row("time", format_duration(report.wall_ms),
                     report.clock + " clock: " + format_duration(report.virtual_ms));
  return html + "</tbody></table>";
}

// A table with a header row; cells are XHTML already, numbers right-aligned.
struct Column {
  std::string_view title;
  bool number = false;
};
using Row = std::vector<std::string>;

std::string table(std::string_view name, std::initializer_list<Column> columns,
                  const std::vector<Row>& rows) {
  const auto cell = [](std::string_view tag, bool number, std::string_view content) {
    return "<" + std::string(tag) + (number ? " class=\"num\">" : ">") + std::string(content) +
           "</" + std::string(tag) + ">";
  };
  std::string html = "<table" + xml_attribute_pair("class", name) + "><thead><tr>";
  for (const Column& column : columns) html += cell("th", column.number, xml_text(column.title));
  html += "</tr></thead><tbody>";
  for (const Row& row : rows) {
    html += "<tr>";
    for (std::size_t i = 0; i < row.size(); ++i) {
      html += cell("td", std::data(columns)[i].number, row[i]);
    }
    html += "</tr>";
  }
  return html + "</tbody></table>";
}

std::string code(std::string_view text) { return "<code>" + xml_text(text) + "</code>"; }

std::string stages(const Report& report) {
  if (report.stages.empty()) return {};
  std::vector<Row> rows;
  for (const StageReport& stage : report.stages) {
    rows.push_back({xml_text(stage.name), xml_text(stage.kind),
                    xml_text(high_water_mark_text(stage)),
                    xml_text(format_bytes(stage.peak_buffered)), std::to_string(stage.drains),
                    std::to_string(stage.violations)});
  }
  return table("stages",
               {{"stage"},
                {"kind"},
                {"high-water mark", true},
                {"peak buffered", true},
                {"drains", true},
                {"violations", true}},
               rows);
}

std::string violations(const Report& report) {
  if (report.violations.empty()) return {};
  std::vector<Row> rows;
  for (const ViolationSite* site : sites_by_count(report.violations)) {
    rows.push_back({code(site->file + ":" + std::to_string(site->line)), code(site->function),
                    xml_text(site->stream), std::to_string(site->count)});
  }
  return "<h3>Backpressure ignored</h3>" + table("violations",
                                                 {{"where"},
                                                  {"function"},
                                                  {"stream written to"},
                                                  {"writes while a drain was owed", true}},
                                                 rows);
}

}  // namespace

std::string html_verdict(const Report& report) {
  constexpr std::string_view kClasses[] = {"verdict pass", "verdict fail", "verdict incomplete"};
  return "<span" +
         xml_attribute_pair("class", kClasses[static_cast<std::size_t>(outcome(report))]) + ">" +
         xml_text(report.verdict) + "</span>";
}

std::string html_result(const Report& report) {
  return report.pass ? "<span class=\"result pass\">pass</span>"
                     : "<span class=\"result fail\">fail</span>";
}

std::string html_scenario(const Report& report, std::string_view id) {
  std::string html = "<section class=\"scenario\"" + xml_attribute_pair("id", id) + ">";
  html += "<h2>" + xml_text(report.name) + " " + html_result(report) + "</h2>";
  html += "<p class=\"meta\">driver <code>" + xml_text(report.driver) + "</code> · " +
          xml_text(report.file) + "</p>";
  if (!report.description.empty()) html += element("p", report.description);
  html += "<div class=\"detail\"><figure>" + svg_chart(report) + chart_legend(report) +
          "</figure><div class=\"facts\"><p class=\"outcome\">" + html_verdict(report) +
          " expected " + xml_text(report.expected) + "</p>" + explanation(report) +
          numbers(report) + "</div></div>";
  html += stages(report) + violations(report);
  return html + "</section>";
}

}  // namespace bp::reports
