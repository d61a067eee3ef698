// ElfSymbols: the functions of one executable or shared library, read from its ELF symbol
// table, to name the return addresses of a call stack without a debugger or binutils.
//
// Only names: file and line would need the DWARF debug information, tens of megabytes to
// parse for a debug build. A stripped file has no .symtab; its exported functions (.dynsym)
// are all that can be named then.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace bp::harness {

class ElfSymbols {
 public:
  // Reads `path`; a file that cannot be read or is not a 64-bit ELF file names nothing.
  explicit ElfSymbols(const std::string& path);

  // The address within the file (its own virtual addresses) of a byte mapped at `address`
  // from file offset `map_offset` onwards by a mapping that starts at `map_start`; 0 when no
  // loaded segment holds that offset.
  std::uintptr_t file_address(std::uintptr_t address, std::uintptr_t map_start, std::uintptr_t map_offset) const;

  // The demangled name of the function holding `file_address`; "" when none does.
  std::string function_at(std::uintptr_t file_address) const;

 private:
  struct Symbol {
    std::uintptr_t start = 0, size = 0;
    std::string name;  // as stored: mangled
  };
  struct Segment {
    std::uintptr_t offset = 0, size = 0, address = 0;
  };
  std::vector<Symbol> symbols_;  // sorted by start
  std::vector<Segment> segments_;
};

}  // namespace bp::harness
