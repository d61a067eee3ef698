// JUnit XML for CI systems (Jenkins, GitLab, GitHub test reporters): a run as
//
//   <testsuites name="bpharness" tests failures errors time>
//     <testsuite name="bpharness" tests failures errors skipped time timestamp hostname>
//       <properties> the tool info </properties>
//       <testcase classname="bpharness.DRIVER" name="SCENARIO" time="SECONDS"> ... </testcase>
//
// with one testcase per report, in the order given. A scenario that missed its expectation
// holds <failure message="expected bounded, got grows: peak ..., slope ..." type="VERDICT">
// with failure_details() (reports/verdict_text.h) as its text; one whose process was killed
// (Report::signal) holds <error type="signal"> instead. Every testcase holds <system-out> with
// the verdict's reason. Counts come from the reports, the suite's time from summary.wall_ms,
// timestamp and hostname from the summary (left out when empty). Times are seconds written as
// "12.345"; the timestamp is the UTC start without a zone ("2024-05-01T12:34:56"), the only
// form every JUnit reader takes, and is left out when summary.started is not a UTC time. The
// document is valid against tests/reports/junit.xsd, the format as Jenkins and GitLab read it;
// all text goes through reports/xml_escape.h.
#pragma once

#include <span>
#include <string>

#include "reports/report.h"

namespace bp::reports {

std::string junit_xml(std::span<const Report> reports, const Summary& summary);

}  // namespace bp::reports
