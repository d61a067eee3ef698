// TailBuffer: the last `capacity` bytes of a stream, for the stderr tail a report carries.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace bp::harness {

class TailBuffer {
 public:
  explicit TailBuffer(std::size_t capacity) : capacity_(capacity) {}

  void append(std::string_view bytes) {
    if (bytes.size() >= capacity_) {
      text_.assign(bytes.substr(bytes.size() - capacity_));
      return;
    }
    text_.append(bytes);
    // Trim in bulk, not per append: the text may reach twice the capacity in between.
    if (text_.size() > 2 * capacity_) text_.erase(0, text_.size() - capacity_);
  }

  std::string text() const {
    return text_.size() > capacity_ ? text_.substr(text_.size() - capacity_) : text_;
  }

 private:
  std::size_t capacity_;
  std::string text_;
};

}  // namespace bp::harness
