#include "streams/duplex.h"

namespace bp {

Duplex::Duplex(Loop& loop, const StreamOptions& options)
    : Stream(loop), Readable(loop, options, true), Writable(loop, options, true) {
  rs().set(Readable::kAllowHalfOpen, options.allow_half_open);
  if (!options.readable) {
    rs().clear(Stream::kEnabled);
    rs().set(Readable::kEnded | Readable::kEndEmitted);
  }
  if (!options.writable) {
    ws().clear(Stream::kEnabled);
    ws().set(Writable::kEnding | Writable::kEnded | Writable::kFinished);
  }
}

}  // namespace bp
