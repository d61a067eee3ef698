// pipeline() after Node's lib/internal/streams/pipeline.js (pipelineImpl, pipe, destroyer).
#include "streams/pipeline.h"

#include <deque>
#include <string>
#include <variant>

#include "streams/async_iterator.h"
#include "streams/finished.h"
#include "streams/loop.h"
#include "streams/pump.h"
#include "streams/readable.h"
#include "streams/transform.h"
#include "streams/writable.h"

namespace bp {

namespace detail {

// The shared state of one pipeline() call; kept alive by the listeners and coroutines that
// refer to it.
class PipelineRun : public std::enable_shared_from_this<PipelineRun> {
 public:
  PipelineRun(Loop& loop, PipelineCallback cb) : loop_(&loop), callback_(std::move(cb)), ac_(loop) {}

  Loop& loop() const { return *loop_; }
  AbortSignal signal() const { return ac_.signal(); }
  void set_value(Chunk value) { value_ = std::move(value); }

  void finish(Error err = {}) { finish_impl(std::move(err), --finish_count_ == 0); }

  void finish_impl(Error err, bool final) {
    if (err && (!error_ || error_.is(ErrorCode::ERR_STREAM_PREMATURE_CLOSE))) error_ = err;
    if (!error_ && !final) return;
    while (!destroys_.empty()) {
      auto destroy = std::move(destroys_.front());
      destroys_.pop_front();
      destroy(error_);
    }
    dispose_outer_signal();
    ac_.abort();
    if (final) {
      if (!error_) {
        for (auto& fn : last_stream_cleanup_) fn();
      }
      loop_->next_tick([self = shared_from_this()] {
        if (!self->callback_) return;
        PipelineCallback cb = std::move(self->callback_);
        self->callback_ = PipelineCallback();
        cb(self->error_, self->value_);
      });
    }
  }

  // The caller's signal: aborting it fails the pipeline with an AbortError.
  void watch_outer_signal(const AbortSignal& signal) {
    outer_ = signal;
    auto abort = [weak = weak_from_this()] {
      if (auto self = weak.lock()) self->finish_impl(Error::of(ErrorCode::ABORT_ERR), false);
    };
    if (signal.aborted()) {
      loop_->queue_microtask(abort);
    } else {
      outer_listener_ = signal.on_abort(abort);
    }
  }
  bool any_signal_aborted() const { return ac_.signal().aborted() || (outer_ && outer_->aborted()); }
  void abort_next_tick() {
    loop_->next_tick([self = shared_from_this()] {
      self->finish_impl(Error::of(ErrorCode::ABORT_ERR), false);
    });
  }

  // Node's destroyer(stream, reading, writing) inside pipeline.js.
  void add_destroyer(Stream& stream, bool reading, bool writing, bool cleanup_on_success) {
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
    if (cleanup_on_success) on_success(std::move(cleanup));
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

  // A coroutine feeds `dst`: pumpToNode.
  void pump(AsyncGenerator<Chunk> source, Writable& dst, bool end) {
    expect(1);
    pump_to_node(std::move(source), dst,
                 [self = shared_from_this()](Error err) { self->finish(std::move(err)); }, end);
  }

  // The internal object-mode PassThrough behind a function as the last stage.
  PassThrough& make_pass_through() {
    StreamOptions o;
    o.object_mode = true;
    owned_.push_back(std::make_unique<PassThrough>(*loop_, o));
    return *owned_.back();
  }

  // `n` more parts must call finish() before the pipeline completes.
  void expect(int n) { finish_count_ += n; }
  // Runs when the pipeline succeeds (detaches pipeline's listeners from a readable sink).
  void on_success(Cleanup fn) { last_stream_cleanup_.push_back(std::move(fn)); }

 private:
  void dispose_outer_signal() {
    if (outer_ && outer_listener_) outer_->off_abort(outer_listener_);
    outer_listener_ = 0;
  }

  int finish_count_ = 0;
  Loop* loop_;
  PipelineCallback callback_;
  Error error_;
  Chunk value_;
  AbortController ac_;
  std::optional<AbortSignal> outer_;
  AbortSignal::ListenerId outer_listener_ = 0;
  std::deque<std::function<void(Error)>> destroys_;
  std::vector<Cleanup> last_stream_cleanup_;
  std::vector<std::unique_ptr<PassThrough>> owned_;
};

}  // namespace detail

Stage Stage::source(SourceFn fn) {
  Stage s;
  s.kind_ = Kind::Source;
  s.source_ = std::move(fn);
  return s;
}

Stage Stage::transform(TransformFn fn) {
  Stage s;
  s.kind_ = Kind::Transform;
  s.transform_ = std::move(fn);
  return s;
}

Stage Stage::sink(SinkFn fn) {
  Stage s;
  s.kind_ = Kind::Sink;
  s.sink_ = std::move(fn);
  return s;
}

namespace {

// The loop the pipeline runs on: its first stream's, else the caller's signal's.
Loop& pipeline_loop(const std::vector<Stage>& stages, const PipelineOptions& options) {
  for (const Stage& s : stages) {
    if (Stream* st = s.stream()) return st->loop();
  }
  if (options.signal) return options.signal->loop();
  throw ArgumentError(Error::make(ErrorCode::ERR_MISSING_ARGS,
                                  "pipeline() needs a stream stage or options.signal"));
}

}  // namespace

// pipelineImpl: walks the stages, keeping `ret` — what the next stage reads from: a stream
// or a generator.
class PipelineBuilder {
 public:
  PipelineBuilder(std::vector<Stage>& stages, PipelineCallback cb, const PipelineOptions& options)
      : stages_(stages), options_(options) {
    if (stages.size() < 2) throw ArgumentError(Error::of(ErrorCode::ERR_MISSING_ARGS, "streams"));
    run_ = std::make_shared<detail::PipelineRun>(pipeline_loop(stages, options), std::move(cb));
    if (options.signal) run_->watch_outer_signal(*options.signal);
  }

