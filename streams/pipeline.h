// pipeline(): connects streams source → ...stages → sink with backpressure, forwards the first
// error, destroys every stream when one fails, and calls back exactly once after every
// stream has completed, including 'close' (SEMANTICS.md section 6, Node's pipeline.js).
//
// Each pair is joined with pipe(), so a slow sink pauses everything upstream of it. On the
// first error every stream that has not finished is destroyed with that same error, in
// order from source to sink; a stream that closes early fails the pipeline with
// ERR_STREAM_PREMATURE_CLOSE (replaced by a real error seen later). The callback runs on a
// later tick than the event that completed the pipeline.
//
// Stages may also be coroutine functions (streams/async_stage.h) — the C++ form of Node's
// async generators and async function sinks.
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "streams/stream.h"

namespace bp {

struct PipelineOptions {
  bool end = true;  // false: do not end the last stream
};

using PipelineCallback = std::function<void(Error)>;

// Throws ArgumentError (ERR_MISSING_ARGS) for fewer than two streams. Returns the last one.
Stream& pipeline(const std::vector<Stream*>& streams, PipelineCallback callback,
                 PipelineOptions options = {});

// The internals that generator stages share with pipeline(); not for general use.
namespace detail {
class PipelineRun;
}

}  // namespace bp
