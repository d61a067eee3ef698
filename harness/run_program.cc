#include "harness/run_program.h"

#include <signal.h>

#include <algorithm>
#include <csignal>
#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "harness/child_process.h"
#include "harness/describe_signal.h"
#include "harness/expectations.h"
#include "harness/process_tree.h"
#include "harness/program_input.h"
#include "harness/program_output.h"
#include "harness/real_clock.h"
#include "harness/run_scenario.h"
#include "harness/scenario_report.h"
#include "harness/tail_buffer.h"
#include "harness/units.h"
#include "harness/verdict.h"
#include "reports/human_units.h"
#include "streams/uv_loop.h"

namespace bp::harness {

namespace {

using Clock = std::chrono::steady_clock;

// How long the program's group has between SIGTERM and SIGKILL.
constexpr auto kGrace = std::chrono::seconds(1);

// SIGINT and SIGTERM to this process, watched on the loop while the program runs. A write to a
// pipe whose reader is gone must fail with EPIPE, not kill the harness: SIGPIPE is ignored
// meanwhile.
class SignalWatch {
 public:
  SignalWatch(UvLoop& loop, std::function<void()> on_signal) : loop_(loop), on_signal_(std::move(on_signal)) {
    previous_sigpipe_ = std::signal(SIGPIPE, SIG_IGN);
    for (int i = 0; i < 2; ++i) {
      uv_signal_init(loop_.uv(), &handles_[i]);
      handles_[i].data = this;
      uv_signal_start(&handles_[i], [](uv_signal_t* h, int) {
        auto* self = static_cast<SignalWatch*>(h->data);
        self->loop_.dispatch(self->on_signal_);
      }, i == 0 ? SIGINT : SIGTERM);
      uv_unref(reinterpret_cast<uv_handle_t*>(&handles_[i]));  // watching keeps no loop alive
    }
  }
  ~SignalWatch() {
    int open = 2;
    for (auto& h : handles_) {
      h.data = &open;
      uv_close(reinterpret_cast<uv_handle_t*>(&h), [](uv_handle_t* c) { --*static_cast<int*>(c->data); });
    }
    while (open > 0) uv_run(loop_.uv(), UV_RUN_NOWAIT);
    std::signal(SIGPIPE, previous_sigpipe_);
  }
  SignalWatch(const SignalWatch&) = delete;
  SignalWatch& operator=(const SignalWatch&) = delete;

 private:
  UvLoop& loop_;
  std::function<void()> on_signal_;
  uv_signal_t handles_[2]{};
  void (*previous_sigpipe_)(int) = nullptr;
};

// One sample of the program's tree, once the baseline is known.
struct Row {
  double time_ms;
  std::uint64_t input;     // bytes written to its stdin
  std::uint64_t consumed;  // of those, bytes it had read
  std::uint64_t output;
  std::int64_t growth;     // tree RssAnon over the baseline
  std::uint64_t resident;  // tree VmRSS
};

class ProgramRun {
 public:
  explicit ProgramRun(const Scenario& scenario)
      : scenario_(scenario),
        child_(loop_,
               [this](const ExitStatus&) {
                 input_.program_exited();
                 check_finished();
               }),
        input_(loop_, scenario.source, scenario.source.file.empty() ? "" : scenario_path(scenario, scenario.source.file)),
        output_(loop_, scenario.sink.rate),
        errors_(loop_, RateProfile{}),
        stderr_tail_(reports::kStderrTail),
        signals_(loop_, [this] { stop("interrupted"); }) {}

  // Empty when the program ran; otherwise why it could not start.
  std::string run();
  reports::Report report(double wall_ms);

 private:
  // The program has exited, its output is read to the end, and the input knows whether the
  // program took all of it: a write to a program that has just exited may not have failed yet.
  bool finished() const {
    return !child_.running() && output_.eof() && errors_.eof() && input_.settled();
  }
  void check_finished() {
    if (finished()) loop_.stop();
  }
  void stop(const std::string& why);
  void sample();
  std::string outcome_error() const;

