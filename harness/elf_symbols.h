// ElfSymbols: the functions of one executable or shared library, read from its ELF symbol
// table, to name the return addresses of a call stack without a debugger or binutils; and the
// maps lines (/proc/PID/maps) that say which file holds an address.
//
// Only names: file and line would need the DWARF debug information, tens of megabytes to
// parse for a debug build. A stripped file has no .symtab; its exported functions (.dynsym)
// are all that can be named then.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bp::harness {

// A file mapped into memory: one line of /proc/PID/maps, as jemalloc's heap dumps copy them.
struct FileMapping {
  std::uintptr_t start = 0, end = 0;  // the addresses mapped
  std::uintptr_t offset = 0;          // the file offset mapped at `start`
  std::string path;
};

// The executable mapping of a file that a maps line describes; nothing for any other line
// (unparsable, not executable, or anonymous: [heap], [stack], no path).
std::optional<FileMapping> parse_executable_mapping(std::string_view line);

class ElfSymbols {
 public:
  // Reads `path`; a file that cannot be read or is not a 64-bit ELF file names nothing.
  explicit ElfSymbols(const std::string& path);

  // The address within the file (its own virtual addresses) of the byte that `mapping` puts at
  // `address`; 0 when no loaded segment holds it.
  std::uintptr_t file_address(std::uintptr_t address, const FileMapping& mapping) const;

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
