#include "reports/junit.h"

#include <cmath>
#include <cstdio>

#include "reports/verdict_text.h"
#include "reports/xml_escape.h"

namespace bp::reports {

namespace {

// Seconds as junit-10.xsd's SUREFIRE_TIME wants them: digits, a point, three decimals.
std::string seconds(double ms) {
  if (!std::isfinite(ms) || ms < 0) ms = 0;
  char text[64];
  std::snprintf(text, sizeof text, "%.3f", ms / 1000.0);
  return text;
}

// The run's start as the zone-less local time the JUnit format allows ("2024-05-01T12:34:56",
// in UTC here), or "" when `started` is not "YYYY-MM-DDTHH:MM:SS" with an optional "Z".
std::string timestamp(std::string_view started) {
  if (started.ends_with('Z')) started.remove_suffix(1);
  static constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:dd";
  if (started.size() != kShape.size()) return "";
  for (std::size_t i = 0; i < kShape.size(); ++i) {
    const bool digit = started[i] >= '0' && started[i] <= '9';
    if (kShape[i] == 'd' ? !digit : started[i] != kShape[i]) return "";
  }
  return std::string(started);
}

std::string attribute(std::string_view name, std::string_view value) {
  return " " + std::string(name) + "=\"" + xml_attribute(value) + "\"";
}

std::string joined_lines(const std::vector<std::string>& lines) {
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

std::string testcase(const Report& report) {
  const std::string classname = report.driver.empty() ? "bpharness" : "bpharness." + report.driver;
  std::string xml = "    <testcase" + attribute("classname", classname) +
                    attribute("name", report.name) + attribute("time", seconds(report.wall_ms)) +
                    ">\n";
  if (!report.pass) {
    const std::string element = report.signal ? "error" : "failure";
    const std::string type = report.signal ? "signal" : report.verdict;
    xml += "      <" + element + attribute("message", verdict_message(report)) +
           attribute("type", type) + ">" + xml_text(joined_lines(failure_details(report))) + "</" +
           element + ">\n";
  }
  xml += "      <system-out>" + xml_text(report.reason) + "</system-out>\n";
  xml += "    </testcase>\n";
  return xml;
}

std::string properties(const ToolInfo& tool) {
  const std::pair<std::string_view, std::string> known[] = {
      {"bpharness.version", tool.version},
      {"allocator", tool.allocator},
      {"os", tool.os},
      {"cpus", tool.cpus == 0 ? std::string() : std::to_string(tool.cpus)},
  };
  std::string xml = "    <properties>\n";
  for (const auto& [name, value] : known) {
    if (value.empty()) continue;
    xml += "      <property" + attribute("name", name) + attribute("value", value) + "/>\n";
  }
  return xml + "    </properties>\n";
}

}  // namespace

std::string junit_xml(std::span<const Report> reports, const Summary& summary) {
  std::size_t failures = 0;
  std::size_t errors = 0;
  double total_ms = 0;
  for (const Report& report : reports) {
    if (!report.pass) ++(report.signal ? errors : failures);
    if (std::isfinite(report.wall_ms)) total_ms += report.wall_ms;
  }
  const std::string time = seconds(std::isfinite(summary.wall_ms) ? summary.wall_ms : total_ms);
  const std::string counts = attribute("tests", std::to_string(reports.size())) +
                             attribute("failures", std::to_string(failures)) +
                             attribute("errors", std::to_string(errors));

  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  xml += "<testsuites" + attribute("name", "bpharness") + counts + attribute("time", time) + ">\n";
  xml += "  <testsuite" + attribute("name", "bpharness") + counts + attribute("skipped", "0") +
         attribute("time", time);
  if (const std::string when = timestamp(summary.started); !when.empty()) {
    xml += attribute("timestamp", when);
  }
  if (!summary.tool.host.empty()) xml += attribute("hostname", summary.tool.host);
  xml += ">\n";
  xml += properties(summary.tool);
  for (const Report& report : reports) xml += testcase(report);
  xml += "  </testsuite>\n</testsuites>\n";
  return xml;
}

}  // namespace bp::reports
