#include "harness/scenario_loader.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "scenario_test_support.h"

namespace bp::harness {
namespace {

namespace fs = std::filesystem;
using testing::data_dir;
using testing::lines_of;

// A fresh folder under the system's temporary folder, removed at the end of the test.
class TempFolder {
 public:
  TempFolder()
      : path_(fs::temp_directory_path() / ("bp-loader-" + std::to_string(::getpid()) + "-" + unique())) {
    fs::create_directories(path_);
  }
  ~TempFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;

  const fs::path& path() const { return path_; }
  fs::path write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ / name, std::ios::binary) << text;
    return path_ / name;
  }

 private:
  static std::string unique() {
    static int counter = 0;
    return std::to_string(++counter);
  }
  fs::path path_;
};

std::string valid(const std::string& name) {
  return R"({"version": 1, "name": ")" + name +
         R"(", "source": {"total": "1MiB"}, "driver": "pipe", "expect": {"memory": "bounded"}})";
}

TEST(ScenarioLoader, ExpandsFoldersIntoSortedJsonFiles) {
  const std::vector<fs::path> paths{data_dir()};
  const LoadedScenarios loaded = load_scenarios(paths);
  EXPECT_EQ(loaded.diagnostics, std::vector<Diagnostic>{});
  std::vector<std::string> names;
  for (const Scenario& s : loaded.scenarios) names.push_back(s.name);
  EXPECT_EQ(names, (std::vector<std::string>{"everything", "four-stages-bursty-sink", "leaky-loop-slow-sink",
                                             "minimal", "object-mode-stalls"}));
  EXPECT_EQ(loaded.scenarios.front().file, (data_dir() / "everything.json").string());
}

TEST(ScenarioLoader, ReadsAFileNamedTwiceOnce) {
  const std::vector<fs::path> paths{data_dir() / "minimal.json", data_dir(),
                                    data_dir() / "." / "minimal.json"};
  const LoadedScenarios loaded = load_scenarios(paths);
  EXPECT_TRUE(loaded.diagnostics.empty());
  EXPECT_EQ(loaded.scenarios.size(), 5u);
  EXPECT_EQ(loaded.scenarios.front().name, "minimal");
}

TEST(ScenarioLoader, ReportsEveryProblemOfEveryFile) {
  TempFolder folder;
  folder.write("a.json", valid("a"));
  folder.write("b.json", "{\"version\": 1,}");
  folder.write("c.json", R"({"version": 1, "name": "c", "source": {"total": "1MiB"}, "driver": "pip",
                             "expect": {"memory": "bounded"}})");
  folder.write("notes.txt", "not a scenario");
  const std::vector<fs::path> paths{folder.path()};
  const LoadedScenarios loaded = load_scenarios(paths);
  ASSERT_EQ(loaded.scenarios.size(), 1u);
  EXPECT_EQ(loaded.scenarios[0].name, "a");
  ASSERT_EQ(loaded.diagnostics.size(), 2u);
  EXPECT_EQ(loaded.diagnostics[0].to_string(),
            (folder.path() / "b.json").string() + ":1:14: error: trailing comma before '}'; remove it");
  EXPECT_EQ(loaded.diagnostics[1].file, (folder.path() / "c.json").string());
  EXPECT_EQ(loaded.diagnostics[1].suggestion, "pipe");
}

TEST(ScenarioLoader, ReportsDuplicateScenarioNames) {
  TempFolder folder;
  const fs::path first = folder.write("1.json", valid("same"));
  const fs::path second = folder.write("2.json", "{\n" + valid("same").substr(1));
  const std::vector<fs::path> paths{folder.path()};
  const LoadedScenarios loaded = load_scenarios(paths);
  EXPECT_EQ(loaded.scenarios.size(), 1u);
  ASSERT_EQ(loaded.diagnostics.size(), 1u);
  EXPECT_EQ(loaded.diagnostics[0].to_string(),
            second.string() + ":2:23: error: scenario name 'same' is already used by " + first.string() +
                "; names must be unique (they name the report files) [at /name]");
}

TEST(ScenarioLoader, ReportsMissingPathsAndEmptyFolders) {
  TempFolder folder;
  fs::create_directory(folder.path() / "empty");
  const std::vector<fs::path> paths{folder.path() / "missing.json", folder.path() / "empty"};
  const LoadedScenarios loaded = load_scenarios(paths);
  EXPECT_TRUE(loaded.scenarios.empty());
  EXPECT_EQ(lines_of(loaded.diagnostics).size(), 2u);
  EXPECT_EQ(loaded.diagnostics[0].to_string(),
            (folder.path() / "missing.json").string() + ": error: no such file or folder");
  EXPECT_EQ(loaded.diagnostics[1].to_string(),
            (folder.path() / "empty").string() + ": error: no scenario files (*.json) in this folder");
}

TEST(ScenarioLoader, RefusesWhatIsNotARegularFileAndSaysWhyAPathCannotBeRead) {
  TempFolder folder;
  const fs::path fifo = folder.path() / "fifo.json";  // reading it would wait for a writer
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  const fs::path loop = folder.path() / "loop.json";
  fs::create_symlink(loop, loop);
  const std::vector<fs::path> paths{fifo, loop};
  const LoadedScenarios loaded = load_scenarios(paths);
  ASSERT_EQ(loaded.diagnostics.size(), 2u);
  EXPECT_EQ(loaded.diagnostics[0].to_string(),
            fifo.string() + ": error: not a regular file (a scenario is a .json file)");
  EXPECT_EQ(loaded.diagnostics[1].to_string(),
            loop.string() + ": error: cannot read: Too many levels of symbolic links");
}

TEST(ScenarioLoader, RefusesHugeFiles) {
  TempFolder folder;
  const fs::path huge = folder.write("huge.json", std::string(kMaxScenarioFileBytes + 1, ' '));
  const std::vector<fs::path> paths{huge};
  const LoadedScenarios loaded = load_scenarios(paths);
  ASSERT_EQ(loaded.diagnostics.size(), 1u);
  EXPECT_EQ(loaded.diagnostics[0].to_string(),
            huge.string() + ": error: the file is too large for a scenario (4 MiB; the limit is 4 MiB)");
}

TEST(ScenarioLoader, PassesCustomKindsThrough) {
  TempFolder folder;
  const fs::path file = folder.write("c.json", R"({"version": 1, "name": "c", "source": {"total": "1MiB"},
      "stages": [{"kind": "mine"}], "driver": "pipe", "expect": {"memory": "bounded"}})");
  const std::vector<fs::path> paths{file};
  const std::vector<std::string> custom{"mine"};
  EXPECT_EQ(load_scenarios(paths, custom).scenarios.size(), 1u);
  EXPECT_EQ(load_scenarios(paths).scenarios.size(), 0u);
}

}  // namespace
}  // namespace bp::harness
