#include "reports/report_json.h"

#include <cmath>

#include "reports/json_reader.h"
#include "reports/tool_info_json.h"

namespace bp::reports {

using nlohmann::json;

namespace {

// Non-finite numbers have no JSON form: null stands for them.
json number(double value) {
  if (std::isfinite(value)) return value;
  return nullptr;
}

json to_json(const Sample& s) {
  return {{"time_ms", number(s.time_ms)},   {"input_bytes", s.input_bytes},
          {"output_bytes", s.output_bytes}, {"heap", s.heap},
          {"resident", s.resident},         {"buffered", s.buffered}};
}

json to_json(const ViolationSite& v) {
  return {{"stream", v.stream},
          {"file", v.file},
          {"line", v.line},
          {"function", v.function},
          {"count", v.count}};
}

json to_json(const AllocationSite& a) {
  return {{"function", a.function}, {"bytes", a.bytes}, {"share", number(a.share)}};
}

json to_json(const StageReport& s) {
  return {{"name", s.name},
          {"kind", s.kind},
          {"readable_high_water_mark", s.readable_high_water_mark},
          {"writable_high_water_mark", s.writable_high_water_mark},
          {"object_mode", s.object_mode},
          {"peak_buffered", s.peak_buffered},
          {"drains", s.drains},
          {"violations", s.violations}};
}

json to_json(const HeapNumbers& h) {
  json out = {{"baseline", h.baseline},
              {"peak_growth", h.peak_growth},
              {"final_growth", h.final_growth},
              {"bound", h.bound},
              {"growth_over_bound", number(h.growth_over_bound)},
              {"tolerance", number(h.tolerance)},
              {"slope", number(h.slope)},
              {"slope_second_half", number(h.slope_second_half)},
              {"intercept", number(h.intercept)},
              {"slope_threshold", number(h.slope_threshold)},
              {"noise_floor", h.noise_floor},
              {"ceiling", h.ceiling},
              {"ceiling_hit", h.ceiling_hit}};
  if (h.returned_to_baseline) out["returned_to_baseline"] = *h.returned_to_baseline;
  return out;
}

json to_json(const ProgramReport& p) {
  json out = {{"argv", p.argv},
              {"pid", p.pid},
              {"peak_rss", p.peak_rss},
              {"stderr_tail", p.stderr_tail}};
  if (p.exit_code) out["exit_code"] = *p.exit_code;
  if (p.exit_signal) out["exit_signal"] = *p.exit_signal;
  if (p.stopped) out["stopped"] = *p.stopped;
  return out;
}

template <typename T>
json array_of(const std::vector<T>& items) {
  json out = json::array();
  for (const T& item : items) out.push_back(to_json(item));
  return out;
}

}  // namespace

json to_json(const Report& r) {
  json out = {{"format", kReportFormat},
              {"version", kReportFormatVersion},
              {"name", r.name},
              {"file", r.file},
              {"description", r.description},
              {"scenario", r.scenario},
              {"driver", r.driver},
              {"clock", r.clock},
              {"expected", r.expected},
              {"verdict", r.verdict},
              {"pass", r.pass},
              {"reason", r.reason},
              {"failures", r.failures},
              {"heap", to_json(r.heap)},
              {"input_bytes", r.input_bytes},
              {"output_bytes", r.output_bytes},
              {"stages", array_of(r.stages)},
              {"violations", array_of(r.violations)},
              {"samples", array_of(r.samples)},
              {"samples_taken", r.samples_taken},
              {"virtual_ms", number(r.virtual_ms)},
              {"wall_ms", number(r.wall_ms)},
              {"tool", to_json(r.tool)}};
  if (r.error) out["error"] = *r.error;
  if (r.signal) out["signal"] = *r.signal;
  if (r.program) out["program"] = to_json(*r.program);
  if (!r.allocation_sites.empty()) out["allocation_sites"] = array_of(r.allocation_sites);
  return out;
}

// Readers, found by detail::JsonReader through argument-dependent lookup (so in this
// namespace, not an unnamed one). Each reads the keys its writer above writes, in that order.

static void read_fields(detail::ObjectFields& o, Sample& s) {
  o.required("time_ms", s.time_ms);
  o.required("input_bytes", s.input_bytes);
  o.required("output_bytes", s.output_bytes);
  o.required("heap", s.heap);
  o.required("resident", s.resident);
  o.required("buffered", s.buffered);
}

static void read_fields(detail::ObjectFields& o, ViolationSite& v) {
  o.required("stream", v.stream);
  o.required("file", v.file);
  o.required("line", v.line);
  o.required("function", v.function);
  o.required("count", v.count);
}

static void read_fields(detail::ObjectFields& o, AllocationSite& a) {
  o.required("function", a.function);
  o.required("bytes", a.bytes);
  o.required("share", a.share);
}

static void read_fields(detail::ObjectFields& o, StageReport& s) {
  o.required("name", s.name);
  o.required("kind", s.kind);
  o.required("readable_high_water_mark", s.readable_high_water_mark);
  o.required("writable_high_water_mark", s.writable_high_water_mark);
  o.required("object_mode", s.object_mode);
  o.required("peak_buffered", s.peak_buffered);
  o.required("drains", s.drains);
  o.required("violations", s.violations);
}

static void read_fields(detail::ObjectFields& o, HeapNumbers& h) {
  o.required("baseline", h.baseline);
  o.required("peak_growth", h.peak_growth);
  o.required("final_growth", h.final_growth);
  o.required("bound", h.bound);
  o.required("growth_over_bound", h.growth_over_bound);
  o.required("tolerance", h.tolerance);
  o.required("slope", h.slope);
  o.required("slope_second_half", h.slope_second_half);
  o.required("intercept", h.intercept);
  o.required("slope_threshold", h.slope_threshold);
  o.required("noise_floor", h.noise_floor);
  o.required("ceiling", h.ceiling);
  o.required("ceiling_hit", h.ceiling_hit);
  o.optional("returned_to_baseline", h.returned_to_baseline);
}

static void read_fields(detail::ObjectFields& o, ProgramReport& p) {
  o.required("argv", p.argv);
  o.required("pid", p.pid);
  o.required("peak_rss", p.peak_rss);
  o.required("stderr_tail", p.stderr_tail);
  o.optional("exit_code", p.exit_code);
  o.optional("exit_signal", p.exit_signal);
  o.optional("stopped", p.stopped);
}

namespace {

void read_report(detail::ObjectFields& o, Report& r) {
  o.format_header(kReportFormat, kReportFormatVersion, "report", r.format_version);
  o.required("name", r.name);
  o.required("file", r.file);
  o.required("description", r.description);
  o.required("scenario", r.scenario);
  if (!r.scenario.is_object() && !r.scenario.is_null()) {
    o.fail("scenario", "expected an object or null, found " + detail::describe_type(r.scenario));
  }
  o.required("driver", r.driver);
  o.required_word("clock", r.clock, kClockWords);
  o.required_word("expected", r.expected, kVerdictWords);
  o.required_word("verdict", r.verdict, kVerdictWords);
  o.required("pass", r.pass);
  o.required("reason", r.reason);
  o.required("failures", r.failures);
  o.optional("error", r.error);
  o.optional("signal", r.signal);
  o.optional("program", r.program);
  o.required("heap", r.heap);
  o.required("input_bytes", r.input_bytes);
  o.required("output_bytes", r.output_bytes);
  o.required("stages", r.stages);
  o.required("violations", r.violations);
  std::optional<std::vector<AllocationSite>> sites;
  o.optional("allocation_sites", sites);
  if (sites) r.allocation_sites = std::move(*sites);
  o.required("samples", r.samples);
  o.required("samples_taken", r.samples_taken);
  o.required("virtual_ms", r.virtual_ms);
  o.required("wall_ms", r.wall_ms);
  o.required("tool", r.tool);
  o.finish();
}

}  // namespace

ReadResult<Report> report_from_json(const json& document) {
  detail::JsonReader reader;
  Report report;
  detail::ObjectFields fields(reader, document, "");
  read_report(fields, report);
  if (reader.failed()) return {.value = std::nullopt, .error = reader.error()};
  return {.value = std::move(report), .error = {}};
}

}  // namespace bp::reports
