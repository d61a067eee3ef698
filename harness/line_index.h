// Byte offsets in a text → 1-based line and column, the column counted in characters (UTF-8
// lead bytes, so "é" is one column and a tab is one), as editors show them for UTF-8 files.
//
// Built once over a text it borrows (the text must outlive it); each lookup costs a binary
// search over the line starts plus at most kStep bytes of counting, so it stays cheap even when
// the whole file is one long line.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace bp::harness {

struct TextPosition {
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based, in characters

  friend bool operator==(const TextPosition&, const TextPosition&) = default;
};

class LineIndex {
 public:
  // Columns on the first line count from `content_start` (past a byte order mark).
  LineIndex(std::string_view text, std::size_t content_start);

  // Where the byte at `offset` is; offsets past the end give the end of the text.
  TextPosition position(std::size_t offset) const;

 private:
  static constexpr std::size_t kStep = 256;

  std::size_t characters_before(std::size_t offset) const;

  std::string_view text_;
  std::size_t content_start_;
  std::vector<std::size_t> line_starts_;
  std::vector<std::size_t> checkpoints_;  // characters in text_[0, k × kStep)
};

}  // namespace bp::harness
