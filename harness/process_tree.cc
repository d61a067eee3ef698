#include "harness/process_tree.h"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace bp::harness {

namespace {

// The children every thread of `pid` has started, appended to `out`.
void append_children(pid_t pid, std::vector<pid_t>& out) {
  std::error_code ec;
  const std::filesystem::path tasks = "/proc/" + std::to_string(pid) + "/task";
  for (const auto& task : std::filesystem::directory_iterator(tasks, ec)) {
    std::ifstream in(task.path() / "children");
    long child = 0;
    while (in >> child) out.push_back(static_cast<pid_t>(child));
  }
}

// "RssAnon:	    1234 kB" → 1234 * 1024, when `line` starts with `key`.
bool read_kib(std::string_view line, std::string_view key, std::uint64_t& out) {
  if (!line.starts_with(key)) return false;
  line.remove_prefix(key.size());
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  std::uint64_t kib = 0;
  std::from_chars(line.data(), line.data() + line.size(), kib);
  out += kib * 1024;
  return true;
}

}  // namespace

std::vector<pid_t> process_tree(pid_t root) {
  std::vector<pid_t> tree;
  if (!std::filesystem::exists("/proc/" + std::to_string(root))) return tree;
  tree.push_back(root);
  for (std::size_t i = 0; i < tree.size(); ++i) append_children(tree[i], tree);
  return tree;
}

TreeMemory read_tree_memory(pid_t root) {
  TreeMemory m;
  for (const pid_t pid : process_tree(root)) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    if (!in) continue;
    ++m.processes;
    std::string line;
    while (std::getline(in, line)) {
      read_kib(line, "RssAnon:", m.rss_anon) || read_kib(line, "VmRSS:", m.rss) ||
          read_kib(line, "VmHWM:", m.hwm);
    }
  }
  return m;
}

}  // namespace bp::harness
