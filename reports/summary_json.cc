#include "reports/summary_json.h"

#include <cmath>

#include "reports/json_reader.h"
#include "reports/report_json.h"
#include "reports/tool_info_json.h"

namespace bp::reports {

using nlohmann::json;

namespace {

json number(double value) {
  if (std::isfinite(value)) return value;
  return nullptr;
}

json to_json(const SummaryEntry& e) {
  return {{"name", e.name}, {"verdict", e.verdict}, {"expected", e.expected},
          {"pass", e.pass}, {"report", e.report},   {"wall_ms", number(e.wall_ms)}};
}

}  // namespace

json to_json(const Summary& s) {
  json scenarios = json::array();
  for (const SummaryEntry& entry : s.scenarios) scenarios.push_back(to_json(entry));
  return {{"format", kSummaryFormat},
          {"version", kReportFormatVersion},
          {"started", s.started},
          {"wall_ms", number(s.wall_ms)},
          {"scenarios", std::move(scenarios)},
          {"passed", s.passed},
          {"failed", s.failed},
          {"interrupted", s.interrupted},
          {"tool", to_json(s.tool)}};
}

// Found by detail::JsonReader through argument-dependent lookup.
static void read_fields(detail::ObjectFields& o, SummaryEntry& e) {
  o.required("name", e.name);
  o.required_word("verdict", e.verdict, kVerdictWords);
  o.required_word("expected", e.expected, kVerdictWords);
  o.required("pass", e.pass);
  o.required("report", e.report);
  o.required("wall_ms", e.wall_ms);
}

namespace {

void read_summary(detail::ObjectFields& o, Summary& s) {
  o.format_header(kSummaryFormat, kReportFormatVersion, "summary", s.format_version);
  o.required("started", s.started);
  o.required("wall_ms", s.wall_ms);
  o.required("scenarios", s.scenarios);
  o.required("passed", s.passed);
  o.required("failed", s.failed);
  o.required("interrupted", s.interrupted);
  o.required("tool", s.tool);
  o.finish();
}

}  // namespace

ReadResult<Summary> summary_from_json(const json& document) {
  detail::JsonReader reader;
  Summary summary;
  detail::ObjectFields fields(reader, document, "");
  read_summary(fields, summary);
  if (reader.failed()) return {.value = std::nullopt, .error = reader.error()};
  return {.value = std::move(summary), .error = {}};
}

}  // namespace bp::reports
