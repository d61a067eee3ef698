// SourceLocation: where a call was made, captured by a defaulted argument, like
// std::source_location::current(). std::source_location needs a compiler builtin that clang
// 14 lacks with libstdc++; __builtin_FILE/LINE/FUNCTION work on both g++ 12 and clang 14.
#pragma once

#include <cstdint>

namespace bp {

class SourceLocation {
 public:
  static constexpr SourceLocation current(const char* file = __builtin_FILE(),
                                          std::uint32_t line = __builtin_LINE(),
                                          const char* function = __builtin_FUNCTION()) noexcept {
    return SourceLocation(file, line, function);
  }
  constexpr const char* file_name() const noexcept { return file_; }
  constexpr std::uint32_t line() const noexcept { return line_; }
  constexpr const char* function_name() const noexcept { return function_; }

 private:
  constexpr SourceLocation(const char* file, std::uint32_t line, const char* function)
      : file_(file), line_(line), function_(function) {}
  const char* file_;
  std::uint32_t line_;
  const char* function_;
};

}  // namespace bp
