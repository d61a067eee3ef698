// Destruction shared by every stream, after Node's lib/internal/streams/destroy.js, and the
// stream predicates of utils.js.
#include "streams/stream.h"

#include "streams/loop.h"
#include "streams/readable.h"
#include "streams/writable.h"

namespace bp {

SideState* Stream::any_side() const {
  if (ws_) return ws_;
  return rs_;
}

bool Stream::destroyed() const {
  const SideState* s = any_side();
  return s && s->has(kDestroyed);
}

bool Stream::closed() const {
  const SideState* s = rs_ ? static_cast<SideState*>(rs_) : ws_;
  return s && s->has(kClosed);
}

Error Stream::errored() const {
  const SideState* s = rs_ ? static_cast<SideState*>(rs_) : ws_;
  return s ? s->errored : Error{};
}

void Stream::check_error(const Error& err) {
  if (!err) return;
  if (ws_) ws_->record_error(err);
  if (rs_) rs_->record_error(err);
}

Stream& Stream::destroy(Error err, Callback cb) {
  if ((ws_ && ws_->has(kDestroyed)) || (rs_ && rs_->has(kDestroyed))) {
    if (cb) cb();
    return *this;
  }
  // Writable's destroy: queued writes and end() callbacks fail on the next tick.
  if (ws_ && (ws_->has(Writable::kHasBuffered) || !ws_->on_finished.empty())) {
    loop().next_tick([this] { dynamic_cast<Writable*>(this)->error_buffer(); });
  }
  check_error(err);
  if (ws_) ws_->set(kDestroyed);
  if (rs_) rs_->set(kDestroyed);

  auto called = std::make_shared<bool>(false);
  _destroy(err, [this, called, cb = std::move(cb)](Error e) mutable {
    if (*called) return;
    *called = true;
    on_destroyed(std::move(e), std::move(cb));
  });
  return *this;
}

void Stream::on_destroyed(Error err, Callback cb) {
  check_error(err);
  if (ws_) ws_->set(kClosed);
  if (rs_) rs_->set(kClosed);
  if (cb) cb(err);
  if (err) {
    loop().next_tick([this, err] {
      emit_error_nt(err);
      emit_close_nt();
    });
  } else {
    loop().next_tick([this] { emit_close_nt(); });
  }
}

void Stream::emit_close_nt() {
  if (ws_) ws_->set(kCloseEmitted);
  if (rs_) rs_->set(kCloseEmitted);
  if ((ws_ && ws_->has(kEmitClose)) || (rs_ && rs_->has(kEmitClose))) emit(Event::Close);
}

void Stream::emit_error_nt(Error err) {
  if ((ws_ && ws_->has(kErrorEmitted)) || (rs_ && rs_->has(kErrorEmitted))) return;
  if (ws_) ws_->set(kErrorEmitted);
  if (rs_) rs_->set(kErrorEmitted);
  emit(Event::Error, EventArg{.error = std::move(err)});
}

void Stream::error_or_destroy(Error err, bool sync) {
  if ((ws_ && ws_->has(kDestroyed)) || (rs_ && rs_->has(kDestroyed))) return;
  if ((rs_ && rs_->has(kAutoDestroy)) || (ws_ && ws_->has(kAutoDestroy))) {
    destroy(std::move(err));
  } else if (err) {
    if (ws_) ws_->record_error(err);
    if (rs_) rs_->record_error(err);
    if (sync) {
      loop().next_tick([this, err] { emit_error_nt(err); });
    } else {
      emit_error_nt(err);
    }
  }
}

void destroyer(Stream& stream, Error err) {
  if (stream.destroyed()) return;
  if (!err && !is_finished(stream)) err = Error::of(ErrorCode::ABORT_ERR);
  stream.destroy(std::move(err));
}

bool is_readable_stream(const Stream& s) {
  const ReadableState* r = s.readable_state();
  return r && r->has(Stream::kEnabled);
}

bool is_writable_stream(const Stream& s) {
  const WritableState* w = s.writable_state();
  return w && w->has(Stream::kEnabled);
}

bool is_readable_finished(const Stream& s, bool strict) {
  const ReadableState* r = s.readable_state();
  if (!r || r->errored) return false;
  if (r->has(Readable::kEndEmitted)) return true;
  return !strict && r->has(Readable::kEnded) && r->length == 0;
}

bool is_writable_finished(const Stream& s, bool strict) {
  const WritableState* w = s.writable_state();
  if (!w) return false;
  if (w->has(Writable::kFinished)) return true;
  if (w->errored) return false;
  return !strict && w->has(Writable::kEnded) && w->length == 0;
}

bool is_readable(const Stream& s) {
  const ReadableState* r = s.readable_state();
  if (!r || s.destroyed()) return false;
  const bool readable =
      r->has(Stream::kEnabled) &&
      !r->has(Stream::kDestroyed | Stream::kErrorEmitted | Readable::kEndEmitted);
  return is_readable_stream(s) && readable && !is_readable_finished(s);
}

bool is_writable(const Stream& s) {
  const WritableState* w = s.writable_state();
  if (!w || s.destroyed()) return false;
  const bool writable =
      w->has(Stream::kEnabled) &&
      !w->has(Stream::kDestroyed | Stream::kErrored | Writable::kEnding | Writable::kEnded);
  const bool ended = w->has(Writable::kEnding) ||
                     w->matches(Stream::kErrored | Writable::kEnded, Writable::kEnded);
  return is_writable_stream(s) && writable && !ended;
}

bool is_finished(const Stream& s) {
  if (s.destroyed()) return true;
  if (is_readable(s)) return false;
  if (is_writable(s)) return false;
  return true;
}

bool will_emit_close(const Stream& s) {
  const SideState* st = s.writable_state() ? static_cast<SideState*>(s.writable_state())
                                           : static_cast<SideState*>(s.readable_state());
  return st && st->has(Stream::kAutoDestroy) && st->has(Stream::kEmitClose) &&
         !st->has(Stream::kClosed);
}

}  // namespace bp
