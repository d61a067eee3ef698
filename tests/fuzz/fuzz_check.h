// fuzz_require(): how a fuzz target states an invariant. A broken one prints what broke and
// aborts, which libFuzzer (and the replay test) reports as a crash with this input.
#pragma once

#include <cstdio>
#include <cstdlib>

namespace bp::fuzz {

inline void fuzz_require(bool ok, const char* what) {
  if (ok) return;
  std::fprintf(stderr, "invariant broken: %s\n", what);
  std::abort();
}

}  // namespace bp::fuzz
