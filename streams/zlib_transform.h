// SingleStreamGzip and Gunzip: Node's zlib.createGzip()/createGunzip() on a UvLoop, one zlib
// stream each, with the work on libuv's thread pool so that file I/O and compression overlap.
// SingleStreamGzip's output is byte for byte zlib's (and Node's) for the same level; Gzip
// (streams/parallel_gzip.h) is faster and its output differs.
//
// As in Node, each input chunk is fed to zlib in one or more thread-pool steps; a step runs
// until zlib has consumed the input or filled the output chunk (chunk_size bytes, 16 KiB by
// default as Node's chunkSize). Full output chunks are pushed on the loop thread; the last,
// partial one at the end. The transform's callback runs once the input is consumed, so the
// writable side holds the next chunk while zlib works (backpressure as in Node). Corrupt or
// truncated gzip input fails the stream ("zlib: incorrect header check", "zlib: unexpected end
// of file"). While a step is in flight the worker owns the zlib state; the loop must run until
// the step is done before the stream is freed (the Stream lifetime rule).
#pragma once

#include <zlib.h>

#include <cstddef>

#include "streams/transform.h"
#include "streams/uv_loop.h"

namespace bp {

inline constexpr std::size_t kZlibChunkSize = 16 * 1024;

class ZlibTransform : public Transform {
 public:
  enum class Mode { gzip, gunzip };

  ZlibTransform(UvLoop& loop, Mode mode, int level, const StreamOptions& options = {},
                std::size_t chunk_size = kZlibChunkSize);
  ~ZlibTransform() override;

 protected:
  void _transform(Chunk chunk, TransformCallback cb) override;
  void _flush(TransformCallback cb) override;
  bool has_flush() const override { return true; }

 private:
  // Starts consuming `input` with zlib flush mode `flush`; `cb` runs once it is consumed.
  void process(Chunk input, int flush, TransformCallback cb);
  void step();
  void after_step();
  void finish(Error err);  // the input is consumed (or failed): the transform's callback

  UvLoop& uv_;
  Mode mode_;
  std::size_t chunk_size_;
  bool ok_ = false;
  z_stream z_{};
  Chunk input_;  // kept alive while zlib reads it
  int flush_ = Z_NO_FLUSH;
  int rc_ = Z_OK;  // written by the worker, read in after_step
  Chunk out_;
  std::size_t out_used_ = 0;
  TransformCallback cb_;
};

class SingleStreamGzip final : public ZlibTransform {
 public:
  explicit SingleStreamGzip(UvLoop& loop, int level = 6, const StreamOptions& options = {})
      : Stream(loop), ZlibTransform(loop, Mode::gzip, level, options) {}
};

class Gunzip final : public ZlibTransform {
 public:
  explicit Gunzip(UvLoop& loop, const StreamOptions& options = {})
      : Stream(loop), ZlibTransform(loop, Mode::gunzip, 0, options) {}
};

}  // namespace bp
