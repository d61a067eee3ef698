// Test streams and recorders shared by the streams unit tests.
//
// Log records what happened, in order: events ("w:drain"), hook calls ("_write 3") and
// callbacks ("a null", "end ERR_STREAM_DESTROYED"). A test takes the log after each step,
// so what a call did synchronously is told apart from what ran on a later tick
// (loop.drain_ticks() is the C++ form of `await tick()` in the Node scripts).
//
// TestWritable holds every _write/_writev callback until the test completes it (or completes
// synchronously, or fails synchronously); TestReadable counts _read calls and serves data
// only when told to; TestTransform is built from lambdas. All of them log into an optional
// Log under a name ("s1._destroy null"; a TestWritable named "w" logs "_write 3" unprefixed,
// as the verify scripts do). They run on a SimLoop that the test owns; declare the loop first so
// that it outlives the streams.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <initializer_list>
#include <string>
#include <utility>
#include <vector>

#include "streams/chunk.h"
#include "streams/error.h"
#include "streams/options.h"
#include "streams/readable.h"
#include "streams/sim_loop.h"
#include "streams/stream.h"
#include "streams/transform.h"
#include "streams/writable.h"

namespace bp::test {

using Lines = std::vector<std::string>;

// "null" for no error, the code name for a Node error ("ERR_STREAM_DESTROYED"), and
// "Error(message)" for a plain error, as the verify scripts print them.
inline std::string describe(const Error& e) {
  if (!e) return "null";
  if (e.code() != ErrorCode::None) return std::string(code_name(e.code()));
  return "Error(" + e.message() + ")";
}

// StreamOptions built by chained setters (designated initializers trip g++ 12's
// -Wmissing-field-initializers): Opts().hwm(10).object_mode().
struct Opts {
  StreamOptions o;
  Opts& hwm(std::int64_t v) {
    o.high_water_mark = v;
    return *this;
  }
  Opts& readable_hwm(std::int64_t v) {
    o.readable_high_water_mark = v;
    return *this;
  }
  Opts& writable_hwm(std::int64_t v) {
    o.writable_high_water_mark = v;
    return *this;
  }
  Opts& object_mode() {
    o.object_mode = true;
    return *this;
  }
  Opts& readable_object_mode() {
    o.readable_object_mode = true;
    return *this;
  }
  Opts& writable_object_mode() {
    o.writable_object_mode = true;
    return *this;
  }
  Opts& no_decode_strings() {
    o.decode_strings = false;
    return *this;
  }
  Opts& no_auto_destroy() {
    o.auto_destroy = false;
    return *this;
  }
  Opts& no_emit_close() {
    o.emit_close = false;
    return *this;
  }
  Opts& no_half_open() {
    o.allow_half_open = false;
    return *this;
  }
  Opts& no_readable() {
    o.readable = false;
    return *this;
  }
  Opts& no_writable() {
    o.writable = false;
    return *this;
  }
  operator StreamOptions() const { return o; }  // NOLINT(google-explicit-constructor)
};

// An ordered record of events, hook calls and callbacks.
class Log {
 public:
  void add(std::string line) { lines_.push_back(std::move(line)); }
  const Lines& lines() const { return lines_; }
  // Returns what was recorded since the last take() and starts afresh.
  Lines take() { return std::exchange(lines_, {}); }

  // A callback that records "<name> <error>" each time it is called.
  Callback cb(std::string name) {
    return [this, name = std::move(name)](Error e) { add(name + " " + describe(e)); };
  }

  // Records "<name>:<event>" for each of `events` on `stream` ("<name>:error <error>").
  // Do not pass Event::Data or Event::Readable unless the test wants a consumer attached.
  void watch(EventEmitter& stream, const std::string& name, std::initializer_list<Event> events) {
    for (Event ev : events) {
      const std::string prefix = name + ":" + event_name(ev);
      if (ev == Event::Error) {
        stream.on(ev, [this, prefix](const EventArg& a) { add(prefix + " " + describe(a.error)); });
      } else if (ev == Event::Data) {
        stream.on(ev, [this, prefix](const EventArg& a) {
          add(prefix + " " + std::to_string(a.chunk.size()));
        });
      } else {
        stream.on(ev, [this, prefix](const EventArg&) { add(prefix); });
      }
    }
  }

