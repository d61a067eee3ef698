// FileHandle: an open file on a UvLoop, the part that FileReadStream and FileWriteStream share.
//
// Every operation calls `done` on the loop thread, as a macrotask in a later poll phase, with
// the bytes moved or an error worded as Node's: "ENOENT: no such file or directory, open
// 'in.log'". One operation at a time: the streams never overlap their reads or writes.
// close() waits for the operation in flight, as Node's fs streams do before closing. Reads
// and writes use the file's current position.
//
// Open and close run on libuv's thread pool, as Node's do; so do reads and writes of pipes,
// devices and other files that may block. Reads and writes of a regular file run on the loop
// thread and post their completion (UvLoop::post): the same callbacks in the same phase as
// from the pool, as if the pool were instant. Why: a 64 KiB read or write in the page cache
// costs less than the two thread wake-ups that moving it to the pool and back costs, and
// those wake-ups made a file copy twice as slow as cat (bench/RESULTS.md). The cost: a
// regular file on a slow disk holds the loop thread for the duration of each call.
#pragma once

#include <uv.h>

#include <cstddef>
#include <functional>
#include <span>
#include <string>

#include "streams/error.h"
#include "streams/uv_loop.h"

namespace bp {

class FileHandle {
 public:
  using Done = std::function<void(Error, std::size_t)>;

  FileHandle(UvLoop& loop, std::string path);
  // Closes the file synchronously if it is still open. The loop must have finished the
  // operation in flight (run the loop until idle first).
  ~FileHandle();
  FileHandle(const FileHandle&) = delete;
  FileHandle& operator=(const FileHandle&) = delete;

  const std::string& path() const { return path_; }
  bool is_open() const { return fd_ >= 0; }

  void open(int flags, Done done);
  void read(std::span<std::byte> into, Done done);
  void write(std::span<const uv_buf_t> bufs, Done done);
  // Closes once the operation in flight has finished; `done` gets no error when the file
  // was not open.
  void close(Done done);

 private:
  enum class Op { none, open, read, write, close };
  static void on_done(uv_fs_t* req);
  void start(Op op, Done done);
  void complete();  // the operation in req_ has finished: calls its `done`
  Error error_of(int rc) const;

  UvLoop& loop_;
  std::string path_;
  uv_file fd_ = -1;
  bool regular_ = false;  // a regular file: reads and writes on the loop thread
  uv_fs_t req_{};
  Op op_ = Op::none;
  Done done_;
  Done close_after_;  // close() called while an operation was in flight
};

}  // namespace bp
