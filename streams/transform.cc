// Transform after Node's lib/internal/streams/transform.js.
#include "streams/transform.h"

#include <typeinfo>
#include <utility>

#include "streams/loop.h"

namespace bp {

namespace {
// Node's rule: a readable side with high-water mark 0 also zeroes the writable side's
// unless that one was given explicitly, so the Transform does not buffer on both sides.
StreamOptions transform_options(StreamOptions options) {
  const bool obj = options.object_mode || options.readable_object_mode;
  if (resolve_high_water_mark(options, obj, true, true) == 0) {
    const std::int64_t w = options.writable_high_water_mark.value_or(0);
    options.high_water_mark.reset();
    options.readable_high_water_mark = 0;
    options.writable_high_water_mark = w;
  }
  return options;
}
}  // namespace

Transform::Transform(Loop& loop, const StreamOptions& options)
    : Stream(loop), Duplex(loop, transform_options(options)) {
  rs().clear(Readable::kSync);
}

void Transform::_transform(Chunk, TransformCallback cb) {
  cb(Error::of(ErrorCode::ERR_METHOD_NOT_IMPLEMENTED, "_transform()"), {});
}

// The write callback waits in a member rather than in the closure, so the closure is small
// enough to be held without a heap allocation on every chunk.
void Transform::_write(Chunk chunk, Callback callback) {
  const std::size_t length_before = rs().length;
  // A stock PassThrough's _transform calls its callback at once with the chunk unchanged:
  // make that same call here, without building a TransformCallback for it or parking the
  // write callback in write_cb_ on the way. The exact type is checked, so a subclass of
  // PassThrough that overrides _transform gets its own.
  if (typeid(*this) == typeid(PassThrough)) {
    complete_write(std::move(callback), length_before, {}, std::move(chunk));
    return;
  }
  write_cb_ = std::move(callback);
  _transform(std::move(chunk), [this, length_before](Error err, Chunk out) {
    // Taken rather than copied (a copy costs a call per chunk): calling it may start the
    // next write, which sets write_cb_ again. A second call of the transform callback finds
    // it empty and reports to Writable's onwrite, as the same callback called twice does in
    // Node.
    Callback taken = std::move(write_cb_);
    if (!taken) taken = [this](const Error& er) { on_write(er); };
    complete_write(std::move(taken), length_before, std::move(err), std::move(out));
  });
}

// What follows a _transform callback. Forced inline into _write: every chunk through a
// Transform passes here, and each frame saved on that synchronous chain counts once per stage
// (see bench/RESULTS.md).
[[gnu::always_inline]] inline void Transform::complete_write(Callback&& callback,
                                                             std::size_t length_before,
                                                             Error&& err, Chunk&& out) {
  if (err) {
    callback(std::move(err));
    return;
  }
  if (!out.is_null()) push_moved(std::move(out));
  if (rs().has(Readable::kEnded)) {
    loop().next_tick([callback = std::move(callback)] { callback(); });
  } else if (ws().has(Writable::kEnded) || length_before == rs().length ||
             rs().length < rs().high_water_mark) {
    callback();
  } else {
    held_ = std::move(callback);
  }
}

void Transform::_read(std::size_t) {
  if (held_) {
    Callback cb = std::exchange(held_, nullptr);
    cb();
  }
}

void Transform::_final(Callback cb) {
  if (has_flush() && !destroyed()) {
    _flush([this, cb = std::move(cb)](Error er, Chunk data) {
      if (er) {
        cb(std::move(er));
        return;
      }
      if (!data.is_null()) push(std::move(data));
      push_eof();
      cb();
    });
    return;
  }
  push_eof();
  cb();
}

}  // namespace bp
