// The scenario format's JSON Schema (schemas/scenario.schema.json), built into the program so
// that `bpharness schema scenario` can print it wherever the binary runs.
#pragma once

#include <string_view>

namespace bp::harness {

// The schema file's text, byte for byte as of the build.
std::string_view scenario_schema();

}  // namespace bp::harness
