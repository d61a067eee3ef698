// pump_to_node(): Node's pumpToNode — writes everything an async generator yields into a
// Writable, waiting for 'drain' whenever write() returns false, then ends it (if `end`) and
// waits for it to finish. `finish` runs once: with no error, or with the first failure (the
// generator throwing, or the writable failing or closing early). When the writable fails
// while the loop waits for 'drain', the generator is closed (return()) first, as `for await`
// does. pipeline() uses it wherever a coroutine stage feeds a stream.
#pragma once

#include "streams/async.h"
#include "streams/async_generator.h"
#include "streams/chunk.h"
#include "streams/writable.h"

namespace bp {

Async<void> pump_to_node(AsyncGenerator<Chunk> iterable, Writable& writable,
                         Callback finish, bool end);

}  // namespace bp
