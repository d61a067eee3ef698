#include "line_splitter.h"

namespace ndjson {

std::string LineSplitter::emit(std::string_view line, const OnLine& on_line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return on_line(line, ++lines_);
}

std::string LineSplitter::feed(std::string_view bytes, const OnLine& on_line) {
  while (!bytes.empty()) {
    const std::size_t end = bytes.find('\n');
    const std::string_view piece = bytes.substr(0, end);
    if (partial_.size() + piece.size() > max_line_) {
      return "line " + std::to_string(lines_ + 1) + " is longer than " + std::to_string(max_line_) +
             " bytes";
    }
    if (end == std::string_view::npos) {
      partial_.append(piece);
      return "";
    }
    std::string error;
    if (partial_.empty()) {
      error = emit(piece, on_line);  // the common case: the whole line is in this chunk, no copy
    } else {
      partial_.append(piece);
      error = emit(partial_, on_line);
      partial_.clear();
    }
    if (!error.empty()) return error;
    bytes.remove_prefix(end + 1);
  }
  return "";
}

std::string LineSplitter::finish(const OnLine& on_line) {
  if (partial_.empty()) return "";
  const std::string last = std::move(partial_);
  partial_.clear();
  return emit(last, on_line);
}

}  // namespace ndjson
