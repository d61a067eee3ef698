// Writable: Node v20's writable stream, rule for rule (SEMANTICS.md section 2).
//
// write() accepts every chunk and returns whether the caller may keep writing: false once
// the bytes accepted and not yet completed reach the high-water mark. The stream then owes a
// 'drain', emitted when everything has been flushed. A subclass implements _write (and
// optionally _writev and _final); it calls the callback it is given exactly once, now or
// later. Write callbacks run on a later tick when _write completed synchronously, at once
// when it completed asynchronously, as in Node.
//
// Every write() made while a 'drain' is owed is a backpressure violation: it is counted with
// the caller's source location, so a report can name the line that ignored write()'s result.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include "streams/chunk.h"
#include "streams/options.h"
#include "streams/source_location.h"
#include "streams/stream.h"

namespace bp {

// One place in the code that wrote while a 'drain' was owed, and how often it did.
struct Violation {
  std::string file;
  std::uint32_t line = 0;
  std::string function;
  std::uint64_t count = 0;
};

class WritableState : public SideState {
 public:
  struct Entry {
    Chunk chunk;
    Callback callback;
  };

  std::size_t corked = 0;  // cork() calls not yet undone; kCorked says whether above 0
  std::size_t write_len = 0;
  std::size_t pending_cb = 0;
  Callback write_cb;
  std::deque<Entry> buffered;
  std::vector<Callback> on_finished;
  std::vector<Violation> violations;
  std::uint64_t drain_count = 0;
};

class Writable : public virtual Stream {
 public:
  // The bits of WritableState::flags that only the writable side has.
  static constexpr std::uint32_t kFinalCalled = 1u << 9;
  static constexpr std::uint32_t kNeedDrain = 1u << 10;
  static constexpr std::uint32_t kEnding = 1u << 11;
  static constexpr std::uint32_t kEnded = 1u << 12;
  static constexpr std::uint32_t kFinished = 1u << 13;
  static constexpr std::uint32_t kDecodeStrings = 1u << 14;
  static constexpr std::uint32_t kWriting = 1u << 15;
  static constexpr std::uint32_t kSync = 1u << 16;
  static constexpr std::uint32_t kBufferProcessing = 1u << 17;
  static constexpr std::uint32_t kPrefinished = 1u << 18;
  static constexpr std::uint32_t kExpectWriteCb = 1u << 19;
  static constexpr std::uint32_t kAfterWritePending = 1u << 20;
  static constexpr std::uint32_t kAllNoop = 1u << 21;
  // Node's kBuffered: the buffer holds entries or is mid-flush.
  static constexpr std::uint32_t kHasBuffered = 1u << 22;
  static constexpr std::uint32_t kCorked = 1u << 23;  // `corked` is above 0

  explicit Writable(Loop& loop, const StreamOptions& options = {});

  // Writes `chunk` (never null: that throws ArgumentError ERR_STREAM_NULL_VALUES).
  bool write(Chunk chunk, Callback cb = {},
             SourceLocation where = SourceLocation::current());
  // end(), end(chunk), with an optional callback for 'finish' (or the error that prevented it).
  Writable& end(Callback cb = {});
  Writable& end(Chunk chunk, Callback cb = {},
                SourceLocation where = SourceLocation::current());
  void cork();
  void uncork();

  std::size_t writable_length() const { return ws().length; }
  std::size_t writable_high_water_mark() const { return ws().high_water_mark; }
  bool writable_need_drain() const;
  std::size_t writable_corked() const { return ws().corked; }
  std::size_t writable_buffered() const { return ws().buffered.size(); }
  bool writable() const;
  bool writable_ended() const { return ws().has(kEnding); }
  bool writable_finished() const { return ws().has(kFinished); }
  bool writable_object_mode() const { return ws().has(kObjectMode); }
  bool writable_aborted() const;

  const std::vector<Violation>& violations() const { return ws().violations; }
  std::uint64_t violation_count() const;
  std::uint64_t drain_count() const { return ws().drain_count; }

 protected:
  // Duplex construction: options resolved for the writable side of a duplex.
  Writable(Loop& loop, const StreamOptions& options, bool is_duplex);

