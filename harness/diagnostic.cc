#include "harness/diagnostic.h"

namespace bp::harness {

std::string Diagnostic::to_string() const {
  std::string out = file;
  if (line > 0) out += ":" + std::to_string(line) + ":" + std::to_string(column);
  out += ": error: " + message;
  if (!pointer.empty()) out += " [at " + pointer + "]";
  if (!suggestion.empty()) out += " (did you mean '" + suggestion + "'?)";
  return out;
}

}  // namespace bp::harness
