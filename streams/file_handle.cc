// FileHandle: libuv fs requests, one at a time, with their results back on the loop thread.
#include "streams/file_handle.h"

#include <fcntl.h>
#include <sys/stat.h>

#include <utility>

namespace bp {

namespace {

const char* op_name(int fs_type) {
  switch (fs_type) {
    case UV_FS_OPEN: return "open";
    case UV_FS_READ: return "read";
    case UV_FS_WRITE: return "write";
    default: return "close";
  }
}

}  // namespace

FileHandle::FileHandle(UvLoop& loop, std::string path) : loop_(loop), path_(std::move(path)) {
  req_.data = this;
}

FileHandle::~FileHandle() {
  if (fd_ < 0) return;
  uv_fs_t req;
  uv_fs_close(nullptr, &req, fd_, nullptr);  // no loop: synchronous
  uv_fs_req_cleanup(&req);
}

Error FileHandle::error_of(int rc) const {
  return Error::plain(std::string(uv_err_name(rc)) + ": " + uv_strerror(rc) + ", " +
                      op_name(req_.fs_type) + " '" + path_ + "'");
}

void FileHandle::start(Op op, Done done) {
  op_ = op;
  done_ = std::move(done);
}

void FileHandle::open(int flags, Done done) {
  start(Op::open, std::move(done));
  uv_fs_open(loop_.uv(), &req_, path_.c_str(), flags | O_CLOEXEC, 0666, &FileHandle::on_done);
}

void FileHandle::read(std::span<std::byte> into, Done done) {
  start(Op::read, std::move(done));
  const uv_buf_t buf = uv_buf_init(reinterpret_cast<char*>(into.data()),
                                   static_cast<unsigned>(into.size()));
  if (regular_) {
    uv_fs_read(loop_.uv(), &req_, fd_, &buf, 1, -1, nullptr);  // no callback: synchronous
    loop_.post([this] { complete(); });
    return;
  }
  uv_fs_read(loop_.uv(), &req_, fd_, &buf, 1, -1, &FileHandle::on_done);
}

void FileHandle::write(std::span<const uv_buf_t> bufs, Done done) {
  start(Op::write, std::move(done));
  const auto n = static_cast<unsigned>(bufs.size());
  if (regular_) {
    uv_fs_write(loop_.uv(), &req_, fd_, bufs.data(), n, -1, nullptr);  // synchronous
    loop_.post([this] { complete(); });
    return;
  }
  uv_fs_write(loop_.uv(), &req_, fd_, bufs.data(), n, -1, &FileHandle::on_done);
}

void FileHandle::close(Done done) {
  if (op_ != Op::none) {
    close_after_ = std::move(done);
    return;
  }
  if (fd_ < 0) {
    loop_.next_tick([done = std::move(done)] { done({}, 0); });
    return;
  }
  start(Op::close, std::move(done));
  uv_fs_close(loop_.uv(), &req_, fd_, &FileHandle::on_done);
  fd_ = -1;
}

void FileHandle::on_done(uv_fs_t* req) {
  auto& self = *static_cast<FileHandle*>(req->data);
  self.loop_.dispatch([&self] { self.complete(); });
}

void FileHandle::complete() {
  const auto result = req_.result;
  const Error err = result < 0 ? error_of(static_cast<int>(result)) : Error{};
  if (op_ == Op::open && result >= 0) {
    fd_ = static_cast<uv_file>(result);
    uv_fs_t stat;
    if (uv_fs_fstat(nullptr, &stat, fd_, nullptr) == 0) regular_ = S_ISREG(stat.statbuf.st_mode);
    uv_fs_req_cleanup(&stat);
  }
  uv_fs_req_cleanup(&req_);
  op_ = Op::none;
  Done done = std::move(done_);
  done(err, result < 0 ? 0 : static_cast<std::size_t>(result));
  if (close_after_ && op_ == Op::none) close(std::exchange(close_after_, {}));
}

}  // namespace bp
