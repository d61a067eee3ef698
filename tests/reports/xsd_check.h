// Validating an XML document against an XML Schema with libxml2, for the tests of the XML
// writers. Nothing is fetched from the network (XML_PARSE_NONET).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace bp::reports::testing {

// Every problem libxml2 finds, as "line N: message" (empty when `document` is valid against the
// schema in `xsd_file`); a schema that does not load is a problem too.
std::vector<std::string> xsd_problems(std::string_view document, const std::filesystem::path& xsd_file);

}  // namespace bp::reports::testing
