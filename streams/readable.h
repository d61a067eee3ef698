// Readable: Node v20's readable stream, rule for rule (SEMANTICS.md section 3).
//
// A subclass implements _read(size) and hands data over with push(); push_eof() ends the
// stream (Node's push(null)). push() returns whether the buffer is below the high-water
// mark: a well-behaved _read stops pushing when it returns false, and _read is not called
// again until a consumer takes data. Three ways to consume, as in Node: flowing ('data'
// listeners, resume(), pipe()), paused (read() after 'readable'), and async iteration
// (streams/async_iterator.h).
#pragma once

#include <algorithm>
#include <cstddef>
#include <deque>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "streams/chunk.h"
#include "streams/options.h"
#include "streams/pipe.h"
#include "streams/stream.h"

namespace bp {

class Writable;
struct PipeLink;

class ReadableState : public SideState {
 public:
  std::deque<Chunk> buffer;
  std::vector<Writable*> pipes;
  std::vector<Writable*> await_drain_writers;
  std::vector<std::unique_ptr<PipeLink>> pipe_links;
  // The pipe whose 'data' listener is this stream's only one, if any: 'data' goes to it by a
  // direct call (Readable::emit_data). Kept current by Readable::route_data().
  PipeLink* sole_data_pipe = nullptr;
  std::size_t peak_length = 0;
};

struct PipeOptions {
  bool end = true;  // end the destination when the source ends
};

class Readable : public virtual Stream {
 public:
  // The bits of ReadableState::flags that only the readable side has.
  //
  // Off: readableFlowing is still null (no consumer has appeared).
  static constexpr std::uint32_t kHasFlowing = 1u << 9;
  static constexpr std::uint32_t kFlowing = 1u << 10;
  static constexpr std::uint32_t kEnded = 1u << 11;
  static constexpr std::uint32_t kEndEmitted = 1u << 12;
  static constexpr std::uint32_t kReading = 1u << 13;
  static constexpr std::uint32_t kSync = 1u << 14;
  static constexpr std::uint32_t kNeedReadable = 1u << 15;
  static constexpr std::uint32_t kEmittedReadable = 1u << 16;
  static constexpr std::uint32_t kReadableListening = 1u << 17;
  static constexpr std::uint32_t kResumeScheduled = 1u << 18;
  static constexpr std::uint32_t kMultiAwaitDrain = 1u << 19;
  static constexpr std::uint32_t kReadingMore = 1u << 20;
  static constexpr std::uint32_t kDataEmitted = 1u << 21;
  static constexpr std::uint32_t kHasPaused = 1u << 22;
  static constexpr std::uint32_t kPaused = 1u << 23;
  static constexpr std::uint32_t kDataListening = 1u << 24;
  // Duplex: the writable side stays open after 'end'.
  static constexpr std::uint32_t kAllowHalfOpen = 1u << 25;

  explicit Readable(Loop& loop, const StreamOptions& options = {});
  ~Readable() override;

  // Adds a chunk (an empty one only clears the reading flag). Returns false once the buffer
  // reaches the high-water mark, after EOF, or after destroy/error. Forced inline, as a
  // source's _read calls it once per chunk: the compiler would otherwise keep it out of line.
  [[gnu::always_inline]] bool push(Chunk chunk) { return push_moved(std::move(chunk)); }
  // Ends the stream: 'end' follows once the buffer has been consumed. Returns false.
  bool push_eof();
  bool unshift(Chunk chunk);

  // read(): everything buffered (flowing: the first chunk; object mode: one object);
  // read(n): exactly n bytes or null (fewer only at the end). Null Chunk: nothing to read.
  Chunk read();
  Chunk read(std::size_t n);

  Readable& pause();
  Readable& resume();
  bool is_paused() const;

  // Pipes into `dest`, pausing while dest owes a 'drain' (SEMANTICS.md section 5).
  Writable& pipe(Writable& dest, PipeOptions options = {});
  Readable& unpipe();
  Readable& unpipe(Writable& dest);

  std::size_t readable_length() const { return rs().length; }
  std::size_t readable_high_water_mark() const { return rs().high_water_mark; }
  std::optional<bool> readable_flowing() const;
  bool readable_ended() const { return rs().has(kEndEmitted); }
  bool readable() const;
  bool readable_object_mode() const { return rs().has(kObjectMode); }
  bool readable_aborted() const;
  std::size_t readable_peak_length() const { return rs().peak_length; }

