#include "harness/drivers.h"

#include <memory>

#include "streams/async.h"
#include "streams/async_iterator.h"
#include "streams/finished.h"
#include "streams/loop.h"
#include "streams/once.h"
#include "streams/pipeline.h"

namespace bp::harness {

namespace {

using Done = Callback;

// Calls the driver's completion once, whatever reports first.
Done once(Done done) {
  auto called = std::make_shared<bool>(false);
  return [called, done = std::move(done)](Error err) {
    if (*called) return;
    *called = true;
    done(std::move(err));
  };
}

void run_pipeline(Topology& t, Done done) { pipeline(t.chain(), std::move(done)); }

// src.pipe(a).pipe(b).pipe(dst): pipe() forwards no errors, so the run watches every stream.
void run_pipe(Topology& t, Done done) {
  std::vector<Stream*> chain = t.chain();
  for (Stream* s : chain) {
    s->on(Event::Error, [done](const EventArg& a) { done(a.error); });
  }
  finished(t.sink(), [done](Error err) { done(std::move(err)); });
  Readable* src = &t.source();
  for (std::size_t i = 0; i < t.stage_count(); ++i) {
    src->pipe(t.stage(i));
    src = &t.stage(i);
  }
  src->pipe(t.sink());
}

// Joins source → stages with pipeline() (bounded), reporting its failure to `done`.
Readable& staged_source(Topology& t, const Done& done) {
  if (t.stage_count() == 0) {
    t.source().on(Event::Error, [done](const EventArg& a) { done(a.error); });
    return t.source();
  }
  std::vector<Stream*> head = t.chain();
  head.pop_back();
  pipeline(head, [done](Error err) {
    if (err) done(err);
  });
  return t.last_readable();
}

// src.on('data', (c) => dst.write(c)); src.on('end', () => dst.end())
void run_on_data_ignore(Topology& t, Done done) {
  Readable& src = staged_source(t, done);
  Writable& dst = t.sink();
  finished(dst, [done](Error err) { done(std::move(err)); });
  src.on(Event::Data, [&dst](const EventArg& a) { dst.write(a.chunk); });
  src.on(Event::End, [&dst](const EventArg&) { dst.end(); });
}

// for await (const c of src) { if (!dst.write(c)) await once(dst, 'drain') }  dst.end()
Async<void> await_drain_loop(Readable& src, Writable& dst) {
  auto it = iterator(src);
  while (auto chunk = co_await it.next()) {
    if (!dst.write(*chunk)) co_await once(dst, Event::Drain);
  }
  dst.end();
}

// for await (const c of src) dst.write(c)  dst.end()  — the leak.
Async<void> for_await_ignore_loop(Readable& src, Writable& dst) {
  auto it = iterator(src);
  while (auto chunk = co_await it.next()) {
    dst.write(*chunk);
  }
  dst.end();
}

void run_loop_driver(Topology& t, const Done& done, Async<void> (*body)(Readable&, Writable&)) {
  Readable& src = staged_source(t, done);
  Writable& dst = t.sink();
  finished(dst, [done](Error err) { done(std::move(err)); });
  body(src, dst).then([](auto&&...) {}, [done](Error err) { done(std::move(err)); });
}

}  // namespace

void start_driver(Driver driver, Topology& topology, Callback done) {
  Done d = once(std::move(done));
  switch (driver) {
    case Driver::pipeline:
    case Driver::push_ignore: run_pipeline(topology, d); return;
    case Driver::pipe: run_pipe(topology, d); return;
    case Driver::on_data_ignore: run_on_data_ignore(topology, d); return;
    case Driver::await_drain: run_loop_driver(topology, d, await_drain_loop); return;
    case Driver::for_await_ignore: run_loop_driver(topology, d, for_await_ignore_loop); return;
  }
}

}  // namespace bp::harness