  Stream& build() {
    for (std::size_t i = 0; i < stages_.size(); ++i) add(i);
    if (run_->any_signal_aborted()) run_->abort_next_tick();
    return *std::get<Stream*>(ret_);
  }

 private:
  using Ret = std::variant<Stream*, AsyncGenerator<Chunk>>;

  [[noreturn]] static void bad_stage(std::size_t i, const std::string& what) {
    throw ArgumentError(Error::make(ErrorCode::ERR_INVALID_ARG_TYPE,
                                    "pipeline stage " + std::to_string(i) + ": " + what));
  }

  void add(std::size_t i) {
    const bool reading = i + 1 < stages_.size();
    const bool writing = i > 0;
    const bool is_last = !reading;
    const bool end = reading || options_.end;
    Stage& stage = stages_[i];
    Stream* stream = stage.stream();

    if (stream) {
      if (end) run_->add_destroyer(*stream, reading, writing, is_readable(*stream) && is_last);
      run_->add_error_listener(*stream, is_last);
    }

    if (i == 0) {
      if (stage.kind() == Stage::Kind::Source) {
        ret_ = stage.source_(run_->signal());
      } else if (stream && is_readable_stream(*stream)) {
        ret_ = stream;
      } else {
        bad_stage(i, "the first stage must be a readable stream or a source generator");
      }
      return;
    }
    switch (stage.kind()) {
      case Stage::Kind::Transform: {
        AsyncGenerator<Chunk> gen = stage.transform_(async_iterable(i), run_->signal());
        if (reading) {
          ret_ = std::move(gen);
        } else {
          PassThrough& pt = run_->make_pass_through();
          run_->pump(std::move(gen), pt, end);
          finish_with(pt);
        }
        return;
      }
      case Stage::Kind::Sink: {
        if (reading) bad_stage(i, "an async function stage must be the last");
        Async<Chunk> result = stage.sink_(async_iterable(i), run_->signal());
        PassThrough& pt = run_->make_pass_through();
        run_->expect(1);
        Loop& loop = run_->loop();
        PassThrough* p = &pt;
        result.then(
            [run = run_, p, end, &loop](const Chunk& value) {
              run->set_value(value);
              if (value) p->write(value);
              if (end) p->end();
              loop.next_tick([run] { run->finish(); });
            },
            [run = run_, p, &loop](const Error& err) {
              p->destroy(err);
              loop.next_tick([run, err] { run->finish(err); });
            });
        finish_with(pt);
        return;
      }
      case Stage::Kind::Stream: {
        auto* dst = dynamic_cast<Writable*>(stream);
        if (!dst || !is_writable_stream(*stream)) {
          bad_stage(i, "a stream after the first must be writable");
        }
        if (Stream** prev = std::get_if<Stream*>(&ret_)) {
          auto* src = dynamic_cast<Readable*>(*prev);
          if (!src || !is_readable_stream(**prev)) bad_stage(i, "the previous stage is not readable");
          run_->expect(2);
          Cleanup cleanup = run_->pipe(*src, *dst, end);
          if (is_readable(*stream) && is_last) run_->on_success(std::move(cleanup));
        } else {
          run_->pump(std::get<AsyncGenerator<Chunk>>(ret_), *dst, end);
        }
        ret_ = stream;
        return;
      }
      case Stage::Kind::Source: bad_stage(i, "a source generator must be the first stage");
    }
  }

  // makeAsyncIterable: a stream is read with its async iterator, a generator as it is.
  AsyncGenerator<Chunk> async_iterable(std::size_t i) {
    if (auto* gen = std::get_if<AsyncGenerator<Chunk>>(&ret_)) return *gen;
    auto* src = dynamic_cast<Readable*>(std::get<Stream*>(ret_));
    if (!src || !is_readable_stream(*src)) bad_stage(i, "the previous stage is not readable");
    return iterator(*src);
  }

  // The PassThrough becomes what pipeline() returns; pipeline destroys it on failure.
  void finish_with(PassThrough& pt) {
    ret_ = static_cast<Stream*>(&pt);
    run_->add_destroyer(pt, false, true, true);
  }

  std::vector<Stage>& stages_;
  const PipelineOptions& options_;
  std::shared_ptr<detail::PipelineRun> run_;
  Ret ret_;
};

Stream& pipeline(std::vector<Stage> stages, PipelineCallback callback, PipelineOptions options) {
  return PipelineBuilder(stages, std::move(callback), options).build();
}

Stream& pipeline(std::initializer_list<Stage> stages, PipelineCallback callback,
                 PipelineOptions options) {
  return pipeline(std::vector<Stage>(stages), std::move(callback), std::move(options));
}

Stream& pipeline(const std::vector<Stream*>& streams, PipelineCallback callback,
                 PipelineOptions options) {
  return pipeline(std::vector<Stage>(streams.begin(), streams.end()), std::move(callback),
                  std::move(options));
}

Promise<Chunk> pipeline_async(std::vector<Stage> stages, PipelineOptions options) {
  Promise<Chunk> result(pipeline_loop(stages, options));
  try {
    PipelineBuilder(stages,
                    [result](Error err, Chunk value) {
                      if (err) {
                        result.reject(std::move(err));
                      } else {
                        result.resolve(std::move(value));
                      }
                    },
                    options)
        .build();
  } catch (const ArgumentError& e) {
    result.reject(e.error());  // thrown inside the Promise executor: a rejection
  }
  return result;
}

}  // namespace bp