 protected:
  Readable(Loop& loop, const StreamOptions& options, bool is_duplex);

  // push() for a chunk the caller hands over (a Transform's output): no Chunk handle to copy
  // into push's parameter and release after.
  [[gnu::always_inline]] bool push_moved(Chunk&& chunk);

  // Called when the stream wants data; `size` is the high-water mark. Push what is
  // available, now or later; the stream calls _read again only after a push.
  virtual void _read(std::size_t size);

  void listener_added(Event ev) override;
  void listener_removed(Event ev) override;

  ReadableState& rs() { return rstate_; }
  const ReadableState& rs() const { return rstate_; }

 private:
  friend class Writable;
  friend class Duplex;
  friend struct PipeLink;
  void init(const StreamOptions& options, bool is_duplex);
  bool read_impl(std::optional<std::size_t> n, Chunk* out);
  bool read_body(std::optional<std::size_t> n, Chunk* out);
  bool push_rest(Chunk&& chunk);
  bool can_push_more() const;
  [[gnu::always_inline]] void add_chunk(Chunk&& chunk, bool to_front);
  [[gnu::always_inline]] void emit_data(Chunk&& chunk);
  void route_data();
  void on_eof_chunk();
  void emit_readable();
  void emit_readable_();
  // Node's maybeReadMore: a read(0) loop on the next tick, scheduled once at a time. The test
  // is inline, as every chunk pushed makes it.
  void maybe_read_more() {
    if (!rs().has(kReadingMore)) schedule_read_more();
  }
  void schedule_read_more();
  void maybe_read_more_();
  std::size_t how_much_to_read(std::optional<std::size_t> n) const;
  Chunk from_list(std::optional<std::size_t> n);
  void end_readable();
  void end_readable_nt();
  void update_readable_listening();
  void resume_();
  void flow();
  void clear_await_drain() { rs().await_drain_writers.clear(); }
  std::size_t chunk_length(const Chunk& c) const { return rs().has(kObjectMode) ? 1 : c.size(); }

  ReadableState rstate_;
};

// A chunk of bytes pushed into a stream that can take it goes through the fast part; every
// other push (null, empty, a string, after EOF, after an error) takes push_rest. The split keeps
// the chunk's common path lean: each chunk of a pipeline passes here once per stage.
inline bool Readable::push_moved(Chunk&& chunk) {
  ReadableState& s = rs();
  if (chunk.is_null() || chunk.empty() || chunk.is_string() ||
      s.has(kEnded | kDestroyed | kErrored)) [[unlikely]] {
    return push_rest(std::move(chunk));
  }
  s.clear(kReading);
  add_chunk(std::move(chunk), false);
  return can_push_more();
}

inline bool Readable::can_push_more() const {
  const ReadableState& s = rs();
  return !s.has(kEnded) && (s.length < s.high_water_mark || s.length == 0);
}

inline void Readable::add_chunk(Chunk&& chunk, bool to_front) {
  ReadableState& s = rs();
  if (s.matches(kFlowing | kSync | kDataListening, kFlowing | kDataListening) && s.length == 0) {
    clear_await_drain();
    s.set(kDataEmitted);
    emit_data(std::move(chunk));
  } else {
    s.length += chunk_length(chunk);
    s.peak_length = std::max(s.peak_length, s.length);
    if (to_front) {
      s.buffer.push_front(std::move(chunk));
    } else {
      s.buffer.push_back(std::move(chunk));
    }
    if (s.has(kNeedReadable)) emit_readable();
  }
  maybe_read_more();
}

// When a pipe's listener is the only 'data' listener, the chunk goes to the pipe by a direct
// call: the one call emit() would make, without building an EventArg and a std::function call
// on every chunk. What emit() adds around that call (keeping removed listeners alive while
// they may be running) is for this stream's listeners, and none of them runs here. Forced
// inline into its two callers (push's add_chunk and read_body): one frame less per stage on
// the synchronous chain every chunk takes.
inline void Readable::emit_data(Chunk&& chunk) {
  if (PipeLink* link = rs().sole_data_pipe) {
    link->on_data(std::move(chunk));
    return;
  }
  emit(Event::Data, EventArg{.chunk = std::move(chunk)});
}

}  // namespace bp
