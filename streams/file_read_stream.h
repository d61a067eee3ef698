// FileReadStream: Node's fs.createReadStream(path) on a UvLoop.
//
// Each _read reads up to the high-water mark (64 KiB by default, as Node's) into a fresh chunk
// through FileHandle (on the thread pool, or on the loop thread for a regular file: see
// streams/file_handle.h) and pushes it; end of file pushes EOF. The file opens at the first
// _read; an open or read failure destroys the stream with Node's wording ("ENOENT: no such
// file or directory, open 'in.log'"). _destroy closes the file once a read in flight is done.
#pragma once

#include <cstdint>
#include <string>

#include "streams/file_handle.h"
#include "streams/readable.h"

namespace bp {

inline constexpr std::int64_t kFileReadHighWaterMark = 64 * 1024;

class FileReadStream final : public Readable {
 public:
  FileReadStream(UvLoop& loop, std::string path, StreamOptions options = {});

  std::uint64_t bytes_read() const { return bytes_read_; }

 protected:
  void _read(std::size_t size) override;
  void _destroy(Error err, Callback cb) override;

 private:
  void read_chunk(std::size_t size);

  FileHandle file_;
  std::uint64_t bytes_read_ = 0;
};

}  // namespace bp
