// FileWriteStream: open at the first write, then one FileHandle write (of one or more chunks)
// at a time, continued until every byte is written.
#include "streams/file_write_stream.h"

#include <fcntl.h>

#include <utility>

namespace bp {

namespace {
constexpr int kWriteFlags = O_WRONLY | O_CREAT | O_TRUNC;  // Node's flags: 'w'
}

FileWriteStream::FileWriteStream(UvLoop& loop, std::string path, const StreamOptions& options)
    : Stream(loop), Writable(loop, options), file_(loop, std::move(path)) {}

void FileWriteStream::_write(Chunk chunk, Callback cb) {
  std::vector<Chunk> chunks;
  chunks.push_back(std::move(chunk));
  start(std::move(chunks), std::move(cb));
}

void FileWriteStream::_writev(std::vector<Chunk> chunks, Callback cb) {
  start(std::move(chunks), std::move(cb));
}

void FileWriteStream::start(std::vector<Chunk> chunks, Callback cb) {
  pending_ = std::move(chunks);
  cb_ = std::move(cb);
  if (file_.is_open()) {
    write_pending();
    return;
  }
  file_.open(kWriteFlags, [this](Error err, std::size_t) {
    if (err) {
      pending_.clear();
      std::exchange(cb_, {})(err);
      return;
    }
    write_pending();
  });
}

void FileWriteStream::write_pending() {
  bufs_.clear();
  for (const Chunk& c : pending_) {
    bufs_.push_back(uv_buf_init(reinterpret_cast<char*>(c.data()), static_cast<unsigned>(c.size())));
  }
  file_.write(bufs_, [this](Error err, std::size_t n) { after_write(err, n); });
}

void FileWriteStream::after_write(Error err, std::size_t n) {
  bytes_written_ += n;
  // Drop what was written; a short write leaves the rest to go out now.
  std::size_t i = 0;
  while (i < pending_.size() && n >= pending_[i].size()) n -= pending_[i++].size();
  pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(i));
  if (!err && !pending_.empty()) {
    pending_.front() = pending_.front().slice(n, pending_.front().size() - n);
    write_pending();
    return;
  }
  pending_.clear();
  std::exchange(cb_, {})(err);
}

void FileWriteStream::_final(Callback cb) {
  if (file_.is_open()) {
    cb();
    return;
  }
  file_.open(kWriteFlags, [cb = std::move(cb)](Error err, std::size_t) { cb(err); });
}

void FileWriteStream::_destroy(Error err, Callback cb) {
  file_.close([err, cb = std::move(cb)](Error close_err, std::size_t) { cb(err ? err : close_err); });
}

}  // namespace bp
