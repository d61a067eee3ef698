// write_file_atomically: the target holds the old contents or the whole new ones, and no
// temporary file is left behind.
#include "reports/atomic_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "tests/reports/report_fixtures.h"
#include "tests/reports/temp_dir.h"

namespace bp::reports {
namespace {

using testing::read_text;
using testing::TempDir;
using Names = std::set<std::string>;

TEST(AtomicFile, WritesTheWholeText) {
  TempDir dir;
  const std::string text(1 << 20, 'x');
  EXPECT_EQ(write_file_atomically(dir.path() / "a.json", text), std::nullopt);
  EXPECT_EQ(read_text(dir.path() / "a.json"), text);
  EXPECT_EQ(dir.entries(), Names{"a.json"});
}

TEST(AtomicFile, ReplacesAnExistingFile) {
  TempDir dir;
  ASSERT_EQ(write_file_atomically(dir.path() / "a.json", "old, and longer than the new"),
            std::nullopt);
  EXPECT_EQ(write_file_atomically(dir.path() / "a.json", "new"), std::nullopt);
  EXPECT_EQ(read_text(dir.path() / "a.json"), "new");
  EXPECT_EQ(dir.entries(), Names{"a.json"});
}

TEST(AtomicFile, WritesAnEmptyFile) {
  TempDir dir;
  EXPECT_EQ(write_file_atomically(dir.path() / "empty", ""), std::nullopt);
  EXPECT_TRUE(std::filesystem::exists(dir.path() / "empty"));
  EXPECT_EQ(std::filesystem::file_size(dir.path() / "empty"), 0u);
}

TEST(AtomicFile, CreatesFilesWithTheUmaskApplied) {
  TempDir dir;
  const mode_t old_mask = ::umask(022);
  const auto result = write_file_atomically(dir.path() / "a.json", "{}");
  ::umask(old_mask);
  ASSERT_EQ(result, std::nullopt);
  struct stat info {};
  ASSERT_EQ(::stat((dir.path() / "a.json").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0644u);
}

TEST(AtomicFile, FailsWithAMessageWhenTheDirectoryIsMissing) {
  TempDir dir;
  const auto error = write_file_atomically(dir.path() / "missing" / "a.json", "{}");
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->find("cannot write " + (dir.path() / "missing" / "a.json").string()),
            std::string::npos)
      << *error;
  EXPECT_NE(error->find("No such file or directory"), std::string::npos) << *error;
  EXPECT_EQ(dir.entries(), Names{});
}

TEST(AtomicFile, LeavesTheTargetAndNoTemporaryFileWhenTheRenameFails) {
  TempDir dir;
  // A non-empty directory where the file should go: everything succeeds but the rename.
  std::filesystem::create_directories(dir.path() / "a.json" / "inside");
  const auto error = write_file_atomically(dir.path() / "a.json", "{}");
  ASSERT_TRUE(error.has_value());
  EXPECT_NE(error->find("rename"), std::string::npos) << *error;
  EXPECT_TRUE(std::filesystem::is_directory(dir.path() / "a.json" / "inside"));
  EXPECT_EQ(dir.entries(), Names{"a.json"});
}

TEST(AtomicFile, RefusesAPathWithoutAFileName) {
  TempDir dir;
  EXPECT_TRUE(write_file_atomically(dir.path() / "", "{}").has_value());
  EXPECT_EQ(dir.entries(), Names{});
}

}  // namespace
}  // namespace bp::reports
