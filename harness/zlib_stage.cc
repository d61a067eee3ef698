#include "harness/zlib_stage.h"

#include <zlib.h>

#include <string>

#include "harness/stages.h"

namespace bp::harness {

namespace {

class ZlibStage final : public FaultableStage {
 public:
  ZlibStage(Loop& loop, const StreamOptions& options, bool compress, int level)
      : Stream(loop), FaultableStage(loop, options), compress_(compress) {
    // windowBits 15 + 16: the gzip format, as createGzip/createGunzip.
    ok_ = compress ? deflateInit2(&z_, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK
                   : inflateInit2(&z_, 15 + 16) == Z_OK;
  }
  ~ZlibStage() override {
    if (ok_) compress_ ? deflateEnd(&z_) : inflateEnd(&z_);
  }

 protected:
  void transform(Chunk chunk, TransformCallback cb) override {
    cb(run(chunk, Z_NO_FLUSH), {});
  }
  void _flush(TransformCallback cb) override { cb(run(Chunk{}, Z_FINISH), {}); }
  bool has_flush() const override { return true; }

 private:
  // Feeds `input` to zlib and pushes every full (or, at the end, final) output chunk.
  Error run(const Chunk& input, int flush) {
    if (!ok_) return Error::plain("zlib: initialisation failed");
    z_.next_in = reinterpret_cast<Bytef*>(input.data());
    z_.avail_in = static_cast<uInt>(input.size());
    for (;;) {
      if (out_.is_null()) {
        out_ = Chunk::allocate(kZlibChunk);
        out_used_ = 0;
      }
      z_.next_out = reinterpret_cast<Bytef*>(out_.data()) + out_used_;
      z_.avail_out = static_cast<uInt>(kZlibChunk - out_used_);
      const int rc = compress_ ? deflate(&z_, flush) : inflate(&z_, flush);
      out_used_ = kZlibChunk - z_.avail_out;
      if (rc != Z_OK && rc != Z_STREAM_END && rc != Z_BUF_ERROR) {
        return Error::plain(std::string("zlib: ") + (z_.msg ? z_.msg : "data error"));
      }
      const bool ended = rc == Z_STREAM_END;
      if (out_used_ == kZlibChunk || (ended && out_used_ > 0)) {
        push(out_.slice(0, out_used_));
        out_ = Chunk{};
      }
      if (ended) return {};
      if (z_.avail_in == 0 && z_.avail_out != 0) {
        if (flush == Z_FINISH && !compress_) return Error::plain("zlib: unexpected end of file");
        return {};
      }
    }
  }

  bool compress_;
  bool ok_ = false;
  z_stream z_{};
  Chunk out_;
  std::size_t out_used_ = 0;
};

}  // namespace

std::unique_ptr<Duplex> make_gzip_stage(Loop& loop, const StreamOptions& options, int level) {
  return std::make_unique<ZlibStage>(loop, options, true, level);
}

std::unique_ptr<Duplex> make_gunzip_stage(Loop& loop, const StreamOptions& options) {
  return std::make_unique<ZlibStage>(loop, options, false, 0);
}

}  // namespace bp::harness
