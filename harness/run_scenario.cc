#include "harness/run_scenario.h"

#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <memory>
#include <thread>

#include "harness/drivers.h"
#include "harness/expectations.h"
#include "harness/heap_probe.h"
#include "harness/heap_profile.h"
#include "harness/real_clock.h"
#include "harness/run_program.h"
#include "harness/sampler.h"
#include "harness/scenario_report.h"
#include "harness/stages.h"
#include "harness/topology.h"
#include "harness/verdict.h"
#include "streams/coroutine.h"
#include "streams/sim_loop.h"
#include "streams/uv_loop.h"

namespace bp::harness {

namespace {

std::string error_text(const Error& e) {
  const std::string_view code = code_name(e.code());
  return code.empty() ? e.message() : std::string(code) + ": " + e.message();
}

// Fires the scenario's faults once the source has produced their `at` bytes.
class FaultPlan {
 public:
  FaultPlan(const std::vector<Fault>& faults, Topology& t) : faults_(faults), t_(t) {}

  void on_progress(std::uint64_t produced, Loop& loop) {
    while (next_ < faults_.size() && produced >= faults_[next_].at) {
      const Fault f = faults_[next_++];
      loop.next_tick([this, f] { fire(f); });
    }
  }

 private:
  void fire(const Fault& f) {
    Stream* target = f.target == FaultTarget::source ? static_cast<Stream*>(&t_.source())
                     : f.target == FaultTarget::sink ? static_cast<Stream*>(&t_.sink())
                                                     : static_cast<Stream*>(&t_.stage(f.stage));
    const Error err = Error::plain("injected fault at " + std::to_string(f.at) + " bytes");
    if (f.kind == FaultKind::destroy_no_error) {
      target->destroy();
    } else if (f.kind == FaultKind::error && f.target == FaultTarget::stage) {
      if (auto* s = dynamic_cast<FaultableStage*>(target)) {
        s->fail_next(err);
        return;
      }
      target->destroy(err);
    } else {
      target->destroy(err);
    }
  }

  const std::vector<Fault>& faults_;
  Topology& t_;
  std::size_t next_ = 0;
};

}  // namespace

reports::ToolInfo tool_info(const std::string& allocator) {
  reports::ToolInfo info;
  info.version = BP_VERSION;
  info.allocator = allocator;
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) == 0) info.host = host;
  struct utsname u {};
  if (uname(&u) == 0) info.os = std::string(u.sysname) + " " + u.release + " " + u.machine;
  info.cpus = std::thread::hardware_concurrency();
  return info;
}

