#include "harness/child_process.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace bp::harness {

namespace {

// Each pipe's capacity. Bigger than Linux's default 64 KiB so that a fast program and the
// harness hand over data in fewer, larger steps.
constexpr int kPipeSize = 1024 * 1024;

void check_uv(int rc, const char* what) {
  if (rc != 0) throw std::runtime_error(std::string(what) + ": " + uv_strerror(rc));
}

}  // namespace

ChildProcess::ChildProcess(UvLoop& loop, std::function<void(const ExitStatus&)> on_exit)
    : loop_(loop), on_exit_(std::move(on_exit)) {
  for (auto& pipe : pipes_) {
    check_uv(uv_pipe_init(loop_.uv(), &pipe, 0), "uv_pipe_init");
    pipe.data = this;
    ++open_handles_;
  }
  process_.data = this;
}

ChildProcess::~ChildProcess() {
  on_exit_ = nullptr;  // the exit is still awaited below, but nobody is listening any more
  if (kill_timer_ != 0) loop_.clear_timeout(kill_timer_);
  if (pid_ > 0) ::kill(-pid_, SIGKILL);  // the leader and anything it left running
  for (int i = 0; i < 3; ++i) close_handle(reinterpret_cast<uv_handle_t*>(&pipes_[i]));
  // The process handle closes once the exit is seen, so that libuv reaps the program.
  while (open_handles_ > 0) uv_run(loop_.uv(), UV_RUN_ONCE);
}

std::string ChildProcess::spawn(const std::vector<std::string>& argv, const std::string& cwd) {
  // Real pipes, as a shell gives a program (libuv's own would be socket pairs): their fill level
  // can be read (FIONREAD) and their capacity is the kernel's pipe size.
  int child_ends[3] = {-1, -1, -1};
  for (int i = 0; i < 3; ++i) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
      const std::string problem = std::string("pipe: ") + std::strerror(errno);
      for (int j = 0; j < i; ++j) ::close(child_ends[j]);
      return problem;
    }
    ::fcntl(fds[0], F_SETPIPE_SZ, kPipeSize);  // best effort: the kernel may refuse the size
    const bool to_child = i == 0;
    child_ends[i] = to_child ? fds[0] : fds[1];
    check_uv(uv_pipe_open(&pipes_[i], to_child ? fds[1] : fds[0]), "uv_pipe_open");
  }
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  uv_stdio_container_t stdio[3];
  for (int i = 0; i < 3; ++i) {
    stdio[i].flags = UV_INHERIT_FD;
    stdio[i].data.fd = child_ends[i];
  }
  uv_process_options_t options{};
  options.exit_cb = &ChildProcess::on_process_exit;
  options.file = args[0];
  options.args = args.data();
  options.flags = UV_PROCESS_DETACHED;
  if (!cwd.empty()) options.cwd = cwd.c_str();
  options.stdio_count = 3;
  options.stdio = stdio;
  const int rc = uv_spawn(loop_.uv(), &process_, &options);
  for (const int fd : child_ends) ::close(fd);  // the program has its copies
  ++open_handles_;
  if (rc != 0) {
    uv_close(reinterpret_cast<uv_handle_t*>(&process_), [](uv_handle_t* h) {
      --static_cast<ChildProcess*>(h->data)->open_handles_;
    });
    return uv_strerror(rc);
  }
  pid_ = process_.pid;
  return {};
}

void ChildProcess::close_stdin() { close_handle(reinterpret_cast<uv_handle_t*>(&pipes_[0])); }

void ChildProcess::close_handle(uv_handle_t* handle) {
  if (uv_is_closing(handle)) return;
  handle->data = this;  // a reader may have used it; none reads after the close
  uv_close(handle, [](uv_handle_t* h) { --static_cast<ChildProcess*>(h->data)->open_handles_; });
}

void ChildProcess::terminate(Loop::Duration grace) {
  if (pid_ <= 0 || kill_timer_ != 0) return;
  ::kill(-pid_, SIGTERM);
  kill_timer_ = loop_.set_timeout(grace, [this] {
    kill_timer_ = 0;
    ::kill(-pid_, SIGKILL);
  });
}

void ChildProcess::on_process_exit(uv_process_t* process, std::int64_t status, int signal) {
  auto* self = static_cast<ChildProcess*>(process->data);
  ExitStatus exit;
  if (signal != 0) {
    exit.signal = signal;
  } else {
    exit.code = static_cast<int>(status);
  }
  self->exit_ = exit;
  self->close_handle(reinterpret_cast<uv_handle_t*>(process));
  if (self->on_exit_) self->loop_.dispatch([&] { self->on_exit_(exit); });
}

}  // namespace bp::harness
