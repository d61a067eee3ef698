// ChildProcess: a program `exec` runs, on a UvLoop, with its stdin, stdout and stderr on pipes.
//
// The program starts in a session and process group of its own (libuv's detached spawn), so a
// Ctrl-C at the terminal reaches bpharness and not it, and everything it starts can be killed
// together: terminate() sends SIGTERM to the group, then SIGKILL once `grace` has passed. The
// destructor kills whatever is left of the group with SIGKILL, closes the pipes and turns the
// loop until the program has been reaped: no process outlives its ChildProcess. on_exit runs on
// the loop once the program (the group's leader) has exited.
#pragma once

#include <sys/types.h>
#include <uv.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "streams/uv_loop.h"

namespace bp::harness {

struct ExitStatus {
  std::optional<int> code;    // set when the program exited
  std::optional<int> signal;  // set when a signal killed it
};

class ChildProcess {
 public:
  ChildProcess(UvLoop& loop, std::function<void(const ExitStatus&)> on_exit);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  // Starts argv[0] (looked up on PATH) with the environment of this process, in `cwd` (""
  // for this process's). Empty when it started; otherwise why not ("no such file or directory").
  std::string spawn(const std::vector<std::string>& argv, const std::string& cwd);

  uv_stream_t* stdin_pipe() { return stream(0); }
  uv_stream_t* stdout_pipe() { return stream(1); }
  uv_stream_t* stderr_pipe() { return stream(2); }
  void close_stdin();

  pid_t pid() const { return pid_; }
  bool running() const { return pid_ > 0 && !exit_; }
  const std::optional<ExitStatus>& exit_status() const { return exit_; }

  // SIGTERM to the whole process group now, SIGKILL after `grace`.
  void terminate(Loop::Duration grace);

 private:
  uv_stream_t* stream(int i) { return reinterpret_cast<uv_stream_t*>(&pipes_[i]); }
  void close_handle(uv_handle_t* handle);
  static void on_process_exit(uv_process_t* process, std::int64_t status, int signal);

  UvLoop& loop_;
  std::function<void(const ExitStatus&)> on_exit_;
  uv_process_t process_{};
  uv_pipe_t pipes_[3]{};
  int open_handles_ = 0;
  pid_t pid_ = 0;
  std::optional<ExitStatus> exit_;
  Loop::TimerId kill_timer_ = 0;
};

}  // namespace bp::harness