 private:
  Lines lines_;
};

// The events a Writable emits.
inline constexpr std::initializer_list<Event> kWritableEvents = {
    Event::Drain, Event::Prefinish, Event::Finish, Event::Error, Event::Close};

// Counts the calls of the callbacks it hands out and keeps the last error.
struct CallCount {
  int calls = 0;
  Error error;
  Callback fn() {
    return [this](Error e) {
      ++calls;
      error = std::move(e);
    };
  }
};

// The end-of-test check: nothing is left on the loop and no 'error' went unhandled.
inline ::testing::AssertionResult LoopIsQuiet(const SimLoop& loop) {
  if (!loop.idle()) return ::testing::AssertionFailure() << "the loop still has work queued";
  if (!loop.uncaught().empty()) {
    return ::testing::AssertionFailure() << loop.uncaught().size() << " uncaught error(s), first "
                                         << describe(loop.uncaught().front());
  }
  return ::testing::AssertionSuccess();
}

// A Writable whose _write/_writev callbacks the test completes by hand (WriteMode::Hold),
// or that completes (or fails) synchronously inside the hook.
class TestWritable : public Writable {
 public:
  enum class WriteMode { Hold, Sync, SyncError };
  enum class FinalMode { None, Sync, Hold, SyncError };
  enum class DestroyMode { Sync, Hold };

  TestWritable(Loop& loop, const StreamOptions& options = {}, Log* log = nullptr,
               std::string name = "w")
      : Stream(loop), Writable(loop, options), log_(log), name_(std::move(name)) {}

  WriteMode write_mode = WriteMode::Hold;
  // The fail_at-th _write/_writev call (1-based) fails synchronously with `fail_message`,
  // whatever write_mode says; 0: none fails.
  int fail_at = 0;
  std::string fail_message = "sink-fail";
  bool writev = false;  // provide _writev
  FinalMode final_mode = FinalMode::None;
  DestroyMode destroy_mode = DestroyMode::Sync;

  // Every chunk handed to _write/_writev, in order.
  std::vector<Chunk> written;
  int write_calls = 0;
  int writev_calls = 0;
  int final_calls = 0;
  int destroy_calls = 0;

  std::size_t held() const { return held_.size(); }
  bool final_held() const { return static_cast<bool>(held_final_); }
  // Completes the oldest held _write/_writev.
  void complete(Error err = {}) {
    ASSERT_FALSE(held_.empty()) << name_ << ": no write to complete";
    Callback cb = std::move(held_.front());
    held_.pop_front();
    cb(std::move(err));
  }
  void complete_final(Error err = {}) {
    ASSERT_TRUE(held_final_) << name_ << ": no _final to complete";
    std::exchange(held_final_, nullptr)(std::move(err));
  }
  void complete_destroy(Error err = {}) {
    ASSERT_TRUE(held_destroy_) << name_ << ": no _destroy to complete";
    std::exchange(held_destroy_, nullptr)(std::move(err));
  }
  // The raw callback of the oldest held write, left held (to call it twice, say).
  Callback peek_held() const { return held_.empty() ? Callback{} : held_.front(); }

 protected:
  void _write(Chunk chunk, Callback cb) override {
    ++write_calls;
    note("_write " + std::to_string(length_of(chunk)));
    written.push_back(std::move(chunk));
    finish_write(std::move(cb));
  }
  void _writev(std::vector<Chunk> chunks, Callback cb) override {
    ++writev_calls;
    std::string lens;
    for (const Chunk& c : chunks) lens += (lens.empty() ? "" : ",") + std::to_string(length_of(c));
    note("_writev [" + lens + "]");
    for (Chunk& c : chunks) written.push_back(std::move(c));
    finish_write(std::move(cb));
  }
  bool has_writev() const override { return writev; }
  void _final(Callback cb) override {
    ++final_calls;
    note("_final");
    switch (final_mode) {
      case FinalMode::Hold:
        held_final_ = std::move(cb);
        break;
      case FinalMode::SyncError:
        cb(Error::plain("finalboom"));
        break;
      case FinalMode::None:
      case FinalMode::Sync:
        cb();
        break;
    }
  }
  bool has_final() const override { return final_mode != FinalMode::None; }
  void _destroy(Error err, Callback cb) override {
    ++destroy_calls;
    note("_destroy " + describe(err));
    if (destroy_mode == DestroyMode::Hold) {
      held_destroy_ = std::move(cb);
    } else {
      cb(std::move(err));
    }
  }

 private:
  std::size_t length_of(const Chunk& c) const {
    if (writable_object_mode()) return 1;
    return c.is_string() ? c.utf16_length() : c.size();
  }
  void note(const std::string& what) {
    if (log_) log_->add(name_ == "w" ? what : name_ + "." + what);
  }
  void finish_write(Callback cb) {
    if (fail_at != 0 && write_calls + writev_calls == fail_at) {
      cb(Error::plain(fail_message));
      return;
    }
    switch (write_mode) {
      case WriteMode::Sync:
        cb();
        break;
      case WriteMode::SyncError:
        cb(Error::plain("syncboom"));
        break;
      case WriteMode::Hold:
        held_.push_back(std::move(cb));
        break;
    }
  }

