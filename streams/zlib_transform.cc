// ZlibTransform: one zlib call per thread-pool step, output handed over on the loop thread.
#include "streams/zlib_transform.h"

#include <string>
#include <utility>

namespace bp {

ZlibTransform::ZlibTransform(UvLoop& loop, Mode mode, int level, const StreamOptions& options,
                             std::size_t chunk_size)
    : Stream(loop), Transform(loop, options), uv_(loop), mode_(mode), chunk_size_(chunk_size) {
  // windowBits 15 + 16 selects the gzip format, as createGzip/createGunzip do.
  ok_ = mode == Mode::gzip
            ? deflateInit2(&z_, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK
            : inflateInit2(&z_, 15 + 16) == Z_OK;
}

ZlibTransform::~ZlibTransform() {
  if (!ok_) return;
  if (mode_ == Mode::gzip) {
    deflateEnd(&z_);
  } else {
    inflateEnd(&z_);
  }
}

void ZlibTransform::_transform(Chunk chunk, TransformCallback cb) {
  process(std::move(chunk), Z_NO_FLUSH, std::move(cb));
}

void ZlibTransform::_flush(TransformCallback cb) { process(Chunk{}, Z_FINISH, std::move(cb)); }

void ZlibTransform::process(Chunk input, int flush, TransformCallback cb) {
  if (!ok_) {
    cb(Error::plain("zlib: initialisation failed"), {});
    return;
  }
  input_ = std::move(input);
  flush_ = flush;
  cb_ = std::move(cb);
  z_.next_in = reinterpret_cast<Bytef*>(input_.data());
  z_.avail_in = static_cast<uInt>(input_.size());
  step();
}

void ZlibTransform::step() {
  if (out_.is_null()) {
    out_ = Chunk::allocate(chunk_size_);  // on the loop thread: the worker never allocates
    out_used_ = 0;
  }
  z_.next_out = reinterpret_cast<Bytef*>(out_.data()) + out_used_;
  z_.avail_out = static_cast<uInt>(chunk_size_ - out_used_);
  uv_.queue_work([this] { rc_ = mode_ == Mode::gzip ? deflate(&z_, flush_) : inflate(&z_, flush_); },
                 [this] { after_step(); });
}

void ZlibTransform::after_step() {
  if (destroyed()) return;  // nobody waits for the output any more
  out_used_ = chunk_size_ - z_.avail_out;
  const bool out_full = z_.avail_out == 0;
  const bool ended = rc_ == Z_STREAM_END;
  if (rc_ != Z_OK && !ended && rc_ != Z_BUF_ERROR) {
    finish(Error::plain(std::string("zlib: ") + (z_.msg ? z_.msg : "data error")));
    return;
  }
  if (out_full || (ended && out_used_ > 0)) {
    push(out_.slice(0, out_used_));
    out_ = Chunk{};
  }
  // zlib stopped short of a full output chunk with no input left: it wants more input.
  const bool wants_input = z_.avail_in == 0 && !out_full;
  if (ended || (wants_input && flush_ == Z_NO_FLUSH)) {
    finish({});
  } else if (wants_input && mode_ == Mode::gunzip) {
    finish(Error::plain("zlib: unexpected end of file"));
  } else {
    step();
  }
}

void ZlibTransform::finish(Error err) {
  input_ = Chunk{};
  std::exchange(cb_, {})(std::move(err), {});
}

}  // namespace bp
