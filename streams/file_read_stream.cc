// FileReadStream: open at the first read, one FileHandle read per _read.
#include "streams/file_read_stream.h"

#include <fcntl.h>

namespace bp {

namespace {

StreamOptions with_file_default(StreamOptions options) {
  if (!options.high_water_mark) options.high_water_mark = kFileReadHighWaterMark;
  return options;
}

}  // namespace

FileReadStream::FileReadStream(UvLoop& loop, std::string path, StreamOptions options)
    : Stream(loop), Readable(loop, with_file_default(options)), file_(loop, std::move(path)) {}

void FileReadStream::_read(std::size_t size) {
  if (file_.is_open()) {
    read_chunk(size);
    return;
  }
  file_.open(O_RDONLY, [this, size](Error err, std::size_t) {
    if (err) {
      destroy(err);
      return;
    }
    read_chunk(size);
  });
}

void FileReadStream::read_chunk(std::size_t size) {
  if (destroyed()) return;
  Chunk chunk = Chunk::allocate(size);
  file_.read(chunk.bytes(), [this, chunk](Error err, std::size_t n) {
    if (err) {
      destroy(err);
    } else if (n == 0) {
      push_eof();
    } else {
      bytes_read_ += n;
      push(n == chunk.size() ? chunk : chunk.slice(0, n));
    }
  });
}

void FileReadStream::_destroy(Error err, Callback cb) {
  file_.close([err, cb = std::move(cb)](Error close_err, std::size_t) { cb(err ? err : close_err); });
}

}  // namespace bp
