// Text made safe for XML 1.0 documents (JUnit here; HTML and SVG may use it too), encoded as
// UTF-8.
//
// Both functions escape '&', '<' and '>', and replace what XML 1.0 cannot hold at all with
// U+FFFD: invalid UTF-8 (stray, overlong or truncated sequences, surrogates), control
// characters other than tab, line feed and carriage return, and U+FFFE and U+FFFF. A carriage
// return becomes "&#13;" so that parsers do not turn it into a line feed.
#pragma once

#include <string>
#include <string_view>

namespace bp::reports {

// For element content.
std::string xml_text(std::string_view text);

// For an attribute value in double or single quotes: also escapes '"' and '\'', and writes
// tab and line feed as character references so that attribute normalisation keeps them.
std::string xml_attribute(std::string_view text);

// An attribute for a tag being written: ` name="value"`, with a space in front and the value
// escaped by xml_attribute. `name` is written as given.
std::string xml_attribute_pair(std::string_view name, std::string_view value);

}  // namespace bp::reports
