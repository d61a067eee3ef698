#include "harness/line_index.h"

#include <algorithm>

namespace bp::harness {
namespace {

bool is_lead(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }

}  // namespace

LineIndex::LineIndex(std::string_view text, std::size_t content_start)
    : text_(text), content_start_(content_start) {
  line_starts_.push_back(0);
  std::size_t characters = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i % kStep == 0) checkpoints_.push_back(characters);
    if (is_lead(text[i])) ++characters;
    if (text[i] == '\n') line_starts_.push_back(i + 1);
  }
}

TextPosition LineIndex::position(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  const auto after = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line = static_cast<std::size_t>(after - line_starts_.begin());
  const std::size_t line_start = std::max(line_starts_[line - 1], std::min(content_start_, offset));
  const std::size_t column = characters_before(offset) - characters_before(line_start) + 1;
  return {static_cast<int>(line), static_cast<int>(column)};
}

std::size_t LineIndex::characters_before(std::size_t offset) const {
  if (checkpoints_.empty()) return 0;
  const std::size_t block = std::min(offset / kStep, checkpoints_.size() - 1);
  std::size_t characters = checkpoints_[block];
  for (std::size_t i = block * kStep; i < offset; ++i) characters += is_lead(text_[i]) ? 1 : 0;
  return characters;
}

}  // namespace bp::harness
