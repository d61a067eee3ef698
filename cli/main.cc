// bpharness: backpressure test harness and memory-leak detector. The stock binary: the
// built-in stages only. A project with stages of its own writes a main like this one that
// registers them first (examples/custom-stage/).
#include "cli/main.h"

int main(int argc, char** argv) { return bp::cli::main(argc, argv); }
