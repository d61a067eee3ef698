// Strict parsing with libxml2 (Debian's libxml2-dev), for the writers whose output browsers and
// other tools read: any error or warning libxml2 reports fails the parse, and nothing is
// fetched (XML_PARSE_NONET). The document becomes the XmlElement tree of
// tests/reports/xml_element.h; element names are local names, attribute names keep their
// prefix ("xml:lang").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tests/reports/xml_element.h"

namespace bp::reports::testing {

// The root element, or nullopt with `error` set to libxml2's messages ("line N: ...").
std::optional<XmlElement> parse_xml_strictly(std::string_view document, std::string& error);

// Every element named `name` below `root` (root included), in document order.
std::vector<const XmlElement*> descendants(const XmlElement& root, std::string_view name);
// Those of them whose class attribute is `class_name`.
std::vector<const XmlElement*> descendants(const XmlElement& root, std::string_view name,
                                           std::string_view class_name);

}  // namespace bp::reports::testing
