// The JSON form of a run's Summary (schemas/summary.schema.json), and its reader.
//
// Format: an object with "format": "bpharness-summary" and "version": 1 (kReportFormatVersion),
// then one key per Summary field with the same snake_case name; "scenarios" holds one object
// per SummaryEntry. Non-finite times are written as null and read back as NaN; everything else
// survives write + read exactly, as for reports (reports/report_json.h).
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "reports/read_result.h"
#include "reports/report.h"

namespace bp::reports {

inline constexpr std::string_view kSummaryFormat = "bpharness-summary";

nlohmann::json to_json(const Summary& summary);

// The Summary in `document`, or the first problem with its JSON pointer, as report_from_json.
ReadResult<Summary> summary_from_json(const nlohmann::json& document);

}  // namespace bp::reports
