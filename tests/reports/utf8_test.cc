#include "reports/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace bp::reports {
namespace {

TEST(Utf8, MeasuresValidSequences) {
  EXPECT_EQ(utf8_length("a", 0), 1u);
  EXPECT_EQ(utf8_length("é", 0), 2u);
  EXPECT_EQ(utf8_length("€", 0), 3u);
  EXPECT_EQ(utf8_length("😀", 0), 4u);
  EXPECT_EQ(utf8_length("\xF4\x8F\xBF\xBF", 0), 4u);  // U+10FFFF
}

TEST(Utf8, RefusesInvalidSequences) {
  EXPECT_EQ(utf8_length("\x80", 0), 0u);              // a stray continuation byte
  EXPECT_EQ(utf8_length("\xC0\xAF", 0), 0u);          // overlong '/'
  EXPECT_EQ(utf8_length("\xE0\x80\xAF", 0), 0u);      // overlong, three bytes
  EXPECT_EQ(utf8_length("\xED\xA0\x80", 0), 0u);      // a surrogate
  EXPECT_EQ(utf8_length("\xF4\x90\x80\x80", 0), 0u);  // above U+10FFFF
  EXPECT_EQ(utf8_length("\xE2\x82", 0), 0u);          // cut off
  EXPECT_EQ(utf8_length("\xFF", 0), 0u);
}

TEST(Utf8, WritesCodePoints) {
  std::string out;
  for (std::uint32_t code_point : {0x41u, 0xE9u, 0x20ACu, 0x1F600u}) append_utf8(out, code_point);
  EXPECT_EQ(out, "Aé€😀");
}

}  // namespace
}  // namespace bp::reports
