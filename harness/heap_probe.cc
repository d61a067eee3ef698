#include "harness/heap_probe.h"

#include <cstddef>
#include <cstdlib>
#include <vector>

#if defined(BP_WITH_JEMALLOC)
#include <jemalloc/jemalloc.h>
#elif defined(BP_SANITIZER_HEAP)
// Declared here rather than through <sanitizer/allocator_interface.h>: g++ 12 does not ship
// that header, while both its libasan and clang's export the function with this signature.
extern "C" std::size_t __sanitizer_get_current_allocated_bytes();
#endif

namespace bp::harness {

HeapProbe::HeapProbe() {
#if defined(BP_WITH_JEMALLOC)
  const char* version = nullptr;
  std::size_t len = sizeof version;
  if (mallctl("version", &version, &len, nullptr, 0) == 0 && version) {
    allocator_ = std::string("jemalloc ") + version;
  }
  std::uint64_t* p = nullptr;
  len = sizeof p;
  if (mallctl("thread.allocatedp", &p, &len, nullptr, 0) == 0) allocated_ = p;
  len = sizeof p;
  if (mallctl("thread.deallocatedp", &p, &len, nullptr, 0) == 0) deallocated_ = p;
#elif defined(BP_SANITIZER_HEAP)
  allocator_ = "sanitizer";
#else
  allocator_ = "none";
#endif
}

std::int64_t HeapProbe::live() const {
#if defined(BP_WITH_JEMALLOC)
  if (!allocated_ || !deallocated_) return 0;
  return static_cast<std::int64_t>(*allocated_) - static_cast<std::int64_t>(*deallocated_);
#elif defined(BP_SANITIZER_HEAP)
  return static_cast<std::int64_t>(__sanitizer_get_current_allocated_bytes());
#else
  return 0;
#endif
}

std::uint64_t HeapProbe::resident() const {
#if defined(BP_WITH_JEMALLOC)
  std::uint64_t epoch = 1;
  std::size_t len = sizeof epoch;
  mallctl("epoch", &epoch, &len, &epoch, len);
  std::size_t resident = 0;
  len = sizeof resident;
  if (mallctl("stats.resident", &resident, &len, nullptr, 0) == 0) return resident;
#endif
  return 0;
}

std::string HeapProbe::check() const {
#if defined(BP_WITH_JEMALLOC)
  if (!allocated_ || !deallocated_) {
    return "jemalloc is linked but its thread counters are unavailable (mallctl failed)";
  }
  // Called through volatile pointers so the compiler cannot elide the allocation.
  void* (*volatile allocate)(std::size_t) = std::malloc;
  void (*volatile release)(void*) = std::free;
  const std::int64_t before = live();
  void* block = allocate(1 << 20);
  const std::int64_t during = live();
  release(block);
  if (during - before < (1 << 20)) {
    return "jemalloc is linked but does not own malloc: a 1 MiB allocation did not show in "
           "its counters (is another allocator preloaded?)";
  }
  return {};
#elif defined(BP_SANITIZER_HEAP)
  return {};
#else
  return "built without jemalloc or a sanitizer: the heap cannot be measured";
#endif
}

}  // namespace bp::harness
