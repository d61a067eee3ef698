// describe_signal: "killed by signal 9 (SIGKILL)", for reports about a process a signal ended.
#pragma once

#include <string>

namespace bp::harness {

std::string describe_signal(int sig);

}  // namespace bp::harness
