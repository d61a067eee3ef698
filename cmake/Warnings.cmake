# bp_warnings(target): the warning set every bpharness target builds with, on g++ and clang.
function(bp_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
    -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual
    -Wimplicit-fallthrough)
  # g++ 12 with -fsanitize=address reports std::optional<Chunk>'s payload as maybe used
  # uninitialized where the optional is engaged on every path (a known false positive of its
  # flow analysis under ASan instrumentation); builds without sanitizers keep the warning.
  if(BP_SANITIZE AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(${target} PRIVATE -Wno-maybe-uninitialized)
  endif()
endfunction()
