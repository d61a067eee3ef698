// PipelineRun: the shared state of one pipeline() call (Node's pipelineImpl closure): the
// pending-part count, the first error, the destroy list run on failure, the value of a last
// function stage, the AbortController whose signal the coroutine stages get, and the joins
// between stages (pipe() for stream → stream, pump_to_node() for coroutine → stream).
// Internal to pipeline(); kept alive by the listeners and coroutines that refer to it.
#pragma once

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "streams/abort.h"
#include "streams/async_generator.h"
#include "streams/finished.h"
#include "streams/pipeline.h"
#include "streams/transform.h"

namespace bp::detail {

class PipelineRun : public std::enable_shared_from_this<PipelineRun> {
 public:
  PipelineRun(Loop& loop, PipelineCallback cb)
      : loop_(&loop), callback_(std::move(cb)), ac_(loop) {}

  Loop& loop() const { return *loop_; }
  AbortSignal signal() const { return ac_.signal(); }
  void set_value(Chunk value) { value_ = std::move(value); }

  // One part is done (Node's finish): the pipeline completes when every part is.
  void finish(Error err = {}) { finish_impl(std::move(err), --finish_count_ == 0); }
  // Records `err` (first wins; a premature close yields to a real error), destroys the
  // streams on failure, aborts the stages' signal, and when `final` calls back next tick.
  void finish_impl(Error err, bool final);
  // `n` more parts must call finish() before the pipeline completes.
  void expect(int n) { finish_count_ += n; }
  // Runs when the pipeline succeeds (detaches pipeline's listeners from a readable sink).
  void on_success(Cleanup fn) { last_stream_cleanup_.push_back(std::move(fn)); }

  // The caller's signal: aborting it fails the pipeline with an AbortError.
  void watch_outer_signal(const AbortSignal& signal);
  bool any_signal_aborted() const;
  void abort_next_tick();

  // Node's destroyer(stream, reading, writing): destroys `stream` on failure unless it
  // already finished.
  void add_destroyer(Stream& stream, bool reading, bool writing, bool cleanup_on_success);
  // Errors after the joins have completed still fail the pipeline.
  void add_error_listener(Stream& stream, bool is_last);
  // Node's pipe(src, dst, finish, {end}); returns the cleanup of dst's watch.
  Cleanup pipe(Readable& src, Writable& dst, bool end);
  // A coroutine feeds `dst` (pumpToNode); one more part.
  void pump(AsyncGenerator<Chunk> source, Writable& dst, bool end);
  // The internal object-mode PassThrough behind a function as the last stage.
  PassThrough& make_pass_through();

 private:
  void dispose_outer_signal();

  int finish_count_ = 0;
  Loop* loop_;
  PipelineCallback callback_;
  Error error_;
  Chunk value_;
  AbortController ac_;
  std::optional<AbortSignal> outer_;
  AbortSignal::ListenerId outer_listener_ = 0;
  std::deque<Callback> destroys_;
  std::vector<Cleanup> last_stream_cleanup_;
  std::vector<std::unique_ptr<PassThrough>> owned_;
};

}  // namespace bp::detail
