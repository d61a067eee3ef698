// iterator() after Node's createAsyncIterator (lib/internal/streams/readable.js).
#include "streams/async_iterator.h"

#include <functional>
#include <memory>

#include "streams/finished.h"

namespace bp {

namespace {

// The variables Node's generator shares with the listeners it adds.
struct IteratorState {
  enum class Status { Open, Ended, Failed };  // Node's `error`: undefined, null, an error
  Status status = Status::Open;
  Error error;
  std::function<void()> callback;  // wakes the body when it waits for data

  void wake() {
    std::function<void()> cb = std::move(callback);
    callback = nullptr;
    if (cb) cb();
  }
};

AsyncGenerator<Chunk> create_async_iterator(Readable& stream, ReadableIteratorOptions options) {
  auto st = std::make_shared<IteratorState>();
  const ListenerId readable_id = stream.on(Event::Readable, [st](const EventArg&) { st->wake(); });
  Cleanup cleanup = finished(stream, FinishedOptions{.readable = {}, .writable = false},
                             [st](Error err) {
                               if (err) {
                                 if (!st->error) st->error = std::move(err);
                                 st->status = IteratorState::Status::Failed;
                               } else {
                                 st->status = IteratorState::Status::Ended;
                               }
                               st->wake();
                             });
  auto guard = co_await finally([&] {
    const bool failed = st->status == IteratorState::Status::Failed;
    const bool open = st->status == IteratorState::Status::Open;
    const ReadableState* rs = stream.readable_state();
    if ((failed || options.destroy_on_return) && (open || (rs && rs->has(Stream::kAutoDestroy)))) {
      destroyer(stream, {});
    } else {
      stream.off(Event::Readable, readable_id);
      cleanup();
    }
  });
  while (true) {
    Chunk chunk = stream.destroyed() ? Chunk{} : stream.read();
    if (chunk) {
      co_yield std::move(chunk);
    } else if (st->status == IteratorState::Status::Failed) {
      co_await raise(st->error);
    } else if (st->status == IteratorState::Status::Ended) {
      co_return;
    } else {
      Promise<void> wait(stream.loop());
      st->callback = [wait] { wait.resolve(); };
      co_await wait;
    }
  }
}

}  // namespace

AsyncGenerator<Chunk> iterator(Readable& stream, ReadableIteratorOptions options) {
  return create_async_iterator(stream, options);
}

}  // namespace bp
