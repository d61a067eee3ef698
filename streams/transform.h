// Transform: a Duplex whose output is computed from its input (SEMANTICS.md section 4).
//
// A subclass implements _transform(chunk, cb): it may push() any number of chunks, then calls
// cb(error, out) once, where a non-null `out` is pushed too. When the readable side is full,
// that callback is held (so the writable side stops draining) until a consumer reads: this
// is how backpressure crosses a Transform, through both of its buffers. _flush runs at end().
#pragma once

#include <functional>

#include "streams/duplex.h"

namespace bp {

using TransformCallback = std::function<void(Error, Chunk)>;

class Transform : public Duplex {
 public:
  explicit Transform(Loop& loop, const StreamOptions& options = {});

 protected:
  virtual void _transform(Chunk chunk, TransformCallback cb);
  // Runs once after the last _transform, before the readable side ends; only if has_flush().
  virtual void _flush(TransformCallback cb) { cb({}, {}); }
  virtual bool has_flush() const { return false; }

  void _write(Chunk chunk, Callback cb) final;
  void _read(std::size_t size) final;
  void _final(Callback cb) final;
  bool has_final() const final { return true; }

 private:
  void complete_write(Callback&& callback, std::size_t length_before, Error&& err, Chunk&& out);

  Callback write_cb_;  // the callback of the write being transformed
  Callback held_;  // the write callback waiting for a consumer to read
};

// PassThrough: a Transform that passes every chunk on unchanged.
class PassThrough : public Transform {
 public:
  explicit PassThrough(Loop& loop, const StreamOptions& options = {})
      : Stream(loop), Transform(loop, options) {}

 protected:
  void _transform(Chunk chunk, TransformCallback cb) override { cb({}, std::move(chunk)); }
};

}  // namespace bp
