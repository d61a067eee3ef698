// Console output of a run, for a developer at a terminal and for CI logs: one line per
// scenario, the details of a failure, and the summary line.
//
// Colour (ANSI SGR escapes) only when `color` is true; the CLI passes false when NO_COLOR is
// set or the stream is not a terminal. Text taken from reports (names, reasons, errors) goes
// through terminal_safe(), so that no name can move the cursor or change colours. Nothing here
// prints: each function returns the text, and the caller writes it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "reports/report.h"

namespace bp::reports {

// "PASS  pipeline-slow-sink  bounded  expected bounded  peak +40 KiB / bound 96 KiB (0.42×)
// slope 0.0001  12 ms" (one line, no line end; the time is wall time). The name is padded to
// `name_width`. "PASS" and the verdict are green when the expectation was met; "FAIL" and the
// verdict are red when a measured verdict (bounded, grows) missed it, and yellow when the run
// did not complete (stalled, error) and that was not the expectation.
std::string console_line(const Report& report, bool color, std::size_t name_width = 0);

// failure_details(report) (reports/verdict_text.h), each line indented by 4 spaces and ending
// in '\n'; "" when there is nothing to say. The runner prints it under a failed scenario's line.
std::string console_details(const Report& report);

// "14 passed, 2 failed in 12.3 s", with ", interrupted" when the run was cut short; green when
// nothing failed, red otherwise. No line end.
std::string console_summary(const Summary& summary, bool color);

// `text` with each control character (bytes below 0x20, and 0x7F) replaced by '?'.
std::string terminal_safe(std::string_view text);

}  // namespace bp::reports
