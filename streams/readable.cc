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
  s.object_mode = options.object_mode || (is_duplex && options.readable_object_mode);
  s.high_water_mark = resolve_high_water_mark(options, s.object_mode, is_duplex, true);
  s.emit_close = options.emit_close;
  s.auto_destroy = options.auto_destroy;
  rs_ = &rstate_;
}

std::optional<bool> Readable::readable_flowing() const {
  if (!rs().has_flowing) return std::nullopt;
  return rs().flowing;
}

bool Readable::readable() const {
  const ReadableState& s = rs();
  return s.enabled && !s.destroyed && !s.error_emitted && !s.end_emitted;
}

bool Readable::readable_aborted() const {
  const ReadableState& s = rs();
  return s.enabled && (s.destroyed || s.errored) && !s.end_emitted;
}

bool Readable::is_paused() const { return rs().paused || (rs().has_flowing && !rs().flowing); }

bool Readable::push_eof() {
  rs().reading = false;
  on_eof_chunk();
  return false;
}

bool Readable::unshift(Chunk chunk) {
  if (chunk.is_null()) return push_eof();
  ReadableState& s = rs();
  if (!s.object_mode && chunk.empty()) return can_push_more();
  if (s.end_emitted) {
    error_or_destroy(Error::of(ErrorCode::ERR_STREAM_UNSHIFT_AFTER_END_EVENT));
  } else if (s.destroyed || s.errored) {
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
  if (!s.object_mode && chunk.is_string()) chunk = chunk.as_bytes();
  if (!s.object_mode && chunk.empty()) {
    s.reading = false;
    maybe_read_more();
    return can_push_more();
  }
  if (s.ended) {
    error_or_destroy(Error::of(ErrorCode::ERR_STREAM_PUSH_AFTER_EOF));
    return false;
  }
  if (s.destroyed || s.errored) return false;
  s.reading = false;
  add_chunk(std::move(chunk), false);
  return can_push_more();
}

// Inlined into read_body, its hot caller, so the flowing read is one frame: left to itself,
// the compiler keeps these out of line and adds two calls per chunk.
[[gnu::always_inline]] inline std::size_t Readable::how_much_to_read(
    std::optional<std::size_t> n) const {
  const ReadableState& s = rs();
  if ((n && *n == 0) || (s.length == 0 && s.ended)) return 0;
  if (s.object_mode) return 1;
  if (!n) {
    if (s.flowing && s.length) return s.buffer.front().size();
    return s.length;
  }
  if (*n <= s.length) return *n;
  return s.ended ? s.length : 0;
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
  if (!n_orig || *n_orig != 0) s.emitted_readable = false;

  if (n_orig && *n_orig == 0 && s.need_readable &&
      ((s.high_water_mark != 0 ? s.length >= s.high_water_mark : s.length > 0) || s.ended)) {
    if (s.length == 0 && s.ended) {
      end_readable();
    } else {
      emit_readable();
    }
    return false;
  }

  std::size_t n = how_much_to_read(n_orig);
  if (n == 0 && s.ended) {
    if (s.length == 0) end_readable();
    return false;
  }

  bool do_read = s.need_readable;
  if (s.length == 0 || s.length - n < s.high_water_mark) do_read = true;
  if (s.reading || s.ended || s.destroyed || s.errored) {
    do_read = false;
  } else if (do_read) {
    s.reading = s.sync = true;
    if (s.length == 0) s.need_readable = true;
    _read(s.high_water_mark);
    s.sync = false;
    if (!s.reading) n = how_much_to_read(n_orig);
  }

  Chunk ret = n > 0 ? from_list(n) : Chunk();
  if (ret.is_null()) {
    if (s.length <= s.high_water_mark) s.need_readable = true;
    n = 0;
  } else {
    s.length -= n;
    clear_await_drain();
  }

  if (s.length == 0) {
    if (!s.ended) s.need_readable = true;
    if ((!n_orig || *n_orig != n) && s.ended) end_readable();
  }

  if (ret.is_null()) return false;
  if (out) *out = ret;
  if (!s.error_emitted && !s.close_emitted) {
    s.data_emitted = true;
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
  if (s.object_mode) {
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
  if (s.ended) return;
  s.ended = true;
  if (s.sync) {
    emit_readable();
  } else {
    s.need_readable = false;
    s.emitted_readable = true;
    emit_readable_();
  }
}

void Readable::emit_readable() {
  ReadableState& s = rs();
  s.need_readable = false;
  if (!s.emitted_readable) {
    s.emitted_readable = true;
    loop().next_tick([this] { emit_readable_(); });
  }
}

void Readable::emit_readable_() {
  ReadableState& s = rs();
  if (!s.destroyed && !s.errored && (s.length || s.ended)) {
    emit(Event::Readable);
    s.emitted_readable = false;
  }
  if (!s.flowing && !s.ended && s.length <= s.high_water_mark) s.need_readable = true;
  flow();
}

void Readable::schedule_read_more() {
  rs().reading_more = true;
  loop().next_tick([this] { maybe_read_more_(); });
}

void Readable::maybe_read_more_() {
  ReadableState& s = rs();
  while (!s.reading && !s.ended &&
         (s.length < s.high_water_mark || (s.flowing && s.length == 0))) {
    const std::size_t len = s.length;
    read_impl(0, nullptr);
    if (len == s.length) break;
  }
  s.reading_more = false;
}

void Readable::_read(std::size_t) {
  error_or_destroy(Error::of(ErrorCode::ERR_METHOD_NOT_IMPLEMENTED, "_read()"));
}

void Readable::listener_added(Event ev) {
  ReadableState& s = rs();
  if (ev == Event::Data) {
    route_data();
    s.data_listening = true;
    if (listener_count(Event::Readable) > 0) s.readable_listening = true;
    if (!(s.has_flowing && !s.flowing)) resume();
  } else if (ev == Event::Readable) {
    if (!s.end_emitted && !s.readable_listening) {
      s.readable_listening = s.need_readable = s.has_flowing = true;
      s.flowing = s.emitted_readable = false;
      if (s.length) {
        emit_readable();
      } else if (!s.reading) {
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
    if (listener_count(Event::Data) == 0) rs().data_listening = false;
  }
}

void Readable::update_readable_listening() {
  ReadableState& s = rs();
  s.readable_listening = listener_count(Event::Readable) > 0;
  if (s.has_paused && !s.paused && s.resume_scheduled) {
    s.has_flowing = s.flowing = true;
  } else if (s.data_listening) {
    resume();
  } else if (!s.readable_listening) {
    s.has_flowing = s.flowing = false;
  }
}

Readable& Readable::resume() {
  ReadableState& s = rs();
  if (!s.flowing) {
    s.has_flowing = true;
    s.flowing = !s.readable_listening;
    if (!s.resume_scheduled) {
      s.resume_scheduled = true;
      loop().next_tick([this] { resume_(); });
    }
  }
  s.has_paused = true;
  s.paused = false;
  return *this;
}

void Readable::resume_() {
  ReadableState& s = rs();
  if (!s.reading) read_impl(0, nullptr);
  s.resume_scheduled = false;
  emit(Event::Resume);
  flow();
  if (s.flowing && !s.reading) read_impl(0, nullptr);
}

Readable& Readable::pause() {
  ReadableState& s = rs();
  if (!(s.has_flowing && !s.flowing)) {
    s.has_flowing = true;
    s.flowing = false;
    emit(Event::Pause);
  }
  s.has_paused = s.paused = true;
  return *this;
}

void Readable::flow() {
  while (rs().flowing && read_body(std::nullopt, nullptr)) {
  }
}

void Readable::end_readable() {
  ReadableState& s = rs();
  if (!s.end_emitted) {
    s.ended = true;
    loop().next_tick([this] { end_readable_nt(); });
  }
}

void Readable::end_readable_nt() {
  ReadableState& s = rs();
  if (s.errored || s.close_emitted || s.end_emitted || s.length != 0) return;
  s.end_emitted = true;
  emit(Event::End);
  const WritableState* w = ws_;
  const bool writable_open = w && w->enabled && !w->ending && !w->ended && !w->destroyed && !w->errored;
  if (writable_open && !s.allow_half_open) {
    loop().next_tick([this] { dynamic_cast<Writable&>(*this).end(); });
  } else if (s.auto_destroy) {
    const bool auto_destroy = !w || (w->auto_destroy && (w->finished || !w->enabled));
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
