// Stream: what Readable, Writable and Duplex share — the event emitter, the two side states,
// and destruction (Node's destroy.js): destroy(), errorOrDestroy() and the 'error'/'close'
// emission that follows on the next tick.
//
// Ownership and lifetime: streams are owned by their creator (usually a unique_ptr). Work the
// streams queue on the loop refers to them by address, so a stream must outlive the loop's
// pending work: run the loop until it is idle before destroying the objects.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>

#include "streams/callback.h"
#include "streams/error.h"
#include "streams/event_emitter.h"

namespace bp {

// The fields both sides have. A Duplex has one per side; destroy() updates both.
//
// Every yes/no of a side is one bit of `flags`, as Node keeps them in one number
// (state[kState]): the paths each chunk takes test several at once with one mask. Stream
// names the bits both sides have; Readable and Writable name their own, from bit 9 up.
struct SideState {
  bool has(std::uint32_t bits) const { return (flags & bits) != 0; }  // any of `bits`
  void set(std::uint32_t bits) { flags |= bits; }
  void clear(std::uint32_t bits) { flags &= ~bits; }
  void set(std::uint32_t bits, bool on) { on ? set(bits) : clear(bits); }
  // Of the bits in `mask`, exactly those in `on` are set.
  bool matches(std::uint32_t mask, std::uint32_t on) const { return (flags & mask) == on; }

  // Records the side's first error (Node's state.errored); later ones leave it. The only
  // writer of `errored`, so that kErrored stays in step: every test of whether a side has
  // failed reads the bit, with the side's other flags.
  void record_error(const Error& err);

  std::uint32_t flags = 0;  // set by Readable::init and Writable::init
  std::size_t high_water_mark = 0;
  std::size_t length = 0;
  Error errored;
};

class ReadableState;
class WritableState;

class Stream : public EventEmitter {
 public:
  // The bits of SideState::flags that both sides have.
  static constexpr std::uint32_t kObjectMode = 1u << 0;
  static constexpr std::uint32_t kEnabled = 1u << 1;  // off: a Duplex side turned off at creation
  static constexpr std::uint32_t kDestroyed = 1u << 2;
  static constexpr std::uint32_t kClosed = 1u << 3;
  static constexpr std::uint32_t kCloseEmitted = 1u << 4;
  static constexpr std::uint32_t kErrorEmitted = 1u << 5;
  static constexpr std::uint32_t kEmitClose = 1u << 6;
  static constexpr std::uint32_t kAutoDestroy = 1u << 7;
  static constexpr std::uint32_t kErrored = 1u << 8;  // `errored` holds an error

  // Destroys the stream (at most once): records `err` as the stream's error (first error
  // wins), calls _destroy, then on the next tick emits 'error' (when _destroy handed an
  // error back) and 'close' (when emitClose). `cb` runs when _destroy calls back, or at
  // once if the stream was already destroyed.
  Stream& destroy(Error err = {}, Callback cb = {});

  bool destroyed() const;
  bool closed() const;
  Error errored() const;

  ReadableState* readable_state() const { return rs_; }
  WritableState* writable_state() const { return ws_; }

  // Node's errorOrDestroy: destroy with `err` under autoDestroy, else record it and emit
  // 'error' (on the next tick when `sync`).
  void error_or_destroy(Error err, bool sync = false);

 protected:
  explicit Stream(Loop& loop) : EventEmitter(loop) {}

  // The hook behind destroy(); call `cb` exactly once, with the error to emit (or none).
  virtual void _destroy(Error err, Callback cb) { cb(std::move(err)); }

  ReadableState* rs_ = nullptr;  // set by Readable; points into the subclass
  WritableState* ws_ = nullptr;  // set by Writable

 private:
  SideState* any_side() const;
  void check_error(const Error& err);
  void on_destroyed(Error err, Callback cb);
  void emit_error_nt(Error err);
  void emit_close_nt();
};

inline void SideState::record_error(const Error& err) {
  if (errored || !err) return;
  errored = err;
  set(Stream::kErrored);
}

// Node's destroyer(): destroys `stream` unless already destroyed, with `err`, or with an
// AbortError when there is none and the stream has not finished.
void destroyer(Stream& stream, Error err);

// Node's stream utilities (utils.js), used by pipe, pipeline and finished.
bool is_readable_stream(const Stream& s);   // has an enabled readable side
bool is_writable_stream(const Stream& s);   // has an enabled writable side
bool is_readable(const Stream& s);          // readable and not yet ended/destroyed
bool is_writable(const Stream& s);          // writable and not yet ended/destroyed
bool is_readable_finished(const Stream& s, bool strict = true);
bool is_writable_finished(const Stream& s, bool strict = true);
bool is_finished(const Stream& s);
bool will_emit_close(const Stream& s);

}  // namespace bp
