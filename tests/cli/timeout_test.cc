// A scenario that the runner kills at its timeout leaves nothing behind: its temporary sink
// file has no name from the start, so the kernel frees it with the killed process.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/reports/temp_dir.h"

namespace {

namespace fs = std::filesystem;
using bp::reports::testing::TempDir;

TEST(Timeout, AKilledScenarioLeavesNoTemporaryFile) {
  TempDir tmp;
  const fs::path temp = tmp.path() / "tmp";  // the scenario's TMPDIR, empty at the start
  fs::create_directories(temp);
  const fs::path scenario = tmp.path() / "slow.json";
  // 64 MiB at 1 MiB/s would take a minute; the timeout stops it after one second.
  std::ofstream(scenario) << R"({"version": 1, "name": "slow", "clock": "real",
      "source": {"total": "64MiB", "rate": "1MiB/s"}, "sink": {"file": true},
      "driver": "pipeline", "limits": {"timeout": "1s"}, "expect": {"memory": "bounded"}})";
  const std::string command = "TMPDIR='" + temp.string() + "' '" BP_BPHARNESS "' run --quiet --out '" +
                              (tmp.path() / "out").string() + "' '" + scenario.string() + "' > '" +
                              (tmp.path() / "log").string() + "' 2>&1";
  const int status = std::system(command.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 1) << "the timeout is an error, not the bounded run expected";

  std::vector<std::string> left;
  for (const auto& e : fs::directory_iterator(temp)) left.push_back(e.path().filename().string());
  EXPECT_EQ(left, std::vector<std::string>{});
}

}  // namespace
