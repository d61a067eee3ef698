// An XML element as the tests walk it: name, attributes, children and text. The writers'
// output is parsed into it by tests/reports/libxml2_reader.h.
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

}  // namespace bp::reports::testing
