// The bpharness command line as a library function, so that a project can build its own
// bpharness binary with its own stages registered (harness/stage_registry.h) and still get
// every subcommand: register first, then `return bp::cli::main(argc, argv);`.
#pragma once

namespace bp::cli {

// Parses the command line, runs one subcommand and returns the process exit code: 0
// expectations met, 1 one was not, 2 bad usage or input, 3 internal error, 130 interrupted.
int main(int argc, char** argv);

}  // namespace bp::cli
