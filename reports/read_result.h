// ReadResult<T>: a value read from outside (a JSON document, a file), or the first problem
// found in it. Errors are values: readers never throw for bad input.
#pragma once

#include <optional>
#include <string>

namespace bp::reports {

template <typename T>
struct ReadResult {
  std::optional<T> value;  // set when reading succeeded
  std::string error;       // empty when reading succeeded; otherwise one line for people

  explicit operator bool() const { return value.has_value(); }
};

}  // namespace bp::reports
