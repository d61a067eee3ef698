// pipeline() after Node's lib/internal/streams/pipeline.js (pipelineImpl, makeAsyncIterable).
#include "streams/pipeline.h"

#include <string>
#include <variant>

#include "streams/async_iterator.h"
#include "streams/pipeline_run.h"
#include "streams/readable.h"
#include "streams/transform.h"
#include "streams/writable.h"

namespace bp {

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
