// bpharness exec end to end: the verdicts of programs whose behaviour is known (cat streams,
// hold-all.sh keeps everything), programs that end badly (early, non-zero, by a signal), the
// stops (stall, timeout, ceiling, Ctrl-C), and after each that no process of the program's
// group is left. Inputs are a few MiB and runs take seconds; the growing program runs under a
// 64 MiB ceiling.
#include <fcntl.h>
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
using bp::cli::testing::child_of;
using bp::cli::testing::members_of;
using bp::cli::testing::processes_mentioning;
using bp::cli::testing::read_text;
using bp::reports::testing::TempDir;
using nlohmann::json;

const std::string kHoldAll = BP_PROGRAMS "/hold-all.sh";

// Starts bpharness with `args`, its stdout and stderr going to files in `dir`.
pid_t start(const std::vector<std::string>& args, const fs::path& dir) {
  const pid_t pid = ::fork();
  if (pid != 0) return pid;
  const int out = ::open((dir / "stdout").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  const int err = ::open((dir / "stderr").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  ::dup2(out, STDOUT_FILENO);
  ::dup2(err, STDERR_FILENO);
  std::vector<char*> argv{const_cast<char*>(BP_BPHARNESS)};
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  ::execv(BP_BPHARNESS, argv.data());
  ::_exit(127);
}

int wait_exit(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

struct Result {
  int code;
  json report;  // null when no report was written
  std::string err;
};

// bpharness exec OPTIONS -- COMMAND, with --json into a fresh directory.
Result exec(const std::vector<std::string>& options, const std::vector<std::string>& command) {
  TempDir tmp;
  std::vector<std::string> args{"exec", "--json", (tmp.path() / "report.json").string()};
  args.insert(args.end(), options.begin(), options.end());
  args.push_back("--");
  args.insert(args.end(), command.begin(), command.end());
  const int code = wait_exit(start(args, tmp.path()));
  const std::string text = read_text(tmp.path() / "report.json");
  return {code, text.empty() ? json() : json::parse(text), read_text(tmp.path() / "stderr")};
}

void expect_no_process_left(const json& report) {
  ASSERT_TRUE(report.contains("program")) << report.dump();
  const pid_t pgid = report["program"]["pid"].get<pid_t>();
  ASSERT_GT(pgid, 0);
  EXPECT_EQ(members_of(pgid), std::vector<std::string>{}) << "processes left in group " << pgid;
}

constexpr std::uint64_t kMiB = 1024 * 1024;

TEST(Exec, CatStaysBoundedAndPassesEveryByte) {
  const Result r = exec({"--total", "8MiB", "--input-rate", "64MiB/s", "--output-rate", "16MiB/s"}, {"cat"});
  ASSERT_FALSE(r.report.is_null()) << r.err;
  EXPECT_EQ(r.code, 0) << r.report.dump(2);
  EXPECT_EQ(r.report["verdict"], "bounded");
  EXPECT_EQ(r.report["input_bytes"], 8 * kMiB);
  EXPECT_EQ(r.report["output_bytes"], 8 * kMiB);
  EXPECT_EQ(r.report["program"]["exit_code"], 0);
  EXPECT_FALSE(r.report["program"].contains("stopped"));
  EXPECT_GT(r.report["samples"].size(), 0u);
  expect_no_process_left(r.report);
}

TEST(Exec, InputFileIsSentWholeInsteadOfGeneratedData) {
  TempDir tmp;
  const fs::path input = tmp.path() / "input.bin";
  std::ofstream(input, std::ios::binary) << std::string(3'000'001, 'x');  // not a whole number of chunks
  const Result r = exec({"--input", input.string()}, {"cat"});
  ASSERT_FALSE(r.report.is_null()) << r.err;
  EXPECT_EQ(r.code, 0) << r.report.dump(2);
  EXPECT_EQ(r.report["input_bytes"], 3'000'001);
  EXPECT_EQ(r.report["output_bytes"], 3'000'001);
  EXPECT_EQ(r.report["scenario"]["source"]["file"], input.string());
}

TEST(Exec, ProgramKeepingEverythingGrowsToTheCeiling) {
  const Result r = exec({"--total", "512MiB", "--input-rate", "512MiB/s", "--output-rate", "16MiB/s",
                         "--ceiling", "64MiB", "--expect", "grows"},
                        {kHoldAll});
  ASSERT_FALSE(r.report.is_null()) << r.err;
  EXPECT_EQ(r.code, 0) << r.report.dump(2);
  EXPECT_EQ(r.report["verdict"], "grows");
  EXPECT_EQ(r.report["heap"]["ceiling_hit"], true);
  EXPECT_EQ(r.report["program"]["stopped"], "ceiling");
  EXPECT_LT(r.report["input_bytes"].get<std::uint64_t>(), 512 * kMiB) << "the run went on past the ceiling";
  expect_no_process_left(r.report);
}

TEST(Exec, ProgramKeepingEverythingGrowsWithItsInput) {
  const Result r = exec({"--total", "48MiB", "--input-rate", "128MiB/s", "--ceiling", "1GiB", "--expect", "grows"},
                        {kHoldAll});
  ASSERT_FALSE(r.report.is_null()) << r.err;
  EXPECT_EQ(r.code, 0) << r.report.dump(2);
  EXPECT_EQ(r.report["verdict"], "grows");
  EXPECT_EQ(r.report["heap"]["ceiling_hit"], false);
  // It keeps each line it reads: at least as many bytes as it read, less the noise.
  EXPECT_GE(r.report["heap"]["slope_second_half"].get<double>(), 0.5);
  // Every line comes back at the end; awk ends the last one with a newline if the input did not.
  EXPECT_GE(r.report["output_bytes"].get<std::uint64_t>(), 48 * kMiB);
  EXPECT_LE(r.report["output_bytes"].get<std::uint64_t>(), 48 * kMiB + 1);
  expect_no_process_left(r.report);
}

TEST(Exec, ProgramExitingBeforeItsInputEndsIsAnError) {
  const Result r = exec({"--total", "8MiB"}, {"head", "-c", "1000"});
  ASSERT_FALSE(r.report.is_null()) << r.err;
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.report["verdict"], "error");
  EXPECT_NE(r.report["error"].get<std::string>().find("before reading all its input"), std::string::npos)
      << r.report["error"];
  EXPECT_EQ(r.report["program"]["exit_code"], 0);
  EXPECT_EQ(r.report["output_bytes"], 1000);
  expect_no_process_left(r.report);
}

TEST(Exec, NonZeroExitIsAnErrorWithItsStderrTail) {
  const Result r = exec({"--total", "1MiB"}, {"sh", "-c", "cat > /dev/null; echo 'it went wrong' >&2; exit 3"});
  ASSERT_FALSE(r.report.is_null()) << r.err;
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.report["verdict"], "error");
  EXPECT_EQ(r.report["program"]["exit_code"], 3);
  EXPECT_EQ(r.report["error"], "the program exited with status 3");
  EXPECT_EQ(r.report["program"]["stderr_tail"], "it went wrong\n");
  expect_no_process_left(r.report);
}

TEST(Exec, StderrTailKeepsTheLastBytes) {
  // 10000 lines of 6 bytes: more than the tail holds, which must end with the last line.
  const Result r = exec({"--total", "64KiB"},
                        {"sh", "-c", "cat > /dev/null; i=0; while [ $i -lt 10000 ]; do echo line >&2; i=$((i+1)); done; echo last >&2"});
  ASSERT_FALSE(r.report.is_null()) << r.err;
  const std::string tail = r.report["program"]["stderr_tail"];
  EXPECT_EQ(tail.size(), 4096u);
  EXPECT_TRUE(tail.ends_with("line\nlast\n")) << tail.substr(tail.size() - 20);
}

TEST(Exec, DeathBySignalIsAnError) {
  const Result r = exec({"--total", "1MiB"}, {"sh", "-c", "kill -USR1 $$"});
  ASSERT_FALSE(r.report.is_null()) << r.err;
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.report["verdict"], "error");
  EXPECT_EQ(r.report["program"]["exit_signal"], SIGUSR1);
  EXPECT_FALSE(r.report["program"].contains("exit_code"));
  expect_no_process_left(r.report);
}

