// HeapProbe: reads how much heap the current thread holds, as exactly as the build allows.
//
// With jemalloc (the default build): the thread's own counters, thread.allocatedp minus
// thread.deallocatedp — exact bytes, read through two pointers, cheap enough for every
// sample; process-wide stats.allocated/active/resident after an epoch refresh, on demand.
// In sanitizer builds (no jemalloc): the sanitizer allocator's current allocated bytes for
// the process. check() says whether the counters really see this program's allocations
// (jemalloc linked but not owning malloc would read zero forever).
#pragma once

#include <cstdint>
#include <string>

namespace bp::harness {

class HeapProbe {
 public:
  HeapProbe();

  // Net bytes allocated by this thread (jemalloc) or the process (sanitizer).
  std::int64_t live() const;
  // Process resident bytes (jemalloc stats.resident after an epoch refresh); 0 if unknown.
  std::uint64_t resident() const;
  // "jemalloc 5.3.0-…", "sanitizer", or "none".
  const std::string& allocator() const { return allocator_; }
  // Empty when the probe works; otherwise what is wrong, for a clear message.
  std::string check() const;

 private:
  std::string allocator_;
  [[maybe_unused]] const std::uint64_t* allocated_ = nullptr;    // jemalloc builds only
  [[maybe_unused]] const std::uint64_t* deallocated_ = nullptr;  // jemalloc builds only
};

}  // namespace bp::harness
