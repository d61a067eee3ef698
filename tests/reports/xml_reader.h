// A small, strict XML reader for the tests: enough to prove that a writer's output is
// well-formed XML 1.0 and to walk its elements. Refuses what a conforming parser refuses among
// the things our writers could get wrong: invalid UTF-8, characters XML 1.0 cannot hold,
// unescaped '<' or '&', unknown entities, mismatched or unclosed tags, duplicate attributes,
// text outside the root. Does not support DTDs or processing instructions other than the XML
// declaration. Attribute values are normalised as XML 1.0 says (a literal tab or line end
// reads as a space; character references keep theirs).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bp::reports::testing {

struct XmlElement {
  std::string name;
  std::vector<std::pair<std::string, std::string>> attributes;  // in document order
  std::vector<XmlElement> children;
  std::string text;  // all character data directly inside, concatenated

  // The attribute's value, or nullopt.
  std::optional<std::string> attribute(std::string_view key) const;
  // The children named `child_name`, in order.
  std::vector<const XmlElement*> all(std::string_view child_name) const;
};

// The document's root element, or nullopt with `error` set to "offset N: problem".
std::optional<XmlElement> parse_xml(std::string_view document, std::string& error);

}  // namespace bp::reports::testing
