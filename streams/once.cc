// once() after Node's lib/events.js (without the AbortSignal option).
#include "streams/once.h"

#include <memory>

#include "streams/writable.h"

namespace bp {

Async<EventArg> once(EventEmitter& emitter, Event event) {
  Promise<EventArg> result(emitter.loop());
  struct Ids {
    ListenerId event = 0;
    ListenerId error = 0;
  };
  auto ids = std::make_shared<Ids>();
  EventEmitter* e = &emitter;
  ids->event = emitter.once(event, [e, event, ids, result](const EventArg& arg) {
    if (event != Event::Error) e->off(Event::Error, ids->error);
    result.resolve(arg);
  });
  if (event != Event::Error) {
    ids->error = emitter.once(Event::Error, [e, event, ids, result](const EventArg& arg) {
      e->off(event, ids->event);
      result.reject(arg.error);
    });
  }
  co_return result;
}

Async<EventArg> drained(Writable& dst) { return once(dst, Event::Drain); }

}  // namespace bp
