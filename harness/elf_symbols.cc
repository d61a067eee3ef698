#include "harness/elf_symbols.h"

#include <cxxabi.h>
#include <elf.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace bp::harness {

namespace {

// The file, mapped read-only for the constructor's reading; unmapped at scope end.
class MappedFile {
 public:
  explicit MappedFile(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return;
    struct stat st {};
    if (::fstat(fd, &st) == 0 && st.st_size > 0) {
      void* p = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
      if (p != MAP_FAILED) {
        data_ = static_cast<const unsigned char*>(p);
        size_ = static_cast<std::size_t>(st.st_size);
      }
    }
    ::close(fd);
  }
  ~MappedFile() {
    if (data_) ::munmap(const_cast<unsigned char*>(data_), size_);
  }
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  // `count` objects of type T at `offset`, or null when they do not fit in the file.
  template <typename T>
  const T* at(std::uint64_t offset, std::uint64_t count = 1) const {
    if (!data_ || offset > size_ || count > (size_ - offset) / sizeof(T)) return nullptr;
    return reinterpret_cast<const T*>(data_ + offset);
  }
  std::size_t size() const { return size_; }

 private:
  const unsigned char* data_ = nullptr;
  std::size_t size_ = 0;
};

}  // namespace

ElfSymbols::ElfSymbols(const std::string& path) {
  const MappedFile file(path);
  const auto* header = file.at<Elf64_Ehdr>(0);
  if (!header || std::memcmp(header->e_ident, ELFMAG, SELFMAG) != 0 || header->e_ident[EI_CLASS] != ELFCLASS64 ||
      header->e_shentsize != sizeof(Elf64_Shdr) || header->e_phentsize != sizeof(Elf64_Phdr)) {
    return;
  }
  if (const auto* phdrs = file.at<Elf64_Phdr>(header->e_phoff, header->e_phnum)) {
    for (std::size_t i = 0; i < header->e_phnum; ++i) {
      if (phdrs[i].p_type == PT_LOAD) segments_.push_back({phdrs[i].p_offset, phdrs[i].p_filesz, phdrs[i].p_vaddr});
    }
  }
  const auto* sections = file.at<Elf64_Shdr>(header->e_shoff, header->e_shnum);
  if (!sections) return;
  // The full symbol table when the file has one, else the exported symbols.
  for (const Elf64_Word wanted : {SHT_SYMTAB, SHT_DYNSYM}) {
    for (std::size_t i = 0; i < header->e_shnum && symbols_.empty(); ++i) {
      const Elf64_Shdr& table = sections[i];
      if (table.sh_type != wanted || table.sh_entsize != sizeof(Elf64_Sym) || table.sh_link >= header->e_shnum) continue;
      const Elf64_Shdr& strings = sections[table.sh_link];
      const auto* syms = file.at<Elf64_Sym>(table.sh_offset, table.sh_size / sizeof(Elf64_Sym));
      const auto* names = file.at<char>(strings.sh_offset, strings.sh_size);
      if (!syms || !names || strings.sh_size == 0) continue;
      for (std::size_t k = 0; k < table.sh_size / sizeof(Elf64_Sym); ++k) {
        const Elf64_Sym& sym = syms[k];
        if (ELF64_ST_TYPE(sym.st_info) != STT_FUNC || sym.st_value == 0 || sym.st_name >= strings.sh_size) continue;
        const char* name = names + sym.st_name;
        symbols_.push_back({sym.st_value, sym.st_size, std::string(name, strnlen(name, strings.sh_size - sym.st_name))});
      }
    }
  }
  std::sort(symbols_.begin(), symbols_.end(), [](const Symbol& a, const Symbol& b) { return a.start < b.start; });
}

std::optional<FileMapping> parse_executable_mapping(std::string_view line) {
  const std::string text(line);
  unsigned long start = 0, end = 0, offset = 0;
  char perms[8] = {};
  int path_at = 0;
  if (std::sscanf(text.c_str(), "%lx-%lx %7s %lx %*s %*s %n", &start, &end, perms, &offset, &path_at) < 4 ||
      path_at == 0 || perms[2] != 'x' || text[static_cast<std::size_t>(path_at)] != '/') {
    return std::nullopt;
  }
  return FileMapping{start, end, offset, text.substr(static_cast<std::size_t>(path_at))};
}

std::uintptr_t ElfSymbols::file_address(std::uintptr_t address, const FileMapping& mapping) const {
  const std::uintptr_t offset = address - mapping.start + mapping.offset;
  for (const Segment& s : segments_) {
    if (offset >= s.offset && offset < s.offset + s.size) return offset - s.offset + s.address;
  }
  return 0;
}

std::string ElfSymbols::function_at(std::uintptr_t file_address) const {
  auto after = std::upper_bound(symbols_.begin(), symbols_.end(), file_address,
                                [](std::uintptr_t a, const Symbol& s) { return a < s.start; });
  if (after == symbols_.begin()) return {};
  const Symbol& s = *std::prev(after);
  if (file_address >= s.start + std::max<std::uintptr_t>(s.size, 1)) return {};
  int status = 0;
  char* demangled = abi::__cxa_demangle(s.name.c_str(), nullptr, nullptr, &status);
  std::string name = status == 0 && demangled ? demangled : s.name;
  std::free(demangled);
  return name;
}

}  // namespace bp::harness
