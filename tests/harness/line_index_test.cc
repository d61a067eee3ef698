#include "harness/line_index.h"

#include <gtest/gtest.h>

#include <string>

namespace bp::harness {
namespace {

TEST(LineIndex, CountsLinesAndCharacterColumnsFromOne) {
  const std::string text = "ab\nçd\n\nx";
  const LineIndex index(text, 0);
  EXPECT_EQ(index.position(0), (TextPosition{1, 1}));
  EXPECT_EQ(index.position(2), (TextPosition{1, 3}));  // the newline itself
  EXPECT_EQ(index.position(3), (TextPosition{2, 1}));
  EXPECT_EQ(index.position(5), (TextPosition{2, 2}));  // after the two bytes of 'ç'
  EXPECT_EQ(index.position(7), (TextPosition{3, 1}));
  EXPECT_EQ(index.position(8), (TextPosition{4, 1}));
  EXPECT_EQ(index.position(99), (TextPosition{4, 2}));  // past the end: the end
}

TEST(LineIndex, StartsTheFirstLineAfterAByteOrderMark) {
  const std::string text = "\xEF\xBB\xBF{}";
  const LineIndex index(text, 3);
  EXPECT_EQ(index.position(3), (TextPosition{1, 1}));
  EXPECT_EQ(index.position(4), (TextPosition{1, 2}));
}

TEST(LineIndex, StaysExactFarIntoOneLongLine) {
  std::string text(10'000, 'a');
  text.replace(5'000, 2, "é");
  const LineIndex index(text, 0);
  EXPECT_EQ(index.position(4'999), (TextPosition{1, 5'000}));
  EXPECT_EQ(index.position(5'002), (TextPosition{1, 5'002}));
  EXPECT_EQ(index.position(9'999), (TextPosition{1, 9'999}));
}

}  // namespace
}  // namespace bp::harness
