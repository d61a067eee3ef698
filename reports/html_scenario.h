// One scenario's section of the HTML report (reports/html_page.h): its name and pass/fail, the
// description, the chart (reports/svg_chart.h) with its legend, the verdict against the
// expectation with its reason (or, for a failure, every line of failure_details), the numbers
// behind the verdict, the stages' buffers, and the lines of code that ignored backpressure
// (Report::violations, most writes first). XHTML, every text escaped.
#pragma once

#include <string>
#include <string_view>

#include "reports/report.h"

namespace bp::reports {

// <section class="scenario" id="ID">...</section>; `id` must be a valid XML id.
std::string html_scenario(const Report& report, std::string_view id);

// The verdict as a coloured word: <span class="verdict pass|fail|incomplete">grows</span>,
// "pass" when the expectation was met, "incomplete" when a missed run did not finish (stalled
// or error), "fail" otherwise; the same colours as the console.
std::string html_verdict(const Report& report);

// The outcome as a small label: <span class="result pass">pass</span> or "fail".
std::string html_result(const Report& report);

}  // namespace bp::reports
