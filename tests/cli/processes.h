// What the CLI tests look up in /proc to prove that no process was left behind: processes by
// command line, by process group, by parent.
#pragma once

#include <sys/types.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace bp::cli::testing {

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Each running process as its /proc directory, this test's own left out.
template <typename Visit>
void for_each_process(Visit visit) {
  const std::string self = std::to_string(::getpid());
  for (const auto& e : std::filesystem::directory_iterator("/proc")) {
    const std::string pid = e.path().filename().string();
    if (pid.find_first_not_of("0123456789") != std::string::npos || pid == self) continue;
    visit(pid, e.path());
  }
}

// "PID command line" of each process whose command line (arguments joined by spaces) holds
// `needle`.
inline std::vector<std::string> processes_mentioning(const std::string& needle) {
  std::vector<std::string> found;
  for_each_process([&](const std::string& pid, const std::filesystem::path& dir) {
    std::string cmdline = read_text(dir / "cmdline");
    for (char& c : cmdline) c = c == '\0' ? ' ' : c;
    if (cmdline.find(needle) != std::string::npos) found.push_back(pid + " " + cmdline);
  });
  return found;
}

// The parent and the process group of a process, from /proc/PID/stat (counted after the
// command name, which may hold spaces and parentheses).
struct Lineage {
  char state = '?';  // 'Z': a zombie, already dead, waiting for its parent (or init) to reap it
  pid_t parent = 0;
  pid_t group = 0;
};

inline Lineage lineage_of(const std::filesystem::path& dir) {
  const std::string stat = read_text(dir / "stat");
  const auto close = stat.rfind(')');
  if (close == std::string::npos || close + 2 > stat.size()) return {};
  std::istringstream rest(stat.substr(close + 2));
  char state = '?';
  long parent = 0, group = 0;
  rest >> state >> parent >> group;
  return {state, static_cast<pid_t>(parent), static_cast<pid_t>(group)};
}

// "PID command line" of each live process left in the group `pgid` (zombies are dead).
inline std::vector<std::string> members_of(pid_t pgid) {
  std::vector<std::string> found;
  for_each_process([&](const std::string& pid, const std::filesystem::path& dir) {
    const Lineage l = lineage_of(dir);
    if (l.group == pgid && l.state != 'Z') found.push_back(pid + " " + read_text(dir / "cmdline"));
  });
  return found;
}

// A child of `parent`, or 0 when it has none.
inline pid_t child_of(pid_t parent) {
  pid_t child = 0;
  for_each_process([&](const std::string& pid, const std::filesystem::path& dir) {
    if (lineage_of(dir).parent == parent) child = static_cast<pid_t>(std::stol(pid));
  });
  return child;
}

}  // namespace bp::cli::testing
