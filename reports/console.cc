#include "reports/console.h"

#include "reports/human_units.h"
#include "reports/verdict_text.h"

namespace bp::reports {

namespace {

constexpr std::string_view kGreen = "\x1b[32m";
constexpr std::string_view kRed = "\x1b[31m";
constexpr std::string_view kYellow = "\x1b[33m";
constexpr std::string_view kReset = "\x1b[0m";

constexpr std::size_t kVerdictWidth = 7;  // "bounded", "stalled"

std::string padded(std::string text, std::size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

std::string painted(std::string_view text, std::string_view colour, bool color) {
  if (!color) return std::string(text);
  return std::string(colour) + std::string(text) + std::string(kReset);
}

std::string_view outcome_colour(const Report& report) {
  constexpr std::string_view kColours[] = {kGreen, kRed, kYellow};  // by Outcome
  return kColours[static_cast<std::size_t>(outcome(report))];
}

}  // namespace

std::string terminal_safe(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte == 0x7f) c = '?';
  }
  return out;
}

std::string console_line(const Report& report, bool color, std::size_t name_width) {
  const std::string_view colour = outcome_colour(report);
  std::string line = painted(report.pass ? "PASS" : "FAIL", colour, color);
  line += "  " + padded(terminal_safe(report.name), name_width);
  line += "  " + painted(padded(terminal_safe(report.verdict), kVerdictWidth), colour, color);
  line += "  expected " + padded(terminal_safe(report.expected), kVerdictWidth);
  line += "  " + heap_text(report, "  ");
  line += "  " + format_duration(report.wall_ms);
  return line;
}

std::string console_details(const Report& report) {
  std::string text;
  for (const std::string& line : failure_details(report)) {
    text += "    " + terminal_safe(line) + "\n";
  }
  return text;
}

std::string console_summary(const Summary& summary, bool color) {
  std::string line = std::to_string(summary.passed) + " passed, " + std::to_string(summary.failed) +
                     " failed in " + format_duration(summary.wall_ms);
  if (summary.interrupted) line += ", interrupted";
  return painted(line, summary.failed == 0 ? kGreen : kRed, color);
}

}  // namespace bp::reports
