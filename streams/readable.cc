// Readable's state machine. Function names follow Node's lib/internal/streams/readable.js
// (addChunk, howMuchToRead, emitReadable, maybeReadMore, flow, endReadable, ...), so each
// rule can be checked against SEMANTICS.md section 3.
#include "streams/readable.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "streams/loop.h"
#include "streams/pipe.h"
#include "streams/writable.h"

namespace bp {

namespace {
constexpr std::size_t kMaxHighWaterMark = 0x40000000;  // 1 GiB

std::size_t compute_new_high_water_mark(std::size_t n) {
  if (n > kMaxHighWaterMark) n = kMaxHighWaterMark;
  std::size_t p = 1;
  while (p < n) p <<= 1;
  return p;
}
}  // namespace

Readable::Readable(Loop& loop, const StreamOptions& options) : Stream(loop) {
  init(options, false);
}

Readable::Readable(Loop& loop, const StreamOptions& options, bool is_duplex) : Stream(loop) {
  init(options, is_duplex);
}

Readable::~Readable() = default;

void Readable::init(const StreamOptions& options, bool is_duplex) {
  ReadableState& s = rstate_;
  s.flags = kEnabled | kSync | kAllowHalfOpen;
  s.set(kObjectMode, options.object_mode || (is_duplex && options.readable_object_mode));
  s.high_water_mark = resolve_high_water_mark(options, s.has(kObjectMode), is_duplex, true);
  s.set(kEmitClose, options.emit_close);
  s.set(kAutoDestroy, options.auto_destroy);
  rs_ = &rstate_;
}

std::optional<bool> Readable::readable_flowing() const {
  if (!rs().has(kHasFlowing)) return std::nullopt;
  return rs().has(kFlowing);
}

bool Readable::readable() const {
  const ReadableState& s = rs();
  return s.matches(kEnabled | kDestroyed | kErrorEmitted | kEndEmitted, kEnabled);
}

bool Readable::readable_aborted() const {
  const ReadableState& s = rs();
  return s.has(kEnabled) && s.has(kDestroyed | kErrored) && !s.has(kEndEmitted);
}

bool Readable::is_paused() const {
  return rs().has(kPaused) || rs().matches(kHasFlowing | kFlowing, kHasFlowing);
}

bool Readable::push_eof() {
  rs().clear(kReading);
  on_eof_chunk();
  return false;
}

bool Readable::unshift(Chunk chunk) {
  if (chunk.is_null()) return push_eof();
  ReadableState& s = rs();
  if (!s.has(kObjectMode) && chunk.empty()) return can_push_more();
  if (s.has(kEndEmitted)) {
    error_or_destroy(Error::of(ErrorCode::ERR_STREAM_UNSHIFT_AFTER_END_EVENT));
  } else if (s.has(kDestroyed | kErrored)) {
    return false;
  } else {
    add_chunk(std::move(chunk), true);
  }
  return can_push_more();
}

// Node's push, whole: readableAddChunk for every case push_moved does not take itself.
bool Readable::push_rest(Chunk&& chunk) {
  if (chunk.is_null()) return push_eof();
  ReadableState& s = rs();
  if (!s.has(kObjectMode) && chunk.is_string()) chunk = chunk.as_bytes();
  if (!s.has(kObjectMode) && chunk.empty()) {
    s.clear(kReading);
    maybe_read_more();
    return can_push_more();
  }
  if (s.has(kEnded)) {
    error_or_destroy(Error::of(ErrorCode::ERR_STREAM_PUSH_AFTER_EOF));
    return false;
  }
  if (s.has(kDestroyed | kErrored)) return false;
  s.clear(kReading);
  add_chunk(std::move(chunk), false);
  return can_push_more();
}

// Inlined into read_body, its hot caller, so the flowing read is one frame: left to itself,
// the compiler keeps these out of line and adds two calls per chunk.
[[gnu::always_inline]] inline std::size_t Readable::how_much_to_read(
    std::optional<std::size_t> n) const {
  const ReadableState& s = rs();
  if ((n && *n == 0) || (s.length == 0 && s.has(kEnded))) return 0;
  if (s.has(kObjectMode)) return 1;
  if (!n) {
    if (s.has(kFlowing) && s.length) return s.buffer.front().size();
    return s.length;
  }
  if (*n <= s.length) return *n;
  return s.has(kEnded) ? s.length : 0;
}

Chunk Readable::read() {
  Chunk chunk;
  read_impl(std::nullopt, &chunk);
  return chunk;
}

Chunk Readable::read(std::size_t n) {
  Chunk chunk;
  read_impl(n, &chunk);
  return chunk;
}

// read_body out of line, for every caller but flow().
bool Readable::read_impl(std::optional<std::size_t> n, Chunk* out) { return read_body(n, out); }

// Node's read(n). Whether it read a chunk is all that flow() and the internal read(0) calls
// look at, so the chunk goes to 'data' by move and is copied out only for a caller that
// passes `out`: no reference-count round trip per chunk in the flowing loop. flow() inlines
// it with no size and no `out`, which folds away every test of them.
[[gnu::always_inline]] inline bool Readable::read_body(std::optional<std::size_t> n_orig,
                                                       Chunk* out) {
  ReadableState& s = rs();
  if (n_orig && *n_orig > s.high_water_mark) {
    s.high_water_mark = compute_new_high_water_mark(*n_orig);
  }
  if (!n_orig || *n_orig != 0) s.clear(kEmittedReadable);

  if (n_orig && *n_orig == 0 && s.has(kNeedReadable) &&
      ((s.high_water_mark != 0 ? s.length >= s.high_water_mark : s.length > 0) || s.has(kEnded))) {
    if (s.length == 0 && s.has(kEnded)) {
      end_readable();
    } else {
      emit_readable();
    }
    return false;
  }

  std::size_t n = how_much_to_read(n_orig);
  if (n == 0 && s.has(kEnded)) {
    if (s.length == 0) end_readable();
    return false;
  }

  bool do_read = s.has(kNeedReadable);
  if (s.length == 0 || s.length - n < s.high_water_mark) do_read = true;
  if (s.has(kReading | kEnded | kDestroyed | kErrored)) {
    do_read = false;
  } else if (do_read) {
    s.set(kReading | kSync);
    if (s.length == 0) s.set(kNeedReadable);
    _read(s.high_water_mark);
    s.clear(kSync);
    if (!s.has(kReading)) n = how_much_to_read(n_orig);
  }

  Chunk ret = n > 0 ? from_list(n) : Chunk();
  if (ret.is_null()) {
    if (s.length <= s.high_water_mark) s.set(kNeedReadable);
    n = 0;
  } else {
    s.length -= n;
    clear_await_drain();
  }

  if (s.length == 0) {
    if (!s.has(kEnded)) s.set(kNeedReadable);
    if ((!n_orig || *n_orig != n) && s.has(kEnded)) end_readable();
  }

  if (ret.is_null()) return false;
  if (out) *out = ret;
  if (!s.has(kErrorEmitted | kCloseEmitted)) {
    s.set(kDataEmitted);
    emit_data(std::move(ret));
  }
  return true;
}

// Finds the pipe whose 'data' listener is the only one, after every change to the 'data'
// listeners and once a new pipe knows its listener's id, so emit_data need not look.
void Readable::route_data() {
  ReadableState& s = rs();
  s.sole_data_pipe = nullptr;
  if (listener_count(Event::Data) != 1) return;
  for (const std::unique_ptr<PipeLink>& link : s.pipe_links) {
    if (is_sole_listener(Event::Data, link->data_id)) s.sole_data_pipe = link.get();
  }
}

// Takes n units off the front of the buffer: one object, a whole chunk, a slice of one, or
// a new buffer joining several (Node's fromList).
[[gnu::always_inline]] inline Chunk Readable::from_list(std::optional<std::size_t> n) {
  ReadableState& s = rs();
  if (s.length == 0) return {};
  auto& buf = s.buffer;
  if (s.has(kObjectMode)) {
    Chunk c = std::move(buf.front());
    buf.pop_front();
    return c;
  }
  const std::size_t want = (!n || *n >= s.length) ? s.length : *n;
  if (buf.empty()) return Chunk::allocate(0);
  Chunk& first = buf.front();
  if (want == first.size()) {
    Chunk c = std::move(first);
    buf.pop_front();
    return c;
  }
  if (want < first.size()) {
    Chunk c = first.slice(0, want);
    first = first.slice(want, first.size() - want);
    return c;
  }
  Chunk joined = Chunk::allocate(want);
  std::size_t at = 0;
  while (at < want && !buf.empty()) {
    Chunk& front = buf.front();
    const std::size_t take = std::min(front.size(), want - at);
    std::memcpy(joined.data() + at, front.data(), take);
    at += take;
    if (take == front.size()) {
      buf.pop_front();
    } else {
      front = front.slice(take, front.size() - take);
    }
  }
  return joined;
}

void Readable::on_eof_chunk() {
  ReadableState& s = rs();
  if (s.has(kEnded)) return;
  s.set(kEnded);
  if (s.has(kSync)) {
    emit_readable();
  } else {
    s.clear(kNeedReadable);
    s.set(kEmittedReadable);
    emit_readable_();
  }
}

void Readable::emit_readable() {
  ReadableState& s = rs();
  s.clear(kNeedReadable);
  if (!s.has(kEmittedReadable)) {
    s.set(kEmittedReadable);
    loop().next_tick([this] { emit_readable_(); });
  }
}

void Readable::emit_readable_() {
  ReadableState& s = rs();
  if (!s.has(kDestroyed | kErrored) && (s.length || s.has(kEnded))) {
    emit(Event::Readable);
    s.clear(kEmittedReadable);
  }
  if (!s.has(kFlowing | kEnded) && s.length <= s.high_water_mark) s.set(kNeedReadable);
  flow();
}

void Readable::schedule_read_more() {
  rs().set(kReadingMore);
  loop().next_tick([this] { maybe_read_more_(); });
}

void Readable::maybe_read_more_() {
  ReadableState& s = rs();
  while (!s.has(kReading | kEnded) &&
         (s.length < s.high_water_mark || (s.has(kFlowing) && s.length == 0))) {
    const std::size_t len = s.length;
    read_impl(0, nullptr);
    if (len == s.length) break;
  }
  s.clear(kReadingMore);
}

void Readable::_read(std::size_t) {
  error_or_destroy(Error::of(ErrorCode::ERR_METHOD_NOT_IMPLEMENTED, "_read()"));
}

void Readable::listener_added(Event ev) {
  ReadableState& s = rs();
  if (ev == Event::Data) {
    route_data();
    s.set(kDataListening);
    if (listener_count(Event::Readable) > 0) s.set(kReadableListening);
    if (!s.matches(kHasFlowing | kFlowing, kHasFlowing)) resume();
  } else if (ev == Event::Readable) {
    if (!s.has(kEndEmitted | kReadableListening)) {
      s.set(kReadableListening | kNeedReadable | kHasFlowing);
      s.clear(kFlowing | kEmittedReadable);
      if (s.length) {
        emit_readable();
      } else if (!s.has(kReading)) {
        loop().next_tick([this] { read_impl(0, nullptr); });
      }
    }
  }
}

void Readable::listener_removed(Event ev) {
  if (ev == Event::Readable) {
    loop().next_tick([this] { update_readable_listening(); });
  } else if (ev == Event::Data) {
    route_data();
    if (listener_count(Event::Data) == 0) rs().clear(kDataListening);
  }
}

void Readable::update_readable_listening() {
  ReadableState& s = rs();
  s.set(kReadableListening, listener_count(Event::Readable) > 0);
  if (s.matches(kHasPaused | kPaused | kResumeScheduled, kHasPaused | kResumeScheduled)) {
    s.set(kHasFlowing | kFlowing);
  } else if (s.has(kDataListening)) {
    resume();
  } else if (!s.has(kReadableListening)) {
    s.clear(kHasFlowing | kFlowing);
  }
}

Readable& Readable::resume() {
  ReadableState& s = rs();
  if (!s.has(kFlowing)) {
    s.set(kHasFlowing);
    s.set(kFlowing, !s.has(kReadableListening));
    if (!s.has(kResumeScheduled)) {
      s.set(kResumeScheduled);
      loop().next_tick([this] { resume_(); });
    }
  }
  s.set(kHasPaused);
  s.clear(kPaused);
  return *this;
}

void Readable::resume_() {
  ReadableState& s = rs();
  if (!s.has(kReading)) read_impl(0, nullptr);
  s.clear(kResumeScheduled);
  emit(Event::Resume);
  flow();
  if (s.matches(kFlowing | kReading, kFlowing)) read_impl(0, nullptr);
}

Readable& Readable::pause() {
  ReadableState& s = rs();
  if (!s.matches(kHasFlowing | kFlowing, kHasFlowing)) {
    s.set(kHasFlowing);
    s.clear(kFlowing);
    emit(Event::Pause);
  }
  s.set(kHasPaused | kPaused);
  return *this;
}

void Readable::flow() {
  while (rs().has(kFlowing) && read_body(std::nullopt, nullptr)) {
  }
}

void Readable::end_readable() {
  ReadableState& s = rs();
  if (!s.has(kEndEmitted)) {
    s.set(kEnded);
    loop().next_tick([this] { end_readable_nt(); });
  }
}

void Readable::end_readable_nt() {
  ReadableState& s = rs();
  if (s.has(kErrored | kCloseEmitted | kEndEmitted) || s.length != 0) return;
  s.set(kEndEmitted);
  emit(Event::End);
  const WritableState* w = ws_;
  const bool writable_open =
      w && w->has(kEnabled) && !w->has(kDestroyed | kErrored | Writable::kEnding | Writable::kEnded);
  if (writable_open && !s.has(kAllowHalfOpen)) {
    loop().next_tick([this] { dynamic_cast<Writable&>(*this).end(); });
  } else if (s.has(kAutoDestroy)) {
    const bool auto_destroy =
        !w || (w->has(kAutoDestroy) && (w->has(Writable::kFinished) || !w->has(kEnabled)));
    if (auto_destroy) destroy();
  }
}

Readable& Readable::unpipe() {
  ReadableState& s = rs();
  if (s.pipes.empty()) return *this;
  std::vector<Writable*> dests = std::exchange(s.pipes, {});
  pause();
  for (Writable* d : dests) {
    bool has_unpiped = false;
    d->emit(Event::Unpipe, EventArg{.source = this, .has_unpiped = &has_unpiped});
  }
  return *this;
}

Readable& Readable::unpipe(Writable& dest) {
  ReadableState& s = rs();
  if (s.pipes.empty()) return *this;
  auto it = std::find(s.pipes.begin(), s.pipes.end(), &dest);
  if (it == s.pipes.end()) return *this;
  s.pipes.erase(it);
  if (s.pipes.empty()) pause();
  bool has_unpiped = false;
  dest.emit(Event::Unpipe, EventArg{.source = this, .has_unpiped = &has_unpiped});
  return *this;
}

}  // namespace bp