reports::Report run_scenario(const Scenario& scenario, const RunOptions& options) {
  if (!scenario.program.argv.empty()) return run_program(scenario);
  const auto wall_start = std::chrono::steady_clock::now();
  HeapProbe probe;
  const bool real = scenario.clock == ClockKind::real_time;
  std::unique_ptr<Loop> loop;
  if (real) {
    loop = std::make_unique<UvLoop>();
  } else {
    loop = std::make_unique<SimLoop>();
  }
  auto topology = std::make_unique<Topology>(*loop, scenario, scenario.driver == Driver::push_ignore);
  Sampler sampler(probe, *topology, *loop);
  FaultPlan faults(scenario.faults, *topology);
  // Who allocated what the heap holds. Sampled from the moment the growth passes what a bounded
  // run holds (the bound with its tolerance) or the noise floor, whichever comes first — a
  // grows verdict needs a peak of the whole floor — but not below half the floor; captured once
  // it passes the bound with its tolerance plus the floor (past that the verdict is grows) and
  // again each time it doubles.
  HeapProfile profile;
  const auto allowed = static_cast<std::int64_t>(static_cast<double>(topology->bound()) * scenario.thresholds.tolerance);
  const auto noise_floor = static_cast<std::int64_t>(scenario.thresholds.noise_floor);
  const std::int64_t profile_from = std::max(noise_floor / 2, std::min(allowed, noise_floor));
  const std::int64_t profile_at = allowed + noise_floor;

  bool completed = false;
  bool ceiling_hit = false;
  Error failure;
  Topology& t = *topology;
  const auto over_ceiling = [&] {
    const std::int64_t growth = sampler.take(t.produced(), t.completed());
    if (growth > profile_from) profile.start();
    if (growth > profile_at) profile.capture(growth);
    return growth > static_cast<std::int64_t>(scenario.limits.ceiling);
  };
  std::uint64_t next_sample_bytes = scenario.sampling.every_bytes;  // outlives the callback below
  if (SourceStream* source = t.generated_source()) {
    source->set_on_progress([&, source](std::uint64_t produced) {
      faults.on_progress(produced, *loop);
      if (!options.sample || produced < next_sample_bytes) return;
      next_sample_bytes = produced + scenario.sampling.every_bytes;
      if (over_ceiling()) {
        ceiling_hit = true;
        source->stop();
      }
    });
  }

  sampler.start();
  start_driver(scenario.driver, t, [&](Error err) {
    completed = true;
    failure = std::move(err);
    if (real) static_cast<UvLoop&>(*loop).stop();
  });

  bool stalled = false;
  if (real) {
    auto& uv = static_cast<UvLoop&>(*loop);
    RealClockRun run{scenario.sampling.every, scenario.thresholds.stall_after, {},
                     [&] { return completed || ceiling_hit; },
                     [&] { return t.produced() + t.completed(); }};
    if (options.sample) run.sample = [&] { ceiling_hit = ceiling_hit || over_ceiling(); };
    stalled = turn_real_clock(uv, run);
    if (completed) settle_real_clock(uv, std::chrono::milliseconds(100));
  } else {
    // Turn the loop; sample on its clock; stop at completion, the ceiling, or no progress.
    // In virtual time a run has stalled exactly when the loop has nothing left to do.
    auto& sim = static_cast<SimLoop&>(*loop);
    Loop::Duration next_sample_time = sim.now();
    while (!completed && !ceiling_hit) {
      const bool more = sim.run_once();
      if (options.sample && sim.now() >= next_sample_time) {
        next_sample_time = sim.now() + scenario.sampling.every;
        if (over_ceiling()) ceiling_hit = true;
      }
      if (!more) {
        stalled = !completed;
        break;
      }
    }
    // Let completion's aftermath ('close', late callbacks) run, then take the last sample.
    for (int turns = 0; completed && turns < 100000 && sim.run_once(); ++turns) {
    }
  }
  // A leak that stayed under the bound (a slope) still holds its memory at the end.
  const std::int64_t last_growth = sampler.take(t.produced(), t.completed());
  if (last_growth > profile_from) profile.capture(last_growth);

  reports::Report r = scenario_report(scenario);
  r.input_bytes = t.produced();
  r.output_bytes = t.completed();
  r.virtual_ms = std::chrono::duration<double, std::milli>(loop->now()).count();
  const auto& nodes = topology->nodes();
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    const TopologyNode& n = nodes[i];
    reports::StageReport s;
    s.name = n.name;
    s.kind = n.kind;
    s.readable_high_water_mark = n.readable ? n.readable->readable_high_water_mark() : 0;
    s.writable_high_water_mark = n.writable ? n.writable->writable_high_water_mark() : 0;
    s.object_mode = n.object_mode;
    s.peak_buffered = sampler.peak_buffered(i);
    if (n.writable) {
      s.drains = n.writable->drain_count();
      s.violations = n.writable->violation_count();
      for (const Violation& v : n.writable->violations()) {
        r.violations.push_back({n.name, v.file, v.line, v.function, v.count});
      }
    }
    r.stages.push_back(std::move(s));
  }
  r.samples = sampler.samples(reports::kMaxSamples);
  r.samples_taken = sampler.requests();
  std::vector<double> input, unexplained;
  sampler.series(input, unexplained);
  const std::uint64_t bound = topology->bound();

  // Tear down: coroutine frames a stalled or stopped driver left suspended, then pending loop
  // work (both refer to the streams), then the streams.
  reclaim_coroutines(*loop);
  loop.reset();
  topology.reset();
  const std::int64_t final_growth = probe.live() - sampler.baseline();

  RunOutcome outcome;
  outcome.completed = completed;
  outcome.error = failure ? error_text(failure) : "";
  outcome.stalled = stalled;
  outcome.ceiling_hit = ceiling_hit;
  outcome.peak_growth = sampler.peak_growth();
  outcome.final_growth = final_growth;
  outcome.bound = bound;
  outcome.input = input;
  outcome.heap = unexplained;
  Decision d = decide(outcome, scenario.thresholds, scenario.limits.ceiling);

  r.verdict = std::string(to_string(d.verdict));
  r.reason = d.reason;
  if (failure) r.error = error_text(failure);
  d.heap.baseline = sampler.baseline();
  r.heap = d.heap;
  if (d.verdict == Verdict::grows) r.allocation_sites = profile.sites(reports::kMaxSites);
  check_expectations(r, scenario.expect);
  r.tool = tool_info(probe.allocator());
  r.wall_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall_start).count();
  return r;
}

}  // namespace bp::harness
