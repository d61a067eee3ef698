// run_spec: runs one conformance spec (an op sequence, ../shared/conformance/README.md) on
// the reference streams in a fresh SimLoop and returns the trace, line by line, in the
// protocol Node's oracle prints. The first line names the runtime: {"ev":"runtime",...}.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

namespace bp::trace {

std::vector<nlohmann::json> run_spec(const nlohmann::json& spec);

}  // namespace bp::trace
