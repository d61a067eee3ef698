// ElfSymbols: names a function of this very test program from its own ELF file, through the
// mapping /proc/self/maps gives it; reads maps lines, keeping executable file mappings only; a
// file that is not ELF names nothing.
#include "harness/elf_symbols.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <optional>
#include <string>

namespace bp::harness {
namespace {

[[gnu::noinline]] int a_function_to_find(int x) { return x * 3 + 1; }

// The executable mapping of /proc/self/maps that holds `address`.
std::optional<FileMapping> mapping_of(std::uintptr_t address) {
  std::ifstream maps("/proc/self/maps");
  std::string line;
  while (std::getline(maps, line)) {
    std::optional<FileMapping> m = parse_executable_mapping(line);
    if (m && address >= m->start && address < m->end) return m;
  }
  return std::nullopt;
}

TEST(ElfSymbols, NamesAFunctionOfThisProgram) {
  const auto address = reinterpret_cast<std::uintptr_t>(&a_function_to_find);
  const std::optional<FileMapping> m = mapping_of(address);
  ASSERT_TRUE(m.has_value());
  const ElfSymbols symbols(m->path);
  // Anywhere inside the function, as a return address would be.
  const std::uintptr_t inside = symbols.file_address(address + 2, *m);
  ASSERT_NE(inside, 0u);
  // Demangled; an optimiser may add a clone suffix ("[clone .lto_priv.0]").
  EXPECT_TRUE(symbols.function_at(inside).starts_with("bp::harness::(anonymous namespace)::a_function_to_find(int)"))
      << symbols.function_at(inside);
  EXPECT_EQ(a_function_to_find(1), 4);
}

TEST(ElfSymbols, ReadsTheExecutableMappingsOfAMapsLine) {
  const auto m = parse_executable_mapping(
      "558b75e0e000-558b75e0f000 r-xp 00001000 fe:00 10961076                   /tmp/probe/dump");
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->start, 0x558b75e0e000u);
  EXPECT_EQ(m->end, 0x558b75e0f000u);
  EXPECT_EQ(m->offset, 0x1000u);
  EXPECT_EQ(m->path, "/tmp/probe/dump");
  EXPECT_FALSE(parse_executable_mapping("558b75e0d000-558b75e0e000 r--p 00000000 fe:00 10961076 /tmp/probe/dump"));
  EXPECT_FALSE(parse_executable_mapping("7ffd1000-7ffd2000 r-xp 00000000 00:00 0                  [vdso]"));
  EXPECT_FALSE(parse_executable_mapping("7f67c0000000-7f67c6800000 rw-p 00000000 00:00 0 "));
  EXPECT_FALSE(parse_executable_mapping("MAPPED_LIBRARIES:"));
}

TEST(ElfSymbols, AFileThatIsNotElfNamesNothing) {
  const ElfSymbols symbols(BP_SOURCE_DIR "/README.md");
  EXPECT_EQ(symbols.file_address(0x1000, FileMapping{0x1000, 0x2000, 0, "README.md"}), 0u);
  EXPECT_EQ(symbols.function_at(0x1000), "");
  const ElfSymbols missing("/no/such/file");
  EXPECT_EQ(missing.function_at(0x1000), "");
}

}  // namespace
}  // namespace bp::harness
