#include "harness/program_input.h"

#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace bp::harness {

struct ProgramInput::Write {
  uv_write_t req{};
  Chunk chunk;  // the bytes stay alive until libuv is done with them
  ProgramInput* self;
};

ProgramInput::ProgramInput(UvLoop& loop, const Source& source, std::string file)
    : loop_(loop), source_(source), file_(std::move(file)), data_(source.data, source.seed),
      pacer_(source.rate), total_(source.total) {}

ProgramInput::~ProgramInput() {
  if (pending_) pending_->self = nullptr;
  if (timer_ != 0) loop_.clear_timeout(timer_);
  if (fd_ >= 0) ::close(fd_);
}

std::string ProgramInput::open() {
  if (file_.empty()) return {};
  fd_ = ::open(file_.c_str(), O_RDONLY | O_CLOEXEC);
  struct stat st {};
  if (fd_ < 0 || ::fstat(fd_, &st) != 0) return "cannot read " + file_ + ": " + std::strerror(errno);
  if (S_ISDIR(st.st_mode)) return "cannot read " + file_ + ": it is a directory";
  total_ = static_cast<std::uint64_t>(st.st_size);
  return {};
}

void ProgramInput::start(uv_stream_t* pipe, std::function<void()> close, std::function<void()> on_end) {
  pipe_ = pipe;
  close_ = std::move(close);
  on_end_ = std::move(on_end);
  start_ = loop_.now();
  pump();
}

void ProgramInput::stop() {
  stopped_ = true;
  if (timer_ != 0) loop_.clear_timeout(timer_);
  timer_ = 0;
}

void ProgramInput::program_exited() {
  if (ended_ || pending_ != nullptr) return;  // on_written ends it
  if (timer_ != 0) loop_.clear_timeout(timer_);
  timer_ = 0;
  if (queued_ < total_) closed_early_ = true;
  finish();
}

std::uint64_t ProgramInput::unread() const {
  int fd = -1;
  int bytes = 0;
  if (ended_ || pipe_ == nullptr || uv_fileno(reinterpret_cast<const uv_handle_t*>(pipe_), &fd) != 0 ||
      ::ioctl(fd, FIONREAD, &bytes) != 0) {
    return 0;
  }
  return static_cast<std::uint64_t>(bytes);
}

Chunk ProgramInput::next_chunk(std::size_t size) {
  if (fd_ < 0) return data_.next(size);
  Chunk c = Chunk::allocate(size);
  std::size_t got = 0;
  while (got < size) {
    const ssize_t n = ::read(fd_, c.data() + got, size - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // the file shrank, or cannot be read any more: the input ends here
    got += static_cast<std::size_t>(n);
  }
  if (got < size) total_ = queued_ + got;
  return got < size ? c.slice(0, got) : c;
}

// Writes chunks while the rate allows and the pipe takes them at once; queues one otherwise.
void ProgramInput::pump() {
  while (!stopped_ && !ended_ && pending_ == nullptr) {
    if (queued_ >= total_) {
      finish();
      return;
    }
    const std::uint64_t size = std::min<std::uint64_t>(source_.chunk, total_ - queued_);
    const auto due = pacer_.due(queued_ + size);
    if (due == Pacer::kNever) return;
    if (start_ + due > loop_.now()) {
      if (timer_ == 0) {
        timer_ = loop_.set_timeout(start_ + due - loop_.now(), [this] {
          timer_ = 0;
          pump();
        });
      }
      return;
    }
    Chunk chunk = next_chunk(static_cast<std::size_t>(size));
    if (chunk.size() == 0) continue;  // the file ended early; total_ says so now
    queued_ += chunk.size();
    uv_buf_t buf = uv_buf_init(reinterpret_cast<char*>(chunk.data()), static_cast<unsigned>(chunk.size()));
    const int n = uv_try_write(pipe_, &buf, 1);
    if (n == static_cast<int>(chunk.size())) {
      written_ += chunk.size();
      continue;
    }
    if (n < 0 && n != UV_EAGAIN) {  // EPIPE: the program closed its stdin
      closed_early_ = true;
      finish();
      return;
    }
    const std::size_t done = n > 0 ? static_cast<std::size_t>(n) : 0;
    written_ += done;
    auto* w = new Write{{}, chunk.slice(done, chunk.size() - done), this};
    w->req.data = w;
    buf = uv_buf_init(reinterpret_cast<char*>(w->chunk.data()), static_cast<unsigned>(w->chunk.size()));
    if (const int rc = uv_write(&w->req, pipe_, &buf, 1, &ProgramInput::on_written); rc != 0) {
      delete w;
      closed_early_ = true;
      finish();
      return;
    }
    pending_ = w;
  }
}

void ProgramInput::on_written(uv_write_t* req, int status) {
  auto* w = static_cast<Write*>(req->data);
  ProgramInput* self = w->self;
  const std::size_t size = w->chunk.size();
  delete w;
  if (self == nullptr) return;
  self->pending_ = nullptr;
  if (status != 0 || self->stopped_) {
    if (status != 0 && status != UV_ECANCELED) self->closed_early_ = true;
    self->finish();
    return;
  }
  self->written_ += size;
  self->loop_.dispatch([self] { self->pump(); });
}

void ProgramInput::finish() {
  if (ended_) return;
  ended_ = true;
  close_();
  if (on_end_) on_end_();
}

}  // namespace bp::harness
