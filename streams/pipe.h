// PipeLink: the state of one src.pipe(dest) (Node's pipe closure). Internal to Readable.
//
// It forwards 'data' to dest.write(), pauses src when write() returns false and resumes it on
// dest's 'drain' once every destination it waits for has drained; it ends dest when src
// ends and unpipes when dest closes, finishes or fails. It neither forwards errors nor
// destroys anything: that is pipeline()'s job (SEMANTICS.md section 5).
#pragma once

#include "streams/event_emitter.h"
#include "streams/source_location.h"
#include "streams/writable.h"

namespace bp {

class Readable;
class Writable;

struct PipeLink {
  PipeLink(Readable& source, Writable& destination, bool end)
      : src(&source), dest(&destination), do_end(end) {}

  void start();
  void cleanup();
  void pause_source();
  void on_drain();
  // Every chunk of a pipe passes here (from the 'data' listener, or straight from the source
  // when that listener is its only one): on to write_impl, without write()'s callback and
  // location arguments to build and destroy each time. Inline, so that the source's emit_data
  // calls write_impl directly: a frame less per stage on the chain every chunk takes.
  [[gnu::always_inline]] void on_data(Chunk&& chunk) {
    if (!dest->write_impl(std::move(chunk), nullptr, &kWriteSite, nullptr)) pause_source();
  }
  void on_error(const Error& er);
  void unpipe();

  // Where a pipe's writes come from, as a violation names it: pipe.cc, "on_data".
  static const SourceLocation kWriteSite;

  Readable* src;
  Writable* dest;
  bool do_end;
  bool cleaned_up = false;
  bool has_ondrain = false;
  ListenerId end_id = 0, data_id = 0;
  ListenerId unpipe_id = 0, error_id = 0, close_id = 0, finish_id = 0, drain_id = 0;
};

}  // namespace bp
