// The progress line: a bar, a count and the current scenario, never wider than the terminal.
#include "reports/progress_bar.h"

#include <gtest/gtest.h>

namespace bp::reports {
namespace {

TEST(ProgressBar, ShowsTheBarTheCountAndTheName) {
  EXPECT_EQ(progress_line(0, 16, "pipeline-slow-sink"),
            "[                    ] 0/16 pipeline-slow-sink");
  EXPECT_EQ(progress_line(8, 16, "pipeline-slow-sink"),
            "[==========>         ] 8/16 pipeline-slow-sink");
  EXPECT_EQ(progress_line(16, 16, ""), "[====================] 16/16");
}

TEST(ProgressBar, NeverExceedsTheWidth) {
  const std::string name = "a-scenario-with-a-rather-long-name-that-goes-on";
  for (std::size_t width = 0; width <= 100; ++width) {
    for (std::size_t done : {0u, 1u, 7u, 16u}) {
      const std::string line = progress_line(done, 16, name, width);
      EXPECT_LE(line.size(), width) << "width " << width << ", done " << done << ": " << line;
    }
  }
}

TEST(ProgressBar, CutsTheNameToFit) {
  EXPECT_EQ(progress_line(1, 2, "a-scenario-with-a-long-name", 40),
            "[==========>         ] 1/2 a-scenario...");
}

TEST(ProgressBar, DropsTheBarOnANarrowTerminal) {
  EXPECT_EQ(progress_line(3, 16, "pipeline", 14), "3/16 pipeline");
}

TEST(ProgressBar, HandlesNothingToDoAndTooMuchDone) {
  EXPECT_EQ(progress_line(0, 0, "x"), "[                    ] 0/0 x");
  EXPECT_EQ(progress_line(20, 16, "x"), "[====================] 16/16 x");
}

TEST(ProgressBar, ShowsControlCharactersAsQuestionMarks) {
  EXPECT_EQ(progress_line(0, 1, "a\x1b[2Jb\r", 80), "[                    ] 0/1 a?[2Jb?");
}

}  // namespace
}  // namespace bp::reports
