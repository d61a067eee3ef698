// Fuzz target: the scenario parser and validator. Every input is either a valid scenario or a
// list of problems, each with a place in the file; a valid scenario written back as JSON
// ("the scenario as run") parses again to the same scenario.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "harness/scenario_json.h"
#include "harness/scenario_parser.h"
#include "tests/fuzz/fuzz_check.h"

using bp::fuzz::fuzz_require;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace bp::harness;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const ScenarioParse parse = parse_scenario(text, "fuzz.json");
  fuzz_require(parse.scenario.has_value() == parse.diagnostics.empty(),
          "a scenario exactly when there is no problem");
  for (const Diagnostic& d : parse.diagnostics) {
    fuzz_require(d.file == "fuzz.json", "every problem names the file");
    fuzz_require(d.line >= 1 && d.column >= 1, "every problem has a line and a column");
    fuzz_require(!d.message.empty(), "every problem says what is wrong");
  }
  if (!parse.scenario) return 0;
  const std::string written = to_json(*parse.scenario).dump();
  const ScenarioParse again = parse_scenario(written, "fuzz.json");
  fuzz_require(again.scenario.has_value(), "the scenario as run parses again");
  fuzz_require(to_json(*again.scenario).dump() == written, "the scenario as run round-trips");
  return 0;
}
