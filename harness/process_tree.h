// The memory of a process and all its descendants, read from /proc: what `exec` samples.
//
// The tree is found through /proc/PID/task/TID/children (every thread's children, recursively),
// so a shell script's commands and a program's helper processes are counted with it. Each
// process's /proc/PID/status gives RssAnon (its anonymous resident memory: heap, stacks, the
// buffers it holds; file-backed pages such as its code are left out), VmRSS and VmHWM (its peak
// resident set). A process that exits between the listing and the read counts as zero.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <vector>

namespace bp::harness {

struct TreeMemory {
  std::uint64_t rss_anon = 0;   // bytes, summed over the tree
  std::uint64_t rss = 0;        // VmRSS, summed
  std::uint64_t hwm = 0;        // VmHWM, summed: no process's peak is above its share of this
  std::size_t processes = 0;    // how many processes had a readable status
};

// `root` and its descendants, root first; empty when `root` is gone.
std::vector<pid_t> process_tree(pid_t root);

TreeMemory read_tree_memory(pid_t root);

}  // namespace bp::harness