TEST(Exec, ProgramThatNeverReadsIsStalledAndItsGroupKilled) {
  const Result r = exec({"--total", "8MiB", "--stall-after", "1s", "--timeout", "60s"},
                        {"sh", "-c", "sleep 60 & sleep 60"});
  ASSERT_FALSE(r.report.is_null()) << r.err;
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.report["verdict"], "stalled");
  EXPECT_EQ(r.report["program"]["stopped"], "stalled");
  EXPECT_LT(r.report["input_bytes"].get<std::uint64_t>(), 8 * kMiB);
  expect_no_process_left(r.report);
}

TEST(Exec, TimeoutKillsTheGroup) {
  const Result r = exec({"--total", "64MiB", "--input-rate", "1MiB/s", "--timeout", "1s"},
                        {"sh", "-c", "sleep 60 & cat > /dev/null"});
  ASSERT_FALSE(r.report.is_null()) << r.err;
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.report["verdict"], "error");
  EXPECT_EQ(r.report["program"]["stopped"], "timeout");
  EXPECT_NE(r.report["error"].get<std::string>().find("timed out"), std::string::npos) << r.report["error"];
  expect_no_process_left(r.report);
}

TEST(Exec, CtrlCKillsTheGroupAndExits130) {
  TempDir tmp;
  const fs::path report = tmp.path() / "report.json";
  const pid_t pid = start({"exec", "--json", report.string(), "--input-rate", "1MiB/s", "--", "sh", "-c",
                           "sleep 60 & cat > /dev/null"},
                          tmp.path());
  pid_t program = 0;
  for (int i = 0; i < 300 && program == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    program = child_of(pid);
  }
  ASSERT_GT(program, 0) << "the program did not start";
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // let it start its own child
  ASSERT_EQ(::kill(pid, SIGINT), 0);
  EXPECT_EQ(wait_exit(pid), 130) << read_text(tmp.path() / "stderr");
  EXPECT_EQ(members_of(program), std::vector<std::string>{}) << "processes left in group " << program;
  const json r = json::parse(read_text(report), nullptr, false);
  ASSERT_FALSE(r.is_discarded());
  EXPECT_EQ(r["program"]["stopped"], "interrupted");
  EXPECT_EQ(r["program"]["pid"], program);
}

