// The drivers: the code patterns that move data from a scenario's source to its sink
// (DESIGN.md section 2). Each is written on the streams exactly as the JavaScript it stands for:
//
//   pipeline          await pipeline(src, ...stages, dst)
//   pipe              src.pipe(a).pipe(b).pipe(dst)
//   await-drain       for await (c of src) { if (!dst.write(c)) await once(dst, 'drain') }
//   for-await-ignore  for await (c of src) dst.write(c)
//   on-data-ignore    src.on('data', (c) => dst.write(c))
//   push-ignore       a Readable whose _read pushes without looking at push()'s result,
//                     then pipeline(src, ...stages, dst)
//
// In the three loop drivers, `src` is the source piped through the stages with pipeline(),
// so the pattern under test is the one step into the sink.
#pragma once

#include "harness/scenario.h"
#include "harness/topology.h"
#include "streams/callback.h"

namespace bp::harness {

// Starts `driver` over the topology; `done` runs once, when the sink has finished (no
// error) or the run has failed (the first error).
void start_driver(Driver driver, Topology& topology, Callback done);

}  // namespace bp::harness
