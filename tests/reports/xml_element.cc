#include "tests/reports/xml_element.h"

namespace bp::reports::testing {

std::optional<std::string> XmlElement::attribute(std::string_view key) const {
  for (const auto& [name_, value] : attributes) {
    if (name_ == key) return value;
  }
  return std::nullopt;
}

std::vector<const XmlElement*> XmlElement::all(std::string_view child_name) const {
  std::vector<const XmlElement*> out;
  for (const XmlElement& child : children) {
    if (child.name == child_name) out.push_back(&child);
  }
  return out;
}

}  // namespace bp::reports::testing
