// The built-in stage kinds of a scenario (docs/scenarios.md, "Stages"), as Transforms.
//
// Every built-in stage derives from FaultableStage, so a fault of kind "error" makes the stage
// fail from inside: its next _transform calls back with the error, as a failing stage would.
#pragma once

#include <cstdint>
#include <memory>
#include <random>
#include <vector>

#include "harness/scenario.h"
#include "harness/stage_registry.h"
#include "streams/transform.h"

namespace bp::harness {

class FaultableStage : public Transform {
 public:
  FaultableStage(Loop& loop, const StreamOptions& options) : Stream(loop), Transform(loop, options) {}
  void fail_next(Error err) { pending_error_ = std::move(err); }

 protected:
  // The stage's own work; called unless a fault is pending.
  virtual void transform(Chunk chunk, TransformCallback cb) = 0;
  void _transform(Chunk chunk, TransformCallback cb) final;

 private:
  Error pending_error_;
};

// Builds a built-in stage (not custom) for `ctx`.
std::unique_ptr<Duplex> make_builtin_stage(const StageContext& ctx);

// What a built-in stage holds besides its two stream buffers, for the theoretical bound: the
// size of the chunks it outputs for input chunks of `input_chunk` bytes, and fixed state
// (zlib's window and tables). On the real clock gzip is the parallel Gzip, whose blocks are
// larger than a zlib stage's chunks.
struct StageFootprint {
  std::size_t output_chunk = 0;
  std::size_t fixed = 0;
};
StageFootprint builtin_footprint(const Stage& stage, std::size_t input_chunk, bool real_clock);

}  // namespace bp::harness
