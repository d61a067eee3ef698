#include "harness/diagnostic.h"

#include <gtest/gtest.h>

namespace bp::harness {
namespace {

TEST(Diagnostic, PrintsFileLineColumnPointerAndSuggestion) {
  const Diagnostic d{"s.json", 12, 7, "/stages/2/kind", "unknown stage kind 'passthru'", "passthrough"};
  EXPECT_EQ(
      d.to_string(),
      "s.json:12:7: error: unknown stage kind 'passthru' [at /stages/2/kind] (did you mean 'passthrough'?)");
}

TEST(Diagnostic, LeavesOutWhatIsAbsent) {
  EXPECT_EQ((Diagnostic{"dir", 0, 0, "", "no scenario files (*.json) in this folder", ""}).to_string(),
            "dir: error: no scenario files (*.json) in this folder");
  EXPECT_EQ((Diagnostic{"s.json", 1, 1, "", "the file is empty; expected a JSON value", ""}).to_string(),
            "s.json:1:1: error: the file is empty; expected a JSON value");
}

}  // namespace
}  // namespace bp::harness