  Log* log_;
  std::string name_;
  std::deque<Callback> held_;
  Callback held_final_;
  Callback held_destroy_;
};

// A Readable that counts _read calls and runs `on_read` (nothing by default: the test pushes).
// Logs "<name>._read <size> len <readableLength>" and "<name>._destroy <error>".
class TestReadable : public Readable {
 public:
  TestReadable(Loop& loop, const StreamOptions& options = {}, Log* log = nullptr,
               std::string name = "r")
      : Stream(loop), Readable(loop, options), log_(log), name_(std::move(name)) {}

  std::function<void(TestReadable&, std::size_t)> on_read;
  int read_calls = 0;
  std::vector<std::size_t> read_sizes;

  // _read serves `count` chunks (objects numbered from 1 in object mode, else `size` zero
  // bytes each), one per call, then ends the stream.
  void serve(int count, std::size_t size = 1) {
    on_read = [count, size, served = 0](TestReadable& r, std::size_t) mutable {
      if (served == count) {
        r.push_eof();
        return;
      }
      ++served;
      r.push(r.readable_object_mode() ? Chunk::object(served) : Chunk::zeros(size));
    };
  }

 protected:
  void _read(std::size_t size) override {
    ++read_calls;
    read_sizes.push_back(size);
    if (log_) {
      log_->add(name_ + "._read " + std::to_string(size) + " len " +
                std::to_string(readable_length()));
    }
    if (on_read) on_read(*this, size);
  }
  void _destroy(Error err, Callback cb) override {
    if (log_) log_->add(name_ + "._destroy " + describe(err));
    cb(std::move(err));
  }

 private:
  Log* log_;
  std::string name_;
};

// A Transform built from lambdas: identity by default, _flush only when `flush` is set.
// Logs "<name>._transform <size>" (the object's integer in object mode), "<name>._flush" and
// "<name>._destroy <error>".
class TestTransform : public Transform {
 public:
  TestTransform(Loop& loop, const StreamOptions& options = {}, Log* log = nullptr,
                std::string name = "t")
      : Stream(loop), Transform(loop, options), log_(log), name_(std::move(name)) {}

  std::function<void(TestTransform&, Chunk, TransformCallback)> transform;
  std::function<void(TestTransform&, TransformCallback)> flush;
  int transform_calls = 0;

 protected:
  void _transform(Chunk chunk, TransformCallback cb) override {
    ++transform_calls;
    if (log_) {
      log_->add(
          name_ + "._transform " +
          (writable_object_mode() ? std::to_string(chunk.as_int()) : std::to_string(chunk.size())));
    }
    if (transform) {
      transform(*this, std::move(chunk), std::move(cb));
    } else {
      cb({}, std::move(chunk));
    }
  }
  void _flush(TransformCallback cb) override {
    if (log_) log_->add(name_ + "._flush");
    flush(*this, std::move(cb));
  }
  bool has_flush() const override { return static_cast<bool>(flush); }
  void _destroy(Error err, Callback cb) override {
    if (log_) log_->add(name_ + "._destroy " + describe(err));
    cb(std::move(err));
  }

 private:
  Log* log_;
  std::string name_;
};

// A Duplex with both sides exposed: _read does nothing, _write completes synchronously.
class TestDuplex : public Duplex {
 public:
  TestDuplex(Loop& loop, const StreamOptions& options = {}) : Stream(loop), Duplex(loop, options) {}

 protected:
  void _read(std::size_t) override {}
  void _write(Chunk, Callback cb) override { cb(); }
};

// Collects every 'data' chunk of a Readable (attaching the listener starts the flow).
struct DataCollector {
  std::vector<Chunk> chunks;
  explicit DataCollector(Readable& r) {
    r.on(Event::Data, [this](const EventArg& a) { chunks.push_back(a.chunk); });
  }
  std::size_t bytes() const {
    std::size_t n = 0;
    for (const Chunk& c : chunks) n += c.size();
    return n;
  }
};

// Writes `chunk` and returns "<ret> <writableLength> <writableNeedDrain>", e.g. "false 10 true",
// the triple the verify scripts print after each write.
inline std::string write_result(Writable& w, Chunk chunk, Callback cb = {}) {
  const bool ret = w.write(std::move(chunk), std::move(cb));
  return std::string(ret ? "true " : "false ") + std::to_string(w.writable_length()) +
         (w.writable_need_drain() ? " true" : " false");
}

// An n-byte chunk of zeros and a string chunk, for brevity.
inline Chunk bytes(std::size_t n) { return Chunk::zeros(n); }
inline Chunk str(std::string_view s) { return Chunk::from_string(s); }

}  // namespace bp::test
