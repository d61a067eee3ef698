// finished() after Node's lib/internal/streams/end-of-stream.js (eos).
#include "streams/finished.h"

#include <memory>

#include "streams/loop.h"
#include "streams/readable.h"
#include "streams/writable.h"

namespace bp {

namespace {

struct Watch {
  Stream* stream;
  Callback callback;  // emptied once called: Node's once()
  bool readable = false;
  bool writable = false;
  bool will_emit_close = false;
  bool writable_finished = false;
  bool readable_finished = false;
  ListenerId end_id = 0, finish_id = 0, error_id = 0, close_id = 0;

  void call(Error err = {}) {
    if (!callback) return;
    Callback cb = std::move(callback);
    callback = nullptr;
    cb(std::move(err));
  }
  Error stream_error() const {
    if (const WritableState* w = stream->writable_state(); w && w->errored) return w->errored;
    if (const ReadableState* r = stream->readable_state(); r && r->errored) return r->errored;
    return {};
  }
  // The stream's `readable` / `writable` getters (false when it has no such side).
  bool readable_now() const {
    const ReadableState* r = stream->readable_state();
    return r && r->has(Stream::kEnabled) &&
           !r->has(Stream::kDestroyed | Stream::kErrorEmitted | Readable::kEndEmitted);
  }
  bool writable_now() const {
    const WritableState* w = stream->writable_state();
    return w && w->has(Stream::kEnabled) &&
           !w->has(Stream::kDestroyed | Stream::kErrored | Writable::kEnding | Writable::kEnded);
  }

  void on_finish() {
    writable_finished = true;
    if (stream->destroyed()) will_emit_close = false;
    if (will_emit_close && (!readable_now() || readable)) return;
    if (!readable || readable_finished) call();
  }
  void on_end() {
    readable_finished = true;
    if (stream->destroyed()) will_emit_close = false;
    if (will_emit_close && (!writable_now() || writable)) return;
    if (!writable || writable_finished) call();
  }
  void on_close() {
    if (Error e = stream_error()) return call(e);
    if (readable && !readable_finished && is_readable_stream(*stream) &&
        !is_readable_finished(*stream, false)) {
      return call(Error::of(ErrorCode::ERR_STREAM_PREMATURE_CLOSE));
    }
    if (writable && !writable_finished && !is_writable_finished(*stream, false)) {
      return call(Error::of(ErrorCode::ERR_STREAM_PREMATURE_CLOSE));
    }
    call();
  }
  void on_closed() {
    if (Error e = stream_error()) return call(e);
    call();
  }
};

}  // namespace

Cleanup finished(Stream& stream, FinishedOptions options, Callback callback) {
  auto w = std::make_shared<Watch>();
  w->stream = &stream;
  w->callback = std::move(callback);
  w->readable = options.readable.value_or(is_readable_stream(stream));
  w->writable = options.writable.value_or(is_writable_stream(stream));
  w->will_emit_close = will_emit_close(stream) && is_readable_stream(stream) == w->readable &&
                       is_writable_stream(stream) == w->writable;
  w->writable_finished = is_writable_finished(stream, false);
  w->readable_finished = is_readable_finished(stream, false);

  Watch* p = w.get();
  w->end_id = stream.on(Event::End, [w](const EventArg&) { w->on_end(); });
  w->finish_id = stream.on(Event::Finish, [w](const EventArg&) { w->on_finish(); });
  if (options.error) {
    w->error_id = stream.on(Event::Error, [w](const EventArg& a) { w->call(a.error); });
  }
  w->close_id = stream.on(Event::Close, [w](const EventArg&) { w->on_close(); });

  const WritableState* ws = stream.writable_state();
  const ReadableState* rs = stream.readable_state();
  Loop& loop = stream.loop();
  // `isWritable(stream) === false` in Node: only streams with that side can say false.
  const bool writable_false = ws && !is_writable(stream);
  const bool readable_false = rs && !is_readable(stream);
  if (stream.closed()) {
    loop.next_tick([w] { w->on_close(); });
  } else if ((ws && ws->has(Stream::kErrorEmitted)) || (rs && rs->has(Stream::kErrorEmitted))) {
    if (!p->will_emit_close) loop.next_tick([w] { w->on_closed(); });
  } else if (!p->readable && (!p->will_emit_close || is_readable(stream)) &&
             (p->writable_finished || writable_false) && (!ws || ws->pending_cb == 0)) {
    loop.next_tick([w] { w->on_closed(); });
  } else if (!p->writable && (!p->will_emit_close || is_writable(stream)) &&
             (p->readable_finished || readable_false)) {
    loop.next_tick([w] { w->on_closed(); });
  }

  return [w, error = options.error] {
    w->callback = nullptr;
    Stream& s = *w->stream;
    s.off(Event::Finish, w->finish_id);
    s.off(Event::End, w->end_id);
    if (error) s.off(Event::Error, w->error_id);
    s.off(Event::Close, w->close_id);
  };
}

}  // namespace bp
