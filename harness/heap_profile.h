// HeapProfile: which code allocated the memory a run holds, from jemalloc's heap profiler.
//
// jemalloc samples one allocation per 512 KiB allocated on average (lg_prof_sample 19) and
// records its call stack; a dump lists the sampled allocations still live, by stack. The
// sampling only records: the thread counters that HeapProbe reads, and so every verdict, are
// the same with it as without it.
//
// Profiling needs jemalloc started with `prof:true`: heap_profile.cc asks for it (with
// prof_active:false, so nothing is sampled until a HeapProfile starts) in every program that
// runs scenarios. Where jemalloc is absent (sanitizer builds) or profiling is off (MALLOC_CONF
// said prof:false), a HeapProfile does nothing and sites() is empty.
//
// capture() dumps the profile to a temporary file without allocating on the heap that the run
// measures; sites() reads the last dump afterwards and names its frames from the symbol tables
// of the executable and libraries (harness/elf_symbols.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "reports/report.h"

namespace bp::harness {

class HeapProfile {
 public:
  HeapProfile() = default;
  ~HeapProfile();  // stops sampling, removes the dump
  HeapProfile(const HeapProfile&) = delete;
  HeapProfile& operator=(const HeapProfile&) = delete;

  // Starts sampling, when jemalloc can (the first call only; later calls, whether or not it
  // could, do nothing). Sampling costs a call
  // stack per sample, about a fifth of the time of a run that allocates a 64 KiB chunk at a
  // time, so a run starts it only once its heap has grown (harness/run_scenario.cc).
  void start();
  bool active() const { return active_; }
  // Dumps the live sampled allocations when started and `growth` is at least twice that of the
  // last dump (or this is the first): the last dump then saw at least half of the largest
  // growth, in a handful of dumps however far the heap grows.
  void capture(std::int64_t growth);
  bool captured() const { return captured_; }

  // The `top` sites that held the most bytes at the last capture, most first: the first frame of
  // each sampled stack that is neither the allocator nor the plumbing that reaches it (operator
  // new, std:: containers, bp::Chunk's allocation), its estimated live bytes and their share.
  // Empty when nothing was captured.
  std::vector<reports::AllocationSite> sites(std::size_t top) const;

 private:
  bool started_ = false;  // start() has been called
  bool active_ = false;   // and jemalloc is sampling
  bool captured_ = false;
  std::int64_t captured_growth_ = 0;
  char path_[64] = {};  // the dump's file, when captured
};

}  // namespace bp::harness
