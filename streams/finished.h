// finished(): calls back once when a stream is done — ended, finished, closed or failed
// (SEMANTICS.md section 7, Node's end-of-stream.js). The callback gets the stream's error,
// ERR_STREAM_PREMATURE_CLOSE when it closed before completing, or no error. It never runs
// synchronously. The returned function detaches every listener finished() added (they stay
// attached otherwise, as in Node).
#pragma once

#include <functional>
#include <optional>

#include "streams/stream.h"

namespace bp {

struct FinishedOptions {
  std::optional<bool> readable;  // wait for the readable side (default: if it has one)
  std::optional<bool> writable;  // wait for the writable side (default: if it has one)
  bool error = true;             // false: ignore 'error' events
};

using Cleanup = std::function<void()>;

Cleanup finished(Stream& stream, FinishedOptions options, Callback callback);
inline Cleanup finished(Stream& stream, Callback callback) {
  return finished(stream, {}, std::move(callback));
}

}  // namespace bp
