// JSON text → a nlohmann::json value, plus where in the text each value (and each object key)
// starts, so that later checks can say "file:12:7" about "/stages/2/kind".
//
// read_json() is a strict RFC 8259 reader written for its error messages; nlohmann::json cannot
// report positions or duplicate keys, so this one does, and builds nlohmann::json values. It
// never throws and never recurses deeper than kMaxJsonDepth. Every syntax error names the line,
// the column and what was expected there ("expected ',' or '}' after the value of \"chunk\"",
// "trailing comma before ']'", "comments are not allowed in JSON"). It accepts a UTF-8 byte order
// mark and refuses UTF-16, invalid UTF-8, binary junk, and duplicate keys within one object.
//
// Lines and columns are 1-based; columns count Unicode characters (a tab is one), which is what
// editors show for UTF-8 files without tabs. Pointers are RFC 6901 JSON pointers: "" for the
// root, "/stages/0/kind" below it, with "~" and "/" in keys written "~0" and "~1".
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "harness/diagnostic.h"
#include "harness/line_index.h"
#include "reports/json_pointer.h"

namespace bp::harness {

inline constexpr int kMaxJsonDepth = 64;

// A parsed document and the positions of its values. Immutable once read.
class JsonDocument {
 public:
  struct Place {
    TextPosition value;  // where the value starts: its '{', '[', '"', digit or letter
    TextPosition key;    // for an object member, where its key's '"' is; else {0, 0}
  };

  JsonDocument(nlohmann::json value, std::unordered_map<std::string, Place> places)
      : value_(std::move(value)), places_(std::move(places)) {}

  const nlohmann::json& value() const { return value_; }
  // The document has a value at `pointer`.
  bool has(std::string_view pointer) const { return places_.contains(std::string(pointer)); }

  // Where the value at `pointer` starts. For a pointer that names nothing in the document (a
  // missing key), the position of its nearest ancestor that exists.
  TextPosition value_position(std::string_view pointer) const;
  // Where the key of the member at `pointer` starts; value_position() for anything else.
  TextPosition key_position(std::string_view pointer) const;

 private:
  const Place* nearest(std::string_view pointer) const;

  nlohmann::json value_;
  std::unordered_map<std::string, Place> places_;
};

struct JsonRead {
  // Present when the text is well-formed JSON. Duplicate keys are reported in `diagnostics`
  // but do not remove the document; the first of the duplicates is kept.
  std::optional<JsonDocument> document;
  std::vector<Diagnostic> diagnostics;  // with `file` set to the name given to read_json()
};

JsonRead read_json(std::string_view text, std::string_view file);

// Scenario messages name values by JSON pointer, built as the report readers build theirs.
using reports::pointer_child;

}  // namespace bp::harness
