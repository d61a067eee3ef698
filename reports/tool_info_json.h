// The JSON form of ToolInfo, shared by the report and the summary: {"version", "allocator",
// "host", "os", "cpus"}. Internal to reports/.
#pragma once

#include <nlohmann/json.hpp>

#include "reports/json_reader.h"
#include "reports/report.h"

namespace bp::reports {

nlohmann::json to_json(const ToolInfo& tool);

// Read by detail::JsonReader through argument-dependent lookup.
void read_fields(detail::ObjectFields& fields, ToolInfo& tool);

}  // namespace bp::reports
