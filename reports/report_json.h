// The JSON form of a Report (schemas/report.schema.json) and of its parts, and the reader that
// turns such a document back into a Report.
//
// Format: an object with "format": "bpharness-report" and "version": 1 (kReportFormatVersion),
// then one key per Report field with the same snake_case name. Optional fields (error, signal,
// heap.returned_to_baseline) are left out when unset. Numbers that are not finite (NaN, ±inf)
// are written as null and read back as NaN; every other value survives write + read exactly,
// also through text: report_from_json(json::parse(to_json(r).dump())) == r.
//
// Strings are written as given; dump with nlohmann::json::error_handler_t::replace (as
// report_text() in reports/report_files.h does) so that invalid UTF-8 cannot throw.
#pragma once

#include <array>
#include <nlohmann/json.hpp>
#include <string_view>

#include "reports/read_result.h"
#include "reports/report.h"

namespace bp::reports {

inline constexpr std::string_view kReportFormat = "bpharness-report";

// The words Report::verdict and Report::expected may hold.
inline constexpr std::array<std::string_view, 4> kVerdictWords = {"bounded", "grows", "stalled",
                                                                  "error"};
// The words Report::clock may hold.
inline constexpr std::array<std::string_view, 2> kClockWords = {"virtual", "real"};

nlohmann::json to_json(const Report& report);

// The Report in `document`, or the first problem: the JSON pointer of the value concerned and
// what was expected ("at /heap/bound: expected an integer, found a string"). Refuses unknown
// keys, a different "format", and any "version" but kReportFormatVersion.
ReadResult<Report> report_from_json(const nlohmann::json& document);

}  // namespace bp::reports
