// The verdict: bounded, grows, stalled or error, decided from the run's numbers
// (docs/verdicts.md). In order:
//   error    the pipeline failed (a fault, a crash); cleanup is judged by whether the heap
//            came back to within the noise floor of the baseline after teardown;
//   grows    the ceiling was hit; or the heap kept growing with the input in the second half
//            of the run (Theil–Sen slope ≥ the slope threshold) by more than the noise floor;
//            or its peak went past the theoretical bound × tolerance;
//   stalled  the run stopped making progress while work remained;
//   bounded  otherwise: growth within bound × tolerance, flat second half.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "harness/scenario.h"
#include "reports/report.h"

namespace bp::harness {

struct RunOutcome {
  bool completed = false;       // the sink finished or the pipeline called back
  std::string error;            // the pipeline's error, "" when none
  bool stalled = false;         // no progress while work remained
  bool ceiling_hit = false;
  std::int64_t peak_growth = 0;
  std::int64_t final_growth = 0;  // after teardown
  std::uint64_t bound = 0;
  std::span<const double> input;  // per sample: input bytes
  std::span<const double> heap;   // per sample: heap growth the buffers do not explain (Sampler::series)
};

struct Decision {
  Verdict verdict = Verdict::bounded;
  std::string reason;
  reports::HeapNumbers heap;
};

Decision decide(const RunOutcome& run, const Thresholds& thresholds, std::uint64_t ceiling);

}  // namespace bp::harness
