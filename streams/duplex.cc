#include "streams/duplex.h"

namespace bp {

Duplex::Duplex(Loop& loop, const StreamOptions& options)
    : Stream(loop), Readable(loop, options, true), Writable(loop, options, true) {
  rs().allow_half_open = options.allow_half_open;
  if (!options.readable) {
    rs().enabled = false;
    rs().ended = rs().end_emitted = true;
  }
  if (!options.writable) {
    ws().enabled = false;
    ws().ending = ws().ended = ws().finished = true;
  }
}

}  // namespace bp
