// Writable's state machine. Function names follow Node's lib/internal/streams/writable.js
// (writeOrBuffer, onwrite, afterWrite, clearBuffer, finishMaybe, ...) so each rule can be
// checked against SEMANTICS.md section 2 line by line.
#include "streams/writable.h"

#include <utility>

#include "streams/loop.h"
#include "streams/readable.h"

namespace bp {

Writable::Writable(Loop& loop, const StreamOptions& options) : Stream(loop) {
  init(options, false);
}

Writable::Writable(Loop& loop, const StreamOptions& options, bool is_duplex) : Stream(loop) {
  init(options, is_duplex);
}

void Writable::init(const StreamOptions& options, bool is_duplex) {
  WritableState& s = wstate_;
  s.flags = kEnabled | kSync | kDecodeStrings | kAllNoop;
  s.set(kObjectMode, options.object_mode || (is_duplex && options.writable_object_mode));
  s.high_water_mark = resolve_high_water_mark(options, s.has(kObjectMode), is_duplex, false);
  s.set(kDecodeStrings, options.decode_strings);
  s.set(kEmitClose, options.emit_close);
  s.set(kAutoDestroy, options.auto_destroy);
  ws_ = &wstate_;
}

std::size_t Writable::chunk_length(const Chunk& chunk) const {
  if (ws().has(kObjectMode)) return 1;
  return chunk.is_string() ? chunk.utf16_length() : chunk.size();
}

bool Writable::writable_need_drain() const {
  const WritableState& s = ws();
  return s.matches(kNeedDrain | kDestroyed | kEnding, kNeedDrain);
}

bool Writable::writable() const {
  const WritableState& s = ws();
  return s.matches(kEnabled | kEnding | kEnded | kDestroyed | kErrored, kEnabled);
}

bool Writable::writable_aborted() const {
  const WritableState& s = ws();
  return s.has(kEnabled) && s.has(kDestroyed | kErrored) && !s.has(kFinished);
}

std::uint64_t Writable::violation_count() const {
  std::uint64_t n = 0;
  for (const Violation& v : ws().violations) n += v.count;
  return n;
}

void Writable::record_violation(const SourceLocation& where) {
  for (Violation& v : ws().violations) {
    if (v.line == where.line() && v.file == where.file_name()) {
      ++v.count;
      return;
    }
  }
  ws().violations.push_back(Violation{where.file_name(), where.line(), where.function_name(), 1});
}

bool Writable::write(Chunk chunk, Callback cb, SourceLocation where) {
  return write_impl(std::move(chunk), &cb, &where, nullptr);
}

// write_impl's every other case, whole.
bool Writable::write_rest(Chunk&& chunk, Callback* callback, const SourceLocation* where,
                          Error* failed) {
  WritableState& s = ws();
  Callback none;
  Callback& cb = callback ? *callback : none;
  if (chunk.is_null()) throw ArgumentError(Error::of(ErrorCode::ERR_STREAM_NULL_VALUES));
  if (!s.has(kObjectMode) && chunk.is_string() && s.has(kDecodeStrings)) chunk = chunk.as_bytes();
  if (where && writable_need_drain()) record_violation(*where);

  if (s.has(kEnding | kDestroyed)) [[unlikely]] {
    write_refused(std::move(cb), failed);
    return false;
  }
  ++s.pending_cb;
  return write_or_buffer(std::move(chunk), std::move(cb));
}

// A write after end() or destroy(): the callback and errorOrDestroy get the error.
void Writable::write_refused(Callback&& cb, Error* failed) {
  const Error err = ws().has(kEnding) ? Error::of(ErrorCode::ERR_STREAM_WRITE_AFTER_END)
                                : Error::of(ErrorCode::ERR_STREAM_DESTROYED, "write");
  if (cb) loop().next_tick([cb = std::move(cb), err] { cb(err); });
  error_or_destroy(err, true);
  if (failed) *failed = err;
}

bool Writable::write_or_buffer(Chunk&& chunk, Callback&& cb) {
  WritableState& s = ws();
  const std::size_t len = chunk_length(chunk);
  if (!s.has(kWriting | kErrored | kCorked)) {
    return start_write(std::move(chunk), &cb, len);
  }
  s.length += len;
  if (cb) s.clear(kAllNoop);
  s.buffered.push_back({std::move(chunk), std::move(cb)});
  s.set(kHasBuffered);
  return write_result();
}

void Writable::do_write(bool writev, std::size_t len, std::vector<Chunk> chunks, Chunk chunk,
                        Callback cb) {
  WritableState& s = ws();
  s.write_len = len;
  s.write_cb = std::move(cb);
  s.set(kWriting | kSync | kExpectWriteCb);
  auto onwrite = [this](const Error& er) { on_write(er); };
  if (s.has(kDestroyed)) {
    onwrite(Error::of(ErrorCode::ERR_STREAM_DESTROYED, "write"));
  } else if (writev) {
    _writev(std::move(chunks), onwrite);
  } else {
    _write(std::move(chunk), onwrite);
  }
  s.clear(kSync);
}

void Writable::on_write_error(Error er, Callback cb) {
  --ws().pending_cb;
  if (cb) cb(er);
  error_buffer();
  error_or_destroy(er);
}

// Node's onwrite, whole (on_write in writable.h takes the common case first).
void Writable::on_write_rest(const Error& er) {
  WritableState& s = ws();
  if (!s.has(kExpectWriteCb)) {
    error_or_destroy(Error::of(ErrorCode::ERR_MULTIPLE_CALLBACK));
    return;
  }
  const bool sync = s.has(kSync);
  Callback cb = std::move(s.write_cb);  // leaves write_cb empty
  s.clear(kWriting | kExpectWriteCb);
  s.length -= s.write_len;
  s.write_len = 0;

  if (er) {
    s.record_error(er);
    if (rs_) rs_->record_error(er);
    if (sync) {
      loop().next_tick([this, er, cb = std::move(cb)]() mutable { on_write_error(er, std::move(cb)); });
    } else {
      on_write_error(er, std::move(cb));
    }
    return;
  }

  if (s.has(kHasBuffered)) clear_buffer();

  if (!sync) {
    after_write(1, std::move(cb));
    return;
  }
  const bool need_drain = s.has(kNeedDrain) && s.length == 0;
  // Node v20 tests `state & kDestroyed !== 0`, which by precedence reads the objectMode bit:
  // object-mode streams always take the tick (SEMANTICS.md 2.3, the precedence quirk).
  const bool need_tick = need_drain || s.has(kObjectMode) || cb != nullptr;
  if (!cb) {
    if (!s.has(kAfterWritePending) && need_tick) {
      loop().next_tick([this] { after_write(1, {}); });
      s.set(kAfterWritePending);
    } else {
      --s.pending_cb;
      if (s.has(kEnding)) finish_maybe(true);
    }
  } else {
    loop().next_tick([this, cb = std::move(cb)]() mutable { after_write(1, std::move(cb)); });
    s.set(kAfterWritePending);
  }
}

void Writable::after_write(std::size_t count, Callback cb) {
  WritableState& s = ws();
  s.clear(kAfterWritePending);
  if (s.matches(kNeedDrain | kEnding | kDestroyed, kNeedDrain) && s.length == 0) {
    s.clear(kNeedDrain);
    ++s.drain_count;
    emit(Event::Drain);
  }
  while (count-- > 0) {
    --s.pending_cb;
    if (cb) cb();
  }
  if (s.has(kDestroyed)) error_buffer();
  if (s.has(kEnding)) finish_maybe(true);
}

// Fails every buffered write and pending end() callback; waits while a write is in flight.
void Writable::error_buffer() {
  WritableState& s = ws();
  if (s.has(kWriting)) return;
  if (s.has(kHasBuffered)) {
    std::deque<WritableState::Entry> entries = std::exchange(s.buffered, {});
    for (WritableState::Entry& e : entries) {
      s.length -= chunk_length(e.chunk);
      const Error err = s.errored ? s.errored : Error::of(ErrorCode::ERR_STREAM_DESTROYED, "write");
      if (e.callback) e.callback(err);
    }
  }
  call_finished_callbacks(s.errored ? s.errored : Error::of(ErrorCode::ERR_STREAM_DESTROYED, "end"));
  s.buffered.clear();
  s.clear(kHasBuffered);
  s.set(kAllNoop);
}

// Starts the next buffered write(s): one _writev for several chunks when available.
void Writable::clear_buffer() {
  WritableState& s = ws();
  if (!s.matches(kDestroyed | kBufferProcessing | kHasBuffered | kCorked, kHasBuffered)) return;
  if (s.buffered.empty()) return;

  s.set(kBufferProcessing);
  if (s.buffered.size() > 1 && has_writev()) {
    s.pending_cb -= s.buffered.size() - 1;
    std::deque<WritableState::Entry> entries = std::exchange(s.buffered, {});
    std::vector<Chunk> chunks;
    chunks.reserve(entries.size());
    std::vector<Callback> callbacks;
    for (WritableState::Entry& e : entries) {
      chunks.push_back(std::move(e.chunk));
      callbacks.push_back(std::move(e.callback));
    }
    Callback all;
    if (!s.has(kAllNoop)) {
      all = [callbacks = std::move(callbacks)](Error err) {
        for (const Callback& c : callbacks) {
          if (c) c(err);
        }
      };
    }
    do_write(true, s.length, std::move(chunks), {}, std::move(all));
    s.set(kHasBuffered, !s.buffered.empty());
    s.set(kAllNoop);
  } else {
    do {
      WritableState::Entry e = std::move(s.buffered.front());
      s.buffered.pop_front();
      const std::size_t len = chunk_length(e.chunk);
      do_write(false, len, {}, std::move(e.chunk), std::move(e.callback));
    } while (!s.buffered.empty() && !s.has(kWriting));
    if (s.buffered.empty()) {
      s.clear(kHasBuffered);
      s.set(kAllNoop);
    }
  }
  s.clear(kBufferProcessing);
}

void Writable::_write(Chunk chunk, Callback cb) {
  if (has_writev()) {
    std::vector<Chunk> one;
    one.push_back(std::move(chunk));
    _writev(std::move(one), std::move(cb));
    return;
  }
  cb(Error::of(ErrorCode::ERR_METHOD_NOT_IMPLEMENTED, "_write()"));
}

void Writable::_writev(std::vector<Chunk>, Callback cb) {
  cb(Error::of(ErrorCode::ERR_METHOD_NOT_IMPLEMENTED, "_writev()"));
}

void Writable::cork() {
  ++ws().corked;
  ws().set(kCorked);
}

void Writable::uncork() {
  WritableState& s = ws();
  if (s.corked == 0) return;
  if (--s.corked == 0) s.clear(kCorked);
  if (!s.has(kWriting)) clear_buffer();
}

Writable& Writable::end(Callback cb) { return end(Chunk{}, std::move(cb)); }

Writable& Writable::end(Chunk chunk, Callback cb, SourceLocation where) {
  WritableState& s = ws();
  Error err;
  if (!chunk.is_null()) write_impl(std::move(chunk), nullptr, &where, &err);

  if (s.corked) {
    s.corked = 1;
    uncork();
  }

  if (err) {
    // The write already failed; its error goes to cb below.
  } else if (!s.has(kEnding | kErrored)) {
    s.set(kEnding);
    finish_maybe(true);
    s.set(kEnded);
  } else if (s.has(kFinished)) {
    err = Error::of(ErrorCode::ERR_STREAM_ALREADY_FINISHED, "end");
  } else if (s.has(kDestroyed)) {
    err = Error::of(ErrorCode::ERR_STREAM_DESTROYED, "end");
  }

  if (cb) {
    if (err) {
      loop().next_tick([cb = std::move(cb), err] { cb(err); });
    } else if (s.errored) {
      loop().next_tick([cb = std::move(cb), e = s.errored] { cb(e); });
    } else if (s.has(kFinished)) {
      loop().next_tick([cb = std::move(cb)] { cb(); });
    } else {
      s.on_finished.push_back(std::move(cb));
    }
  }
  return *this;
}

bool Writable::need_finish() const {
  const WritableState& s = ws();
  return s.matches(kEnding | kDestroyed | kFinished | kWriting | kErrorEmitted | kCloseEmitted |
                       kHasBuffered | kErrored,
                   kEnding) &&
         s.length == 0;
}

void Writable::on_finish(Error err) {
  WritableState& s = ws();
  if (s.has(kPrefinished)) {
    error_or_destroy(err ? err : Error::of(ErrorCode::ERR_MULTIPLE_CALLBACK));
    return;
  }
  --s.pending_cb;
  if (err) {
    call_finished_callbacks(err);
    error_or_destroy(err, s.has(kSync));
  } else if (need_finish()) {
    s.set(kPrefinished);
    emit(Event::Prefinish);
    ++s.pending_cb;
    loop().next_tick([this] { finish(); });
  }
}

void Writable::prefinish() {
  WritableState& s = ws();
  if (s.has(kPrefinished | kFinalCalled)) return;
  if (has_final() && !s.has(kDestroyed)) {
    s.set(kFinalCalled | kSync);
    ++s.pending_cb;
    _final([this](Error err) { on_finish(std::move(err)); });
    s.clear(kSync);
  } else {
    s.set(kFinalCalled | kPrefinished);
    emit(Event::Prefinish);
  }
}

void Writable::finish_maybe(bool sync) {
  WritableState& s = ws();
  if (!need_finish()) return;
  prefinish();
  if (s.pending_cb != 0) return;
  if (sync) {
    ++s.pending_cb;
    loop().next_tick([this] {
      if (need_finish()) {
        finish();
      } else {
        --ws().pending_cb;
      }
    });
  } else if (need_finish()) {
    ++s.pending_cb;
    finish();
  }
}

void Writable::finish() {
  WritableState& s = ws();
  --s.pending_cb;
  s.set(kFinished);
  call_finished_callbacks({});
  emit(Event::Finish);
  if (s.has(kAutoDestroy)) {
    // A duplex waits for its readable side too, unless that side is disabled.
    const ReadableState* r = rs_;
    const bool auto_destroy =
        !r || (r->has(kAutoDestroy) && (r->has(Readable::kEndEmitted) || !r->has(kEnabled)));
    if (auto_destroy) destroy();
  }
}

void Writable::call_finished_callbacks(const Error& err) {
  std::vector<Callback> callbacks = std::exchange(ws().on_finished, {});
  for (Callback& cb : callbacks) cb(err);
}

}  // namespace bp
