// iterator(readable): Node's readable[Symbol.asyncIterator]() / readable.iterator(options),
// an async generator over the stream's data (SEMANTICS.md section 3.4).
//
//   auto it = iterator(src);
//   while (auto chunk = co_await it.next()) { ... *chunk ... }
//
// Each step takes what read() returns, so in byte mode the chunks buffered since the last
// step come as one merged chunk; in object mode one object per step. While the consumer is
// busy nothing reads, so the stream's buffer fills to its high-water mark and _read stops:
// backpressure. The iterator waits for 'readable' when the buffer is empty.
//
// Endings: 'end' → done. The stream failing → next() rejects with its error; the stream
// closing before its end → ERR_STREAM_PREMATURE_CLOSE. When the iteration stops early
// (return_(), or a consumer body that ends abruptly: streams/coroutine.h) or fails, the
// stream is destroyed — with an AbortError if it had not finished — unless
// destroy_on_return is false (then an early return leaves it alive and detaches the
// iterator's listeners). A stream with autoDestroy off that ended normally is left alone.
//
// The iterator uses only the stream's public API: a 'readable' listener, read(), finished()
// and destroyer().
#pragma once

#include "streams/async_generator.h"
#include "streams/chunk.h"
#include "streams/readable.h"

namespace bp {

struct ReadableIteratorOptions {
  bool destroy_on_return = true;
};

AsyncGenerator<Chunk> iterator(Readable& stream, ReadableIteratorOptions options = {});

}  // namespace bp
