// pipeline() after Node's lib/internal/streams/pipeline.js (pipelineImpl, pipe, destroyer).
#include "streams/pipeline.h"

#include <deque>

#include "streams/finished.h"
#include "streams/loop.h"
#include "streams/readable.h"
#include "streams/writable.h"

namespace bp {

namespace detail {

// The shared state of one pipeline() call; kept alive by the listeners that refer to it.
class PipelineRun : public std::enable_shared_from_this<PipelineRun> {
 public:
  PipelineRun(Loop& loop, PipelineCallback cb) : loop_(&loop), callback_(std::move(cb)) {}

  void finish(Error err = {}) { finish_impl(std::move(err), --finish_count_ == 0); }

  void finish_impl(Error err, bool final) {
    if (err && (!error_ || error_.is(ErrorCode::ERR_STREAM_PREMATURE_CLOSE))) error_ = err;
    if (!error_ && !final) return;
    while (!destroys_.empty()) {
      auto destroy = std::move(destroys_.front());
      destroys_.pop_front();
      destroy(error_);
    }
    if (final) {
      if (!error_) {
        for (auto& fn : last_stream_cleanup_) fn();
      }
      auto self = shared_from_this();
      loop_->next_tick([self] {
        if (!self->callback_) return;
        PipelineCallback cb = std::move(self->callback_);
        self->callback_ = nullptr;
        cb(self->error_);
      });
    }
  }

  // Node's destroyer(stream, reading, writing) inside pipeline.js.
  void add_destroyer(Stream& stream, bool reading, bool writing, bool is_last) {
    auto done = std::make_shared<bool>(false);
    stream.on(Event::Close, [done](const EventArg&) { *done = true; });
    Cleanup cleanup = finished(stream, FinishedOptions{reading, writing, true},
                               [done](Error err) { *done = !err; });
    Stream* s = &stream;
    destroys_.push_back([s, done](Error err) {
      if (*done) return;
      *done = true;
      destroyer(*s, err ? err : Error::of(ErrorCode::ERR_STREAM_DESTROYED, "pipe"));
    });
    if (is_readable(stream) && is_last) on_success(std::move(cleanup));
  }

  void add_error_listener(Stream& stream, bool is_last) {
    auto self = shared_from_this();
    const ListenerId id = stream.on(Event::Error, [self](const EventArg& a) {
      if (a.error && !a.error.is(ErrorCode::ABORT_ERR) &&
          !a.error.is(ErrorCode::ERR_STREAM_PREMATURE_CLOSE)) {
        self->finish(a.error);
      }
    });
    if (is_readable(stream) && is_last) {
      Stream* s = &stream;
      last_stream_cleanup_.push_back([s, id] { s->off(Event::Error, id); });
    }
  }

  // Node's pipe(src, dst, finish, {end}) inside pipeline.js.
  Cleanup pipe(Readable& src, Writable& dst, bool end) {
    auto self = shared_from_this();
    auto ended = std::make_shared<bool>(false);
    dst.on(Event::Close, [self, ended](const EventArg&) {
      if (!*ended) self->finish(Error::of(ErrorCode::ERR_STREAM_PREMATURE_CLOSE));
    });
    src.pipe(dst, PipeOptions{false});
    if (end) {
      Writable* d = &dst;
      auto end_fn = [ended, d] {
        *ended = true;
        d->end();
      };
      if (is_readable_finished(src)) {
        loop_->next_tick(end_fn);
      } else {
        src.once(Event::End, [end_fn](const EventArg&) { end_fn(); });
      }
    } else {
      finish();
    }
    Readable* s = &src;
    finished(src, FinishedOptions{true, false, true}, [self, s](Error err) {
      const ReadableState* r = s->readable_state();
      if (err && err.is(ErrorCode::ERR_STREAM_PREMATURE_CLOSE) && r && r->ended && !r->errored &&
          !r->error_emitted) {
        s->once(Event::End, [self](const EventArg&) { self->finish(); });
        s->once(Event::Error, [self](const EventArg& a) { self->finish(a.error); });
      } else {
        self->finish(std::move(err));
      }
    });
    return finished(dst, FinishedOptions{false, true, true},
                    [self](Error err) { self->finish(std::move(err)); });
  }

  // `n` more parts must call finish() before the pipeline completes.
  void expect(int n) { finish_count_ += n; }
  // Runs when the pipeline succeeds (detaches pipeline's listeners from a readable sink).
  void on_success(Cleanup fn) { last_stream_cleanup_.push_back(std::move(fn)); }

 private:
  int finish_count_ = 0;
  Loop* loop_;
  PipelineCallback callback_;
  Error error_;
  std::deque<std::function<void(Error)>> destroys_;
  std::vector<Cleanup> last_stream_cleanup_;
};

}  // namespace detail

Stream& pipeline(const std::vector<Stream*>& streams, PipelineCallback callback,
                 PipelineOptions options) {
  if (streams.size() < 2) throw ArgumentError(Error::of(ErrorCode::ERR_MISSING_ARGS, "streams"));
  auto run = std::make_shared<detail::PipelineRun>(streams.front()->loop(), std::move(callback));
  Stream* ret = nullptr;
  for (std::size_t i = 0; i < streams.size(); ++i) {
    Stream& stream = *streams[i];
    const bool reading = i + 1 < streams.size();
    const bool writing = i > 0;
    const bool is_last = !reading;
    const bool end = reading || options.end;
    if (end) run->add_destroyer(stream, reading, writing, is_last);
    run->add_error_listener(stream, is_last);
    if (i > 0) {
      auto* src = dynamic_cast<Readable*>(ret);
      auto* dst = dynamic_cast<Writable*>(&stream);
      if (!src || !dst || !is_readable_stream(*ret)) {
        throw ArgumentError(Error::make(ErrorCode::ERR_INVALID_ARG_TYPE,
                                        "pipeline stages must be readable then writable"));
      }
      run->expect(2);
      Cleanup cleanup = run->pipe(*src, *dst, end);
      if (is_readable(stream) && is_last) run->on_success(std::move(cleanup));
    }
    ret = &stream;
  }
  return *ret;
}

}  // namespace bp
