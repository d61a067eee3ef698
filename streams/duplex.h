// Duplex: a Readable and a Writable on one object (SEMANTICS.md section 4). The two sides
// keep independent buffers and high-water marks; destroy() is shared (one 'error', one
// 'close'), and autoDestroy waits until the writable side has finished and the readable side
// has ended.
#pragma once

#include "streams/readable.h"
#include "streams/writable.h"

namespace bp {

class Duplex : public Readable, public Writable {
 public:
  explicit Duplex(Loop& loop, const StreamOptions& options = {});
};

}  // namespace bp