  const Scenario& scenario_;
  UvLoop loop_;
  ChildProcess child_;
  ProgramInput input_;
  ProgramOutput output_;
  ProgramOutput errors_;
  TailBuffer stderr_tail_;
  SignalWatch signals_;
  Loop::Duration start_{};
  std::optional<std::string> stopped_;
  bool stalled_ = false;
  std::optional<std::uint64_t> baseline_;
  std::uint64_t peak_hwm_ = 0;
  std::vector<Row> rows_;
};

std::string ProgramRun::run() {
  if (std::string problem = input_.open(); !problem.empty()) return problem;
  // Relative paths in a scenario file's argv are relative to the scenario.
  const std::string cwd = std::filesystem::path(scenario_.file).parent_path().string();
  if (std::string problem = child_.spawn(scenario_.program.argv, cwd); !problem.empty()) {
    return "cannot run " + scenario_.program.argv.front() + ": " + problem;
  }
  start_ = loop_.now();
  input_.start(child_.stdin_pipe(), [this] { child_.close_stdin(); }, [this] {
    output_.unthrottle();
    check_finished();
  });
  output_.start(child_.stdout_pipe(), [this] { check_finished(); });
  errors_.start(child_.stderr_pipe(), [this] { check_finished(); },
                [this](std::string_view bytes) { stderr_tail_.append(bytes); });
  Loop::TimerId timeout = 0;
  if (scenario_.limits.timeout) timeout = loop_.set_timeout(*scenario_.limits.timeout, [this] { stop("timeout"); });

  RealClockRun clock{scenario_.sampling.every, scenario_.thresholds.stall_after, [this] { sample(); },
                     [this] { return finished(); }, [this] { return input_.written() + output_.read(); }};
  if (turn_real_clock(loop_, clock)) {
    stalled_ = true;
    stop("stalled");
  }
  // A stop ends the program; the loop runs on until it has exited and its pipes are drained.
  while (!finished()) loop_.run();
  if (timeout != 0) loop_.clear_timeout(timeout);
  return {};
}

void ProgramRun::stop(const std::string& why) {
  if (!stopped_ && child_.running()) stopped_ = why;
  input_.stop();
  output_.unthrottle();
  child_.terminate(kGrace);
}

void ProgramRun::sample() {
  if (!child_.running()) return;
  const TreeMemory m = read_tree_memory(child_.pid());
  if (m.processes == 0) return;
  peak_hwm_ = std::max(peak_hwm_, m.hwm);
  if (m.rss_anon > scenario_.limits.ceiling) stop("ceiling");
  const std::uint64_t consumed = input_.written() - std::min(input_.written(), input_.unread());
  if (!baseline_ && (consumed > 0 || output_.read() > 0)) baseline_ = m.rss_anon;
  if (!baseline_) return;
  const double ms = std::chrono::duration<double, std::milli>(loop_.now() - start_).count();
  rows_.push_back({ms, input_.written(), consumed, output_.read(),
                   static_cast<std::int64_t>(m.rss_anon) - static_cast<std::int64_t>(*baseline_), m.rss});
}

// The failure the verdict reports, or "" when the program ran to its end or the harness stopped
// it for a reason the verdict itself states (the ceiling, a stall).
std::string ProgramRun::outcome_error() const {
  if (stopped_ == "interrupted") return "interrupted; the program's process group was killed";
  if (stopped_ == "timeout") {
    return "timed out after " + format_duration(*scenario_.limits.timeout) + "; the program's process group was killed";
  }
  if (stopped_ || !child_.exit_status()) return {};
  const ExitStatus& exit = *child_.exit_status();
  if (exit.signal) return "the program was " + describe_signal(*exit.signal);
  if (exit.code != 0) return "the program exited with status " + std::to_string(*exit.code);
  if (input_.closed_early()) {
    return "the program exited before reading all its input (" + reports::format_bytes(input_.written()) + " of " +
           reports::format_bytes(input_.total()) + " taken)";
  }
  return {};
}

reports::Report ProgramRun::report(double wall_ms) {
  std::vector<double> input, heap;
  std::uint64_t last = 0;
  for (const Row& r : rows_) last = std::max(last, r.consumed);
  for (const Row& r : rows_) {  // as Sampler::series: up to the first sample at the final input
    input.push_back(static_cast<double>(r.consumed));
    heap.push_back(static_cast<double>(r.growth));
    if (r.consumed == last) break;
  }
  RunOutcome outcome;
  outcome.error = outcome_error();
  outcome.completed = !stopped_ && outcome.error.empty();
  outcome.stalled = stalled_;
  outcome.ceiling_hit = stopped_ == "ceiling";
  for (const Row& r : rows_) outcome.peak_growth = std::max(outcome.peak_growth, r.growth);
  outcome.final_growth = 0;  // the tree has exited: everything it held is returned
  outcome.bound = program_bound(scenario_);
  outcome.input = input;
  outcome.heap = heap;
  Decision d = decide(outcome, scenario_.thresholds, scenario_.limits.ceiling);

  reports::Report r = scenario_report(scenario_);
  r.verdict = std::string(to_string(d.verdict));
  r.reason = d.reason;
  if (!outcome.error.empty()) r.error = outcome.error;
  d.heap.baseline = static_cast<std::int64_t>(baseline_.value_or(0));
  r.heap = d.heap;
  reports::ProgramReport p;
  p.argv = scenario_.program.argv;
  p.pid = child_.pid();
  if (const auto& exit = child_.exit_status()) {
    p.exit_code = exit->code;
    p.exit_signal = exit->signal;
  }
  p.stopped = stopped_;
  p.peak_rss = peak_hwm_;
  p.stderr_tail = stderr_tail_.text();
  r.program = std::move(p);
  r.input_bytes = input_.written();
  r.output_bytes = output_.read();
  const std::size_t n = rows_.size();
  const std::size_t count = std::min(n, reports::kMaxSamples);
  for (std::size_t k = 0; k < count; ++k) {
    const Row& row = rows_[count == 1 ? n - 1 : k * (n - 1) / (count - 1)];
    r.samples.push_back({row.time_ms, row.input, row.output, row.growth, row.resident, {}});
  }
  r.samples_taken = n;
  r.virtual_ms = std::chrono::duration<double, std::milli>(loop_.now() - start_).count();
  r.wall_ms = wall_ms;
  check_expectations(r, scenario_.expect);
  r.tool = tool_info("none (exec reads /proc/PID/status)");
  return r;
}

}  // namespace

std::uint64_t program_bound(const Scenario& scenario) { return 2 * scenario.source.chunk; }

reports::Report run_program(const Scenario& scenario) {
  const auto wall_start = Clock::now();
  ProgramRun run(scenario);
  const std::string problem = run.run();
  const double wall = std::chrono::duration<double, std::milli>(Clock::now() - wall_start).count();
  if (problem.empty()) return run.report(wall);
  reports::Report r = run.report(wall);
  r.verdict = "error";
  r.reason = problem;
  r.error = problem;
  r.failures = {"the program did not run: " + problem};
  r.pass = false;
  return r;
}

}  // namespace bp::harness
