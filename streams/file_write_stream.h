// FileWriteStream: Node's fs.createWriteStream(path) on a UvLoop.
//
// The file is created (or truncated) at the first write, or at end() when nothing was
// written. Writes go through FileHandle (where each runs is in streams/file_handle.h), one at a
// time; buffered chunks go out together
// through _writev, as Node's. A short write continues with the rest before the callback runs.
// The high-water mark is Node's default (16 KiB). _destroy closes the file after the write in
// flight.
#pragma once

#include <uv.h>

#include <cstdint>
#include <string>
#include <vector>

#include "streams/file_handle.h"
#include "streams/writable.h"

namespace bp {

class FileWriteStream final : public Writable {
 public:
  FileWriteStream(UvLoop& loop, std::string path, const StreamOptions& options = {});

  std::uint64_t bytes_written() const { return bytes_written_; }

 protected:
  void _write(Chunk chunk, Callback cb) override;
  void _writev(std::vector<Chunk> chunks, Callback cb) override;
  bool has_writev() const override { return true; }
  void _final(Callback cb) override;
  bool has_final() const override { return true; }
  void _destroy(Error err, Callback cb) override;

 private:
  // Opens the file if needed, then writes pending_ from offset 0.
  void start(std::vector<Chunk> chunks, Callback cb);
  void write_pending();
  void after_write(Error err, std::size_t n);

  FileHandle file_;
  std::vector<Chunk> pending_;  // what the write in flight still has to write
  std::vector<uv_buf_t> bufs_;
  Callback cb_;
  std::uint64_t bytes_written_ = 0;
};

}  // namespace bp
