// pump_to_node() after Node's pumpToNode (lib/internal/streams/pipeline.js).
#include "streams/pump.h"

#include <memory>

#include "streams/finished.h"

namespace bp {

namespace {

// Node's `error` / `onresolve` pair: the writable's outcome, and the wait it wakes.
struct PumpState {
  Loop* loop;
  Error error;
  std::function<void()> onresolve;

  // 'drain' (no error) or finished() (the writable's outcome).
  void resume(Error err) {
    if (err) error = std::move(err);
    if (onresolve) {
      std::function<void()> cb = std::move(onresolve);
      onresolve = nullptr;
      cb();
    }
  }
  // The next 'drain' or outcome; rejects at once if the writable already failed.
  Promise<void> wait() {
    Promise<void> p(*loop);
    if (error) {
      p.reject(error);
    } else {
      onresolve = [this, p] {
        if (error) {
          p.reject(error);
        } else {
          p.resolve();
        }
      };
    }
    return p;
  }
};

// Node's aggregateTwoErrors, reduced to the error the caller reports: an AggregateError
// carries the outer error's code and message.
Error aggregate_two_errors(const Error& inner, const Error& outer) {
  if (inner && outer && !(inner == outer)) return Error::make(outer.code(), outer.message());
  return inner ? inner : outer;
}

}  // namespace

Async<void> pump_to_node(AsyncGenerator<Chunk> iterable, Writable& writable,
                         Callback finish, bool end) {
  auto st = std::make_shared<PumpState>();
  st->loop = &writable.loop();
  const ListenerId drain_id = writable.on(Event::Drain, [st](const EventArg&) { st->resume({}); });
  Cleanup cleanup = finished(writable, FinishedOptions{.readable = false, .writable = {}},
                             [st](Error err) { st->resume(std::move(err)); });

  Error err;  // what the try block threw
  if (writable.writable_need_drain()) err = (co_await settle(st->wait())).error;
  while (!err) {  // for await (const chunk of iterable)
    Settled<std::optional<Chunk>> next = co_await settle(iterable.next());
    if (next.error) {
      err = next.error;  // the iterator threw: it is finished, nothing to close
    } else if (!*next.value) {
      break;
    } else if (!writable.write(**next.value)) {
      if (Error e = (co_await settle(st->wait())).error) {
        co_await settle(iterable.return_());  // leaving the loop by a throw closes it
        err = e;
      }
    }
  }
  if (!err && end) {
    writable.end();
    err = (co_await settle(st->wait())).error;
  }
  if (err) {
    finish(st->error == err ? err : aggregate_two_errors(st->error, err));
  } else {
    finish({});
  }
  cleanup();
  writable.off(Event::Drain, drain_id);
}

}  // namespace bp
