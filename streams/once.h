// once(emitter, event): Node's events.once — an async function whose promise fulfils with
// the event's argument the next time `event` is emitted, or rejects with the error of an
// 'error' emitted first. Either way both listeners it added are removed.
//
//   if (!dst.write(chunk)) co_await once(dst, Event::Drain);
//
// As in Node, once() is an async function that returns the inner promise, so it settles two
// jobs after that promise: three jobs after an event emitted at once, two after a later one.
#pragma once

#include "streams/async.h"
#include "streams/event_emitter.h"

namespace bp {

class Writable;

Async<EventArg> once(EventEmitter& emitter, Event event);

// once(dst, Event::Drain): the wait of the await-drain pattern. Like Node's
// `once(dst, 'drain')` it waits for the next 'drain' even if none is owed: call it only
// after write() returned false.
Async<EventArg> drained(Writable& dst);

}  // namespace bp
