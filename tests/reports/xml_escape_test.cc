// XML escaping: every string a report can hold comes back unchanged from a parser, or with
// U+FFFD where XML 1.0 cannot hold the character.
#include "reports/xml_escape.h"

#include <gtest/gtest.h>

#include "tests/reports/libxml2_reader.h"

namespace bp::reports {
namespace {

using testing::parse_xml_strictly;

const std::string kReplacement = "\xEF\xBF\xBD";

// What a parser reads from `text` written as an attribute and as element content.
std::pair<std::string, std::string> read_back(std::string_view text) {
  const std::string document = "<e a=\"" + xml_attribute(text) + "\" b='" + xml_attribute(text) +
                               "'>" + xml_text(text) + "</e>";
  std::string error;
  const auto root = parse_xml_strictly(document, error);
  EXPECT_TRUE(root.has_value()) << error << " in " << document;
  if (!root) return {};
  EXPECT_EQ(root->attribute("a"), root->attribute("b"));
  return {root->attribute("a").value_or(""), root->text};
}

TEST(XmlEscape, MarkupCharactersSurviveInAttributesAndText) {
  const std::string text = "<a href=\"x\">Tom & 'Jerry'</a> ]]>";
  EXPECT_EQ(read_back(text), std::make_pair(text, text));
}

TEST(XmlEscape, TabsAndLineEndsSurviveInAttributesAndText) {
  const std::string text = "one\ttwo\nthree\r\nfour\r";
  EXPECT_EQ(read_back(text), std::make_pair(text, text));
}

TEST(XmlEscape, ControlCharactersBecomeReplacementCharacters) {
  const std::string text = std::string(
                               "a\x01"
                               "b\x1b[31m\x7f",
                               9) +
                           std::string(1, '\0') + "z";
  const std::string expected =
      "a" + kReplacement + "b" + kReplacement + "[31m\x7f" + kReplacement + "z";
  EXPECT_EQ(read_back(text), std::make_pair(expected, expected));
}

TEST(XmlEscape, ValidUtf8IsKept) {
  const std::string text = "ünïcödé ✓ 𝄞 ×";
  EXPECT_EQ(xml_text(text), text);
  EXPECT_EQ(read_back(text), std::make_pair(text, text));
}

TEST(XmlEscape, InvalidUtf8BecomesReplacementCharacters) {
  for (const std::string bad : {"\xff", "\xc3", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80",
                                "\xef\xbf\xbe", "\xe2\x9c"}) {
    const std::string text = "[" + bad + "]";
    const std::string escaped = xml_text(text);
    EXPECT_TRUE(escaped.starts_with("[" + kReplacement)) << "input bytes " << bad.size();
    EXPECT_TRUE(escaped.ends_with(kReplacement + "]")) << "input bytes " << bad.size();
    const auto [attribute, content] = read_back(text);
    EXPECT_EQ(content, escaped) << "input bytes " << bad.size();
  }
}

}  // namespace
}  // namespace bp::reports
