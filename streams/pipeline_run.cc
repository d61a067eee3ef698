// PipelineRun after Node's lib/internal/streams/pipeline.js (finishImpl, destroyer, pipe).
#include "streams/pipeline_run.h"

#include "streams/pump.h"
#include "streams/readable.h"
#include "streams/writable.h"

namespace bp::detail {

void PipelineRun::finish_impl(Error err, bool final) {
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

void PipelineRun::watch_outer_signal(const AbortSignal& signal) {
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

bool PipelineRun::any_signal_aborted() const {
  return ac_.signal().aborted() || (outer_ && outer_->aborted());
}

void PipelineRun::abort_next_tick() {
  loop_->next_tick([self = shared_from_this()] {
    self->finish_impl(Error::of(ErrorCode::ABORT_ERR), false);
  });
}

void PipelineRun::dispose_outer_signal() {
  if (outer_ && outer_listener_) outer_->off_abort(outer_listener_);
  outer_listener_ = 0;
}

void PipelineRun::add_destroyer(Stream& stream, bool reading, bool writing,
                                bool cleanup_on_success) {
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

void PipelineRun::add_error_listener(Stream& stream, bool is_last) {
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

Cleanup PipelineRun::pipe(Readable& src, Writable& dst, bool end) {
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
    if (err && err.is(ErrorCode::ERR_STREAM_PREMATURE_CLOSE) && r &&
        r->matches(Readable::kEnded | Readable::kErrored | Readable::kErrorEmitted, Readable::kEnded)) {
      s->once(Event::End, [self](const EventArg&) { self->finish(); });
      s->once(Event::Error, [self](const EventArg& a) { self->finish(a.error); });
    } else {
      self->finish(std::move(err));
    }
  });
  return finished(dst, FinishedOptions{false, true, true},
                  [self](Error err) { self->finish(std::move(err)); });
}

void PipelineRun::pump(AsyncGenerator<Chunk> source, Writable& dst, bool end) {
  expect(1);
  pump_to_node(std::move(source), dst,
               [self = shared_from_this()](Error err) { self->finish(std::move(err)); }, end);
}

PassThrough& PipelineRun::make_pass_through() {
  StreamOptions o;
  o.object_mode = true;
  owned_.push_back(std::make_unique<PassThrough>(*loop_, o));
  return *owned_.back();
}

}  // namespace bp::detail