  // Writes one chunk; call `cb` once when done (with an error to fail the write).
  virtual void _write(Chunk chunk, Callback cb);
  // Writes several buffered chunks at once; only used when has_writev() is true.
  virtual void _writev(std::vector<Chunk> chunks, Callback cb);
  virtual bool has_writev() const { return false; }
  // Runs once before 'finish', after every write completed; only when has_final().
  virtual void _final(Callback cb) { cb(); }
  virtual bool has_final() const { return false; }

  WritableState& ws() { return wstate_; }
  const WritableState& ws() const { return wstate_; }

 private:
  friend class Duplex;
  friend class Transform;
  void init(const StreamOptions& options, bool is_duplex);
  // Node's _write(): argument checks, write-after-end / after-destroy, then writeOrBuffer.
  // The chunk of bytes that finds the stream idle, owing no 'drain', goes to _write from the
  // inline part: that is every chunk of a pipe that keeps up, so the common case costs no
  // frame of its own. Any other write takes write_rest. `cb` may be null: a pipe's writes and
  // end(chunk)'s have no callback, and need not build an empty one per chunk.
  [[gnu::always_inline]] bool write_impl(Chunk&& chunk, Callback* cb,
                                         const SourceLocation* where, Error* failed);
  bool write_rest(Chunk&& chunk, Callback* cb, const SourceLocation* where, Error* failed);
  void write_refused(Callback&& cb, Error* failed);
  bool write_or_buffer(Chunk&& chunk, Callback&& cb);
  [[gnu::always_inline]] bool start_write(Chunk&& chunk, Callback* cb, std::size_t len);
  bool write_result();
  void do_write(bool writev, std::size_t len, std::vector<Chunk> chunks, Chunk chunk,
                Callback cb);
  // Node's onwrite, the callback handed to _write/_writev. Nearly every write completes
  // synchronously with nothing left to do but count it done: that case is inline in the
  // callback, and the rest (errors, buffered writes, 'drain', callbacks to schedule) is
  // on_write_rest, so the common case pays for no frame of its own.
  [[gnu::always_inline]] void on_write(const Error& er);
  void on_write_rest(const Error& er);
  void on_write_error(Error er, Callback cb);
  void after_write(std::size_t count, Callback cb);
  void error_buffer();
  void clear_buffer();
  bool need_finish() const;
  void on_finish(Error err);
  void prefinish();
  void finish_maybe(bool sync);
  void finish();
  void call_finished_callbacks(const Error& err);
  void record_violation(const SourceLocation& where);
  std::size_t chunk_length(const Chunk& chunk) const;

  WritableState wstate_;

  friend class Stream;
  friend struct PipeLink;
};

inline bool Writable::write_impl(Chunk&& chunk, Callback* cb, const SourceLocation* where,
                                 Error* failed) {
  WritableState& s = wstate_;
  if (!chunk.is_null() && !chunk.is_string() &&
      !s.has(kObjectMode | kNeedDrain | kEnding | kDestroyed | kWriting | kErrored | kCorked))
      [[likely]] {
    ++s.pending_cb;
    return start_write(std::move(chunk), cb, chunk.size());
  }
  return write_rest(std::move(chunk), cb, where, failed);
}

// writeOrBuffer when nothing is in the way: the chunk goes to _write now.
inline bool Writable::start_write(Chunk&& chunk, Callback* cb, std::size_t len) {
  WritableState& s = wstate_;
  s.length += len;
  s.write_len = len;
  if (cb && *cb) s.write_cb = std::move(*cb);  // empty while no write is in progress
  s.set(kWriting | kSync | kExpectWriteCb);
  _write(std::move(chunk), [this](const Error& er) { on_write(er); });
  s.clear(kSync);
  return write_result();
}

// What write() returns once the chunk is written or buffered, noting the 'drain' it owes.
inline bool Writable::write_result() {
  WritableState& s = wstate_;
  const bool ret = s.length < s.high_water_mark || s.length == 0;
  if (!ret) s.set(kNeedDrain);
  return ret && !s.has(kDestroyed | kErrored);
}

inline void Writable::on_write(const Error& er) {
  WritableState& s = wstate_;
  if (s.matches(kSync | kExpectWriteCb | kHasBuffered | kNeedDrain | kObjectMode | kEnding,
                kSync | kExpectWriteCb) &&
      !er && !s.write_cb) {
    s.clear(kWriting | kExpectWriteCb);
    s.length -= s.write_len;
    s.write_len = 0;
    --s.pending_cb;
    return;
  }
  on_write_rest(er);
}

}  // namespace bp
