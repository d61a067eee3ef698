// pipeline(): connects source → ...stages → sink with backpressure, forwards the first
// error, destroys every stream when one fails, and calls back exactly once after every
// stream has completed, including 'close' (SEMANTICS.md section 6, Node's pipeline.js).
//
// Stream to stream is joined with pipe(), so a slow sink pauses everything upstream of it.
// On the first error every stream that has not finished is destroyed with that same error,
// in order from source to sink; a stream that closes early fails the pipeline with
// ERR_STREAM_PREMATURE_CLOSE (replaced by a real error seen later). The callback runs on a
// later tick than the event that completed the pipeline.
//
// Stages may also be coroutines, the C++ form of the functions Node accepts (Stage):
//   - Stage::source(fn):    first stage, fn(signal) → AsyncGenerator<Chunk>;
//   - Stage::transform(fn): fn(source, signal) → AsyncGenerator<Chunk>, where `source` is
//     the previous stage as an async generator (a stream is read through iterator());
//     as the last stage its items go into an internal object-mode PassThrough;
//   - Stage::sink(fn):      last stage, fn(source, signal) → Async<Chunk>; its value is the
//     pipeline's value, written to that PassThrough (a null Chunk is JavaScript's undefined).
// A generator feeding a stream is pumped with write() and waits for 'drain' whenever write()
// returns false (Node's pumpToNode). `signal` aborts when the pipeline settles.
// When the last stage is a function, pipeline() returns the internal PassThrough; it lives
// as long as the pipeline's listeners and coroutines do.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <type_traits>
#include <vector>

#include "streams/abort.h"
#include "streams/async.h"
#include "streams/async_generator.h"
#include "streams/chunk.h"
#include "streams/promise.h"
#include "streams/stream.h"

namespace bp {

struct PipelineOptions {
  bool end = true;                   // false: do not end the last stream
  std::optional<AbortSignal> signal; // aborting it fails the pipeline with an AbortError
};

// The callback: cb(err) or cb(err, value). `value` is the last function stage's value.
class PipelineCallback {
 public:
  PipelineCallback() = default;
  template <typename F>
    requires std::is_invocable_v<F&, Error, Chunk>
  PipelineCallback(F fn) : fn_(std::move(fn)) {}  // NOLINT: implicit, like std::function
  template <typename F>
    requires(std::is_invocable_v<F&, Error> && !std::is_invocable_v<F&, Error, Chunk>)
  PipelineCallback(F fn)  // NOLINT
      : fn_([fn = std::move(fn)](Error err, const Chunk&) mutable { fn(std::move(err)); }) {}

  explicit operator bool() const { return static_cast<bool>(fn_); }
  void operator()(Error err, Chunk value) const { fn_(std::move(err), std::move(value)); }

 private:
  std::function<void(Error, Chunk)> fn_;
};

// One pipeline stage: a stream, or one of the coroutine forms above.
class Stage {
 public:
  using SourceFn = std::function<AsyncGenerator<Chunk>(const AbortSignal&)>;
  using TransformFn =
      std::function<AsyncGenerator<Chunk>(AsyncGenerator<Chunk>, const AbortSignal&)>;
  using SinkFn = std::function<Async<Chunk>(AsyncGenerator<Chunk>, const AbortSignal&)>;
  enum class Kind : std::uint8_t { Stream, Source, Transform, Sink };

  Stage(Stream& stream) : stream_(&stream) {}  // NOLINT: implicit, so {a, b, c} reads well
  Stage(Stream* stream) : stream_(stream) {}   // NOLINT

  static Stage source(SourceFn fn);
  static Stage transform(TransformFn fn);
  static Stage sink(SinkFn fn);

  Kind kind() const { return kind_; }
  Stream* stream() const { return stream_; }  // null unless kind() is Stream

 private:
  friend class PipelineBuilder;
  Stage() = default;
  Kind kind_ = Kind::Stream;
  Stream* stream_ = nullptr;
  SourceFn source_;
  TransformFn transform_;
  SinkFn sink_;
};

// Throws ArgumentError (ERR_MISSING_ARGS) for fewer than two stages, ERR_INVALID_ARG_TYPE for
// a stage that cannot be joined to the previous one. Returns the last stream (see above).
Stream& pipeline(std::vector<Stage> stages, PipelineCallback callback,
                 PipelineOptions options = {});
Stream& pipeline(std::initializer_list<Stage> stages, PipelineCallback callback,
                 PipelineOptions options = {});
Stream& pipeline(const std::vector<Stream*>& streams, PipelineCallback callback,
                 PipelineOptions options = {});

// stream/promises pipeline(): fulfils with the pipeline's value (a null Chunk when there is
// none) or rejects with its error, in a microtask after the point the callback would run.
//   auto [error, value] = co_await settle(pipeline_async({src, Stage::transform(f), dst}));
Promise<Chunk> pipeline_async(std::vector<Stage> stages, PipelineOptions options = {});

}  // namespace bp
