#include "harness/suggest.h"

#include <gtest/gtest.h>

#include <array>
#include <string_view>

namespace bp::harness {
namespace {

constexpr std::array<std::string_view, 8> kKinds{"passthrough", "expand", "shrink", "cost",
                                                 "batch",       "gzip",   "gunzip", "retain"};

TEST(Suggest, CountsTranspositionsAsOneEdit) {
  EXPECT_EQ(edit_distance("kind", "kidn"), 1u);
  EXPECT_EQ(edit_distance("pipeline", "pipleine"), 1u);
  EXPECT_EQ(edit_distance("ab", "ba"), 1u);
  EXPECT_EQ(edit_distance("ca", "abc"), 3u);  // no edits inside a transposed pair
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("abc", "abc"), 0u);
}

TEST(Suggest, IgnoresCase) {
  EXPECT_EQ(edit_distance("Pipeline", "pipeline"), 0u);
  constexpr std::array<std::string_view, 2> kDrivers{"pipeline", "pipe"};
  EXPECT_EQ(suggest("Pipeline", kDrivers), "pipeline");
}

TEST(Suggest, FindsTheNearestPlausibleCandidate) {
  EXPECT_EQ(suggest("passthru", kKinds), "passthrough");
  EXPECT_EQ(suggest("gzp", kKinds), "gzip");
  EXPECT_EQ(suggest("retian", kKinds), "retain");
  EXPECT_EQ(suggest("expnad", kKinds), "expand");
}

TEST(Suggest, StaysQuietWhenNothingIsClose) {
  EXPECT_EQ(suggest("compress", kKinds), std::nullopt);
  EXPECT_EQ(suggest("x", kKinds), std::nullopt);
  EXPECT_EQ(suggest("gzip", kKinds), std::nullopt);  // a valid word needs no suggestion
}

TEST(Suggest, AllowsOneEditForShortWords) {
  constexpr std::array<std::string_view, 2> kWords{"rate", "ratio"};
  EXPECT_EQ(suggest("rat", kWords), "rate");
  EXPECT_EQ(suggest("rtae", kWords), "rate");
  EXPECT_EQ(suggest("rxtx", kWords), std::nullopt);
}

TEST(Suggest, PrefersTheEarlierCandidateOnATie) {
  constexpr std::array<std::string_view, 2> kWords{"gzip", "gunzip"};
  EXPECT_EQ(suggest("gzipp", kWords), "gzip");
  constexpr std::array<std::string_view, 2> kPair{"ab", "ba"};
  EXPECT_EQ(suggest("aa", kPair), "ab");
}

TEST(Suggest, JoinsAlternativesForMessages) {
  constexpr std::array<std::string_view, 3> kWords{"a", "b", "c"};
  EXPECT_EQ(joined(kWords), "a, b, c");
  EXPECT_EQ(joined({}), "");
}

}  // namespace
}  // namespace bp::harness