// A program scenario under `run --allow-exec` that times out: the scenario's process ends the
// program's group and reports it with its program section (the runner's own stop is a later
// backstop), and nothing of the program is left.
TEST(RunAllowExec, TimeoutReportsTheProgramAndLeavesNothingBehind) {
  TempDir tmp;
  const std::string marker = "61.4" + std::to_string(::getpid());  // a sleep no one else runs
  std::ofstream(tmp.path() / "slow.json")
      << R"({"version": 1, "name": "slow", "source": {"total": "64MiB", "rate": "1MiB/s"},
             "program": {"argv": ["sh", "-c", "sleep )" << marker << R"( & cat > /dev/null"]},
             "limits": {"timeout": "1s"}, "expect": {"memory": "bounded"}})";
  const int code = wait_exit(start({"run", "--allow-exec", "--quiet", "--out", (tmp.path() / "out").string(),
                                    (tmp.path() / "slow.json").string()},
                                   tmp.path()));
  EXPECT_EQ(code, 1) << read_text(tmp.path() / "stderr");
  const json report = json::parse(read_text(tmp.path() / "out" / "slow.report.json"), nullptr, false);
  ASSERT_FALSE(report.is_discarded());
  EXPECT_EQ(report["verdict"], "error");
  EXPECT_NE(report["reason"].get<std::string>().find("timed out"), std::string::npos) << report["reason"];
  EXPECT_EQ(report["program"]["stopped"], "timeout");
  EXPECT_EQ(report["program"]["argv"][0], "sh");
  EXPECT_EQ(processes_mentioning("sleep " + marker), std::vector<std::string>{});
}

// Ctrl-C during `run --allow-exec`: the runner stops its child with SIGTERM, the child ends the
// program's group, and nothing of it is left.
TEST(RunAllowExec, CtrlCLeavesNoProgramBehind) {
  TempDir tmp;
  const std::string marker = "62.4" + std::to_string(::getpid());
  std::ofstream(tmp.path() / "slow.json")
      << R"({"version": 1, "name": "slow", "source": {"total": "64MiB", "rate": "1MiB/s"},
             "program": {"argv": ["sh", "-c", "sleep )" << marker << R"( & cat > /dev/null"]},
             "expect": {"memory": "bounded"}})";
  const pid_t pid = start({"run", "--allow-exec", "--quiet", "--out", (tmp.path() / "out").string(),
                           (tmp.path() / "slow.json").string()},
                          tmp.path());
  for (int i = 0; i < 300 && processes_mentioning("sleep " + marker).empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_FALSE(processes_mentioning("sleep " + marker).empty()) << "the program did not start";
  ASSERT_EQ(::kill(pid, SIGINT), 0);
  EXPECT_EQ(wait_exit(pid), 130) << read_text(tmp.path() / "stderr");
  EXPECT_EQ(processes_mentioning("sleep " + marker), std::vector<std::string>{});
}

}  // namespace
