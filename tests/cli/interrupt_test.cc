// Ctrl-C during `bpharness run -j 2`: the test sends SIGINT once a first report is written.
// bpharness exits 130; every report it finished is complete, valid JSON; summary.json says
// the run was interrupted; no temporary or partial file is left; no child process survives.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/cli/processes.h"
#include "tests/reports/temp_dir.h"

namespace {

namespace fs = std::filesystem;
using bp::cli::testing::processes_mentioning;
using bp::cli::testing::read_text;
using bp::reports::testing::TempDir;

void write_scenario(const fs::path& dir, const std::string& name, const std::string& total) {
  std::ofstream(dir / (name + ".json"))
      << R"({"version": 1, "name": ")" << name << R"(", "source": {"chunk": "64KiB", "total": ")" << total
      << R"(", "rate": "4GiB/s"}, "sink": {"rate": "1GiB/s"}, "driver": "pipeline",
             "expect": {"memory": "bounded"}})";
}

bool has_report(const fs::path& out) {
  if (!fs::exists(out)) return false;
  for (const auto& e : fs::directory_iterator(out)) {
    const std::string name = e.path().filename().string();
    if (name.ends_with(".report.json") && name[0] != '.') return true;
  }
  return false;
}

TEST(Interrupt, CtrlCDuringParallelRunLeavesValidReportsAndNoChild) {
  TempDir tmp;
  const fs::path suite = tmp.path() / "suite";
  const fs::path out = tmp.path() / "out";
  fs::create_directories(suite);
  write_scenario(suite, "a-quick", "1MiB");
  for (const char* name : {"b-slow", "c-slow", "d-slow"}) write_scenario(suite, name, "10GiB");

  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::execl(BP_BPHARNESS, BP_BPHARNESS, "run", suite.c_str(), "-j", "2", "--quiet", "--out", out.c_str(),
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  // Waits for a first report; the slow ones take far longer (10 GiB each).
  for (int i = 0; i < 600 && !has_report(out); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  ASSERT_TRUE(has_report(out)) << "no report appeared";
  ASSERT_EQ(::kill(pid, SIGINT), 0);
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status)) << "status " << status;
  EXPECT_EQ(WEXITSTATUS(status), 130);

  EXPECT_EQ(processes_mentioning(out.string()), std::vector<std::string>{}) << "children left behind";
  std::size_t reports = 0;
  for (const auto& e : fs::directory_iterator(out)) {
    const std::string name = e.path().filename().string();
    EXPECT_NE(name[0], '.') << "temporary file left: " << name;
    const auto doc = nlohmann::json::parse(read_text(e.path()), nullptr, false);
    EXPECT_FALSE(doc.is_discarded()) << name << " is not valid JSON";
    if (name.ends_with(".report.json")) ++reports;
  }
  EXPECT_GE(reports, 1u);
  const auto summary = nlohmann::json::parse(read_text(out / "summary.json"), nullptr, false);
  ASSERT_FALSE(summary.is_discarded());
  EXPECT_EQ(summary.value("interrupted", false), true) << summary.dump();
  EXPECT_EQ(summary["scenarios"].size(), reports);
}

}  // namespace
