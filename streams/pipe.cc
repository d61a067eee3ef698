// Readable::pipe and the PipeLink it creates, after Node's Readable.prototype.pipe.
#include "streams/pipe.h"

#include <algorithm>

#include "streams/loop.h"
#include "streams/readable.h"
#include "streams/source_location.h"
#include "streams/writable.h"

namespace bp {

Writable& Readable::pipe(Writable& dest, PipeOptions options) {
  ReadableState& s = rs();
  if (s.pipes.size() == 1 && !s.has(kMultiAwaitDrain)) s.set(kMultiAwaitDrain);
  s.pipes.push_back(&dest);
  s.pipe_links.push_back(std::make_unique<PipeLink>(*this, dest, options.end));
  s.pipe_links.back()->start();
  return dest;
}

void PipeLink::start() {
  ReadableState& s = src->rs();
  PipeLink* self = this;
  auto end_fn = [self](const EventArg&) {
    if (self->do_end) {
      self->dest->end();
    } else {
      self->unpipe();
    }
  };
  if (s.has(Readable::kEndEmitted)) {
    src->loop().next_tick([end_fn] { end_fn({}); });
  } else {
    end_id = src->once(Event::End, end_fn);
  }
  unpipe_id = dest->on(Event::Unpipe, [self](const EventArg& a) {
    if (a.source == self->src && a.has_unpiped && !*a.has_unpiped) {
      *a.has_unpiped = true;
      self->cleanup();
    }
  });
  data_id = src->on(Event::Data, [self](const EventArg& a) { self->on_data(Chunk(a.chunk)); });
  src->route_data();  // the listener's id is known only now
  error_id = dest->prepend(Event::Error, [self](const EventArg& a) { self->on_error(a.error); });
  close_id = dest->once(Event::Close, [self](const EventArg&) {
    self->dest->off(Event::Finish, self->finish_id);
    self->unpipe();
  });
  finish_id = dest->once(Event::Finish, [self](const EventArg&) {
    self->dest->off(Event::Close, self->close_id);
    self->unpipe();
  });
  dest->emit(Event::Pipe, EventArg{.source = src});
  if (dest->writable_need_drain()) {
    pause_source();
  } else if (!s.has(Readable::kFlowing)) {
    src->resume();
  }
}

const SourceLocation PipeLink::kWriteSite =
    SourceLocation::current(__builtin_FILE(), __builtin_LINE(), "on_data");

void PipeLink::pause_source() {
  ReadableState& s = src->rs();
  if (!cleaned_up) {
    auto& waiting = s.await_drain_writers;
    if (s.pipes.size() == 1 && s.pipes[0] == dest) {
      waiting.assign(1, dest);
      s.clear(Readable::kMultiAwaitDrain);
    } else if (s.pipes.size() > 1 &&
               std::find(s.pipes.begin(), s.pipes.end(), dest) != s.pipes.end()) {
      if (std::find(waiting.begin(), waiting.end(), dest) == waiting.end()) waiting.push_back(dest);
    }
    src->pause();
  }
  if (!has_ondrain) {
    has_ondrain = true;
    drain_id = dest->on(Event::Drain, [this](const EventArg&) { on_drain(); });
  }
}

void PipeLink::on_drain() {
  ReadableState& s = src->rs();
  auto& waiting = s.await_drain_writers;
  waiting.erase(std::remove(waiting.begin(), waiting.end(), dest), waiting.end());
  if (waiting.empty() && s.has(Readable::kDataListening)) src->resume();
}

void PipeLink::on_error(const Error& er) {
  unpipe();
  dest->off(Event::Error, error_id);
  if (dest->listener_count(Event::Error) == 0) {
    SideState* side = dest->writable_state();
    if (side && !side->has(Stream::kErrorEmitted)) {
      dest->error_or_destroy(er);
    } else {
      dest->emit(Event::Error, EventArg{.error = er});
    }
  }
}

void PipeLink::unpipe() { src->unpipe(*dest); }

void PipeLink::cleanup() {
  dest->off(Event::Close, close_id);
  dest->off(Event::Finish, finish_id);
  if (has_ondrain) dest->off(Event::Drain, drain_id);
  dest->off(Event::Error, error_id);
  dest->off(Event::Unpipe, unpipe_id);
  src->off(Event::End, end_id);
  src->off(Event::Data, data_id);
  cleaned_up = true;
  ReadableState& s = src->rs();
  const bool waiting = s.has(Readable::kMultiAwaitDrain) || !s.await_drain_writers.empty();
  if (has_ondrain && waiting && dest->ws().has(Writable::kNeedDrain)) on_drain();
}

}  // namespace bp
