// ElfSymbols: names a function of this very test program from its own ELF file, through the
// mapping /proc/self/maps gives it; a file that is not ELF names nothing.
#include "harness/elf_symbols.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

namespace bp::harness {
namespace {

[[gnu::noinline]] int a_function_to_find(int x) { return x * 3 + 1; }

struct Mapping {
  std::uintptr_t start = 0, offset = 0;
  std::string path;
};

// The executable mapping of /proc/self/maps that holds `address`.
Mapping mapping_of(std::uintptr_t address) {
  std::ifstream maps("/proc/self/maps");
  std::string line;
  while (std::getline(maps, line)) {
    unsigned long start = 0, end = 0, offset = 0;
    char perms[8] = {};
    int path_at = 0;
    if (std::sscanf(line.c_str(), "%lx-%lx %7s %lx %*s %*s %n", &start, &end, perms, &offset, &path_at) < 4) continue;
    if (address >= start && address < end) return {start, offset, line.substr(static_cast<std::size_t>(path_at))};
  }
  return {};
}

TEST(ElfSymbols, NamesAFunctionOfThisProgram) {
  const auto address = reinterpret_cast<std::uintptr_t>(&a_function_to_find);
  const Mapping m = mapping_of(address);
  ASSERT_FALSE(m.path.empty());
  const ElfSymbols symbols(m.path);
  // Anywhere inside the function, as a return address would be.
  const std::uintptr_t inside = symbols.file_address(address + 2, m.start, m.offset);
  ASSERT_NE(inside, 0u);
  // Demangled; an optimiser may add a clone suffix ("[clone .lto_priv.0]").
  EXPECT_TRUE(symbols.function_at(inside).starts_with("bp::harness::(anonymous namespace)::a_function_to_find(int)"))
      << symbols.function_at(inside);
  EXPECT_EQ(a_function_to_find(1), 4);
}

TEST(ElfSymbols, AFileThatIsNotElfNamesNothing) {
  const ElfSymbols symbols(BP_SOURCE_DIR "/README.md");
  EXPECT_EQ(symbols.file_address(0x1000, 0x1000, 0), 0u);
  EXPECT_EQ(symbols.function_at(0x1000), "");
  const ElfSymbols missing("/no/such/file");
  EXPECT_EQ(missing.function_at(0x1000), "");
}

}  // namespace
}  // namespace bp::harness
