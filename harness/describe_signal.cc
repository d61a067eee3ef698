#include "harness/describe_signal.h"

#include <cstring>

namespace bp::harness {

std::string describe_signal(int sig) {
  const char* name = sigabbrev_np(sig);
  return std::string("killed by signal ") + std::to_string(sig) + (name ? std::string(" (SIG") + name + ")" : "");
}

}  // namespace bp::harness
