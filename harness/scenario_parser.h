// Scenario text → a validated Scenario, or every problem in it.
//
// parse_scenario() reads one scenario file's text (version 1, docs/scenarios.md) and checks all
// of it in one pass: syntax, unknown keys (with the nearest valid key at that place), types,
// units, ranges, enum words (with did-you-mean), required members, and contradictions between
// parts. It produces a Scenario only when there is no problem at all. It never throws.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "harness/diagnostic.h"
#include "harness/json_source.h"
#include "harness/scenario.h"

namespace bp::harness {

struct ScenarioParse {
  std::optional<Scenario> scenario;     // present exactly when `diagnostics` is empty
  std::vector<Diagnostic> diagnostics;  // in the order of their places in the text, `file` set
  // The document as read (absent after a syntax error), to locate later findings about the
  // scenario, e.g. document->value_position("/stages/1").
  std::optional<JsonDocument> document;
};

// `file` is only used to fill Diagnostic::file and Scenario::file. `custom_kinds` are the stage
// kinds registered by name (from the stage registry); a stage of another unknown kind is an error.
ScenarioParse parse_scenario(std::string_view text, std::string_view file,
                             std::span<const std::string> custom_kinds = {});

}  // namespace bp::harness
