// LineSplitter: cuts a byte stream that arrives in chunks into lines, wherever the chunk
// boundaries fall: a line may start in one chunk and end several chunks later.
//
// Lines end at '\n'; a '\r' before it is dropped too. Lines are numbered from 1. The bytes
// of a line not finished yet are copied and kept, up to `max_line` bytes: a stream without
// newlines must not make the splitter hold unbounded memory.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace ndjson {

class LineSplitter {
 public:
  // Called for each complete line (without its line end) and its number; returns an error
  // message to stop splitting, or "" to go on.
  using OnLine = std::function<std::string(std::string_view line, std::uint64_t number)>;

  explicit LineSplitter(std::size_t max_line = 1024 * 1024) : max_line_(max_line) {}

  // Hands on_line every line that `bytes` completes; keeps the unfinished rest. Returns the
  // first error: on_line's, or a line longer than max_line.
  std::string feed(std::string_view bytes, const OnLine& on_line);

  // The stream ended: hands on_line the last line if the stream did not end with '\n'.
  std::string finish(const OnLine& on_line);

  // Bytes held of the unfinished line.
  std::size_t pending() const { return partial_.size(); }

 private:
  std::string emit(std::string_view line, const OnLine& on_line);

  std::size_t max_line_;
  std::string partial_;
  std::uint64_t lines_ = 0;
};

}  // namespace ndjson
