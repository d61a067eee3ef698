#include "harness/heap_profile.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>

#include "harness/elf_symbols.h"

#if defined(BP_WITH_JEMALLOC)
#include <jemalloc/jemalloc.h>

// jemalloc reads this as it starts: the profiler compiled in but idle, sampling nothing until a
// HeapProfile turns it on. Every program that runs scenarios links this file, so each can name
// its allocation sites; such a program must not define malloc_conf itself.
extern "C" const char* malloc_conf;
const char* malloc_conf = "prof:true,prof_active:false,lg_prof_sample:19";
#endif

namespace bp::harness {

namespace {

// One sampled stack of a dump: return addresses, innermost first, and what it holds.
struct Stack {
  std::vector<std::uintptr_t> frames;
  std::uint64_t objects = 0;
  std::uint64_t bytes = 0;
};

struct Dump {
  std::uint64_t period = 0;  // bytes between samples on average
  std::vector<Stack> stacks;
  std::vector<FileMapping> mappings;  // executable ones
};

// jemalloc's heap_v2 format: a "heap_v2/PERIOD" header, the totals, then for each stack a line
// "@ 0xADDR 0xADDR ..." followed by "  t*: OBJECTS: BYTES [...]" (all threads) and one such
// line per thread; then "MAPPED_LIBRARIES:" and the lines of /proc/self/maps.
Dump read_dump(const char* path) {
  Dump dump;
  std::ifstream in(path);
  std::string line;
  bool maps = false;
  while (std::getline(in, line)) {
    if (maps) {
      if (auto m = parse_executable_mapping(line)) dump.mappings.push_back(std::move(*m));
    } else if (line.starts_with("heap_v2/")) {
      dump.period = std::strtoull(line.c_str() + 8, nullptr, 10);
    } else if (line.starts_with("@ ")) {
      Stack s;
      std::istringstream words(line.substr(2));
      std::string word;
      while (words >> word) s.frames.push_back(static_cast<std::uintptr_t>(std::strtoull(word.c_str(), nullptr, 16)));
      dump.stacks.push_back(std::move(s));
    } else if (line.starts_with("  t*: ") && !dump.stacks.empty() && dump.stacks.back().objects == 0) {
      unsigned long long objects = 0, bytes = 0;
      if (std::sscanf(line.c_str(), "  t*: %llu: %llu", &objects, &bytes) == 2) {
        dump.stacks.back().objects = objects;
        dump.stacks.back().bytes = bytes;
      }
    } else if (line == "MAPPED_LIBRARIES:") {
      maps = true;
    }
  }
  return dump;
}

// Sampled bytes scaled up to an estimate of the live bytes, as jeprof does: an allocation of
// `size` bytes is sampled with probability 1 - exp(-size / period).
double estimated_bytes(const Stack& s, std::uint64_t period) {
  if (s.objects == 0 || period == 0) return static_cast<double>(s.bytes);
  const double size = static_cast<double>(s.bytes) / static_cast<double>(s.objects);
  return static_cast<double>(s.bytes) / (1 - std::exp(-size / static_cast<double>(period)));
}

// Files whose frames reach the allocator rather than decide to allocate.
bool allocator_library(const std::string& path) {
  for (const char* library : {"libjemalloc", "libstdc++", "libc.so", "libgcc_s", "ld-linux"}) {
    if (path.find(library) != std::string::npos) return true;
  }
  return false;
}

// Functions of the program that do the same: containers, operator new, Chunk's allocation.
bool allocator_function(const std::string& name) {
  for (const char* prefix : {"operator new", "std::", "void std::", "__gnu_cxx::", "bp::Chunk::"}) {
    if (name.starts_with(prefix)) return true;
  }
  return name.empty();
}

const FileMapping* mapping_of(const std::vector<FileMapping>& maps, std::uintptr_t address) {
  for (const FileMapping& m : maps) {
    if (address >= m.start && address < m.end) return &m;
  }
  return nullptr;
}

}  // namespace

void HeapProfile::start() {
  if (started_) return;  // a run asks at every sample past its threshold
  started_ = true;
#if defined(BP_WITH_JEMALLOC)
  bool enabled = false;
  std::size_t len = sizeof enabled;
  if (mallctl("opt.prof", &enabled, &len, nullptr, 0) != 0 || !enabled) return;
  std::size_t lg_sample = 19;
  if (mallctl("prof.reset", nullptr, nullptr, &lg_sample, sizeof lg_sample) != 0) return;
  bool on = true;
  active_ = mallctl("prof.active", nullptr, nullptr, &on, sizeof on) == 0;
#endif
}

HeapProfile::~HeapProfile() {
#if defined(BP_WITH_JEMALLOC)
  if (active_) {
    bool off = false;
    mallctl("prof.active", nullptr, nullptr, &off, sizeof off);
  }
#endif
  if (captured_) ::unlink(path_);
}

void HeapProfile::capture(std::int64_t growth) {
  if (!active_ || (captured_ && growth < 2 * captured_growth_)) return;
#if defined(BP_WITH_JEMALLOC)
  if (!captured_) {
    const char* dir = std::getenv("TMPDIR");
    if (!dir || !*dir || std::strlen(dir) > sizeof path_ - 32) dir = "/tmp";
    std::snprintf(path_, sizeof path_, "%s/bpharness-heap-XXXXXX", dir);
    const int fd = ::mkstemp(path_);
    if (fd < 0) return;
    ::close(fd);
    captured_ = true;  // the file exists now; the destructor removes it
  }
  const char* file = path_;
  if (mallctl("prof.dump", nullptr, nullptr, &file, sizeof file) == 0) captured_growth_ = growth;
#endif
}

std::vector<reports::AllocationSite> HeapProfile::sites(std::size_t top) const {
  if (!captured_) return {};
  const Dump dump = read_dump(path_);
  std::map<std::string, ElfSymbols> files;  // read once each, when a frame needs one
  const auto site_of = [&](const Stack& s) -> std::string {
    for (std::uintptr_t a : s.frames) {
      const FileMapping* m = mapping_of(dump.mappings, a);
      if (!m || allocator_library(m->path)) continue;
      const ElfSymbols& symbols = files.try_emplace(m->path, m->path).first->second;
      // A return address: the call it returns from is the byte before it.
      std::string name = symbols.function_at(symbols.file_address(a - 1, *m));
      if (!allocator_function(name)) return name;
    }
    return {};
  };

  std::map<std::string, double> by_site;
  double total = 0;
  for (const Stack& s : dump.stacks) {
    const double bytes = estimated_bytes(s, dump.period);
    total += bytes;
    if (std::string site = site_of(s); !site.empty()) by_site[site] += bytes;
  }
  std::vector<reports::AllocationSite> sites;
  for (const auto& [function, bytes] : by_site) {
    sites.push_back({function, static_cast<std::uint64_t>(bytes), total > 0 ? bytes / total : 0});
  }
  std::stable_sort(sites.begin(), sites.end(), [](const auto& a, const auto& b) { return a.bytes > b.bytes; });
  if (sites.size() > top) sites.resize(top);
  return sites;
}

}  // namespace bp::harness
