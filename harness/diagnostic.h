// One problem found in an input file: where it is, what was wrong, what was expected.
//
// Produced by the JSON reader and the scenario validator, never thrown. `line` and `column` are
// 1-based (columns count Unicode characters, not bytes); both are 0 when the problem has no place
// in the text (a file that cannot be read). `pointer` is the RFC 6901 JSON pointer of the value
// concerned ("" for the whole document). `suggestion` is a did-you-mean, or empty.
#pragma once

#include <string>

namespace bp::harness {

struct Diagnostic {
  std::string file;
  int line = 0;
  int column = 0;
  std::string pointer;
  std::string message;
  std::string suggestion;

  // "file:line:col: error: message [at /pointer] (did you mean 'x'?)"; the place, the pointer
  // and the suggestion are left out when absent.
  std::string to_string() const;

  friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

}  // namespace bp::harness
