// The report and summary formats' JSON Schemas (schemas/report.schema.json,
// schemas/summary.schema.json), built into the program so that `bpharness schema report`
// can print them wherever the binary runs.
#pragma once

#include <string_view>

namespace bp::reports {

// Each schema file's text, byte for byte as of the build.
std::string_view report_schema();
std::string_view summary_schema();

}  // namespace bp::reports
