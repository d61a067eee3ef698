// The runner under misbehaving scenarios (DESIGN.md section 4): a sink that never completes is
// `stalled` before its timeout; a child that aborts or is killed by a signal is that scenario's
// `error`, with the signal, while the others still run; a runaway leak stops at its ceiling
// and the child never holds much more than the ceiling.
#include "harness/runner.h"

#include <sys/resource.h>

#include <csignal>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "harness/heap_probe.h"
#include "harness/scenario_parser.h"
#include "harness/stage_registry.h"
#include "streams/transform.h"

namespace bp::harness {
namespace {

// A stage that takes the whole process down with `sig` when its first chunk arrives.
class SignalStage final : public Transform {
 public:
  SignalStage(Loop& loop, int sig) : Stream(loop), Transform(loop), sig_(sig) {}

 protected:
  void _transform(Chunk, TransformCallback) override {
    if (sig_ == SIGABRT) std::abort();
    std::raise(sig_);
  }

 private:
  int sig_;
};

void register_signal_stages() {
  for (const auto& kind : {std::pair{"test-abort", SIGABRT}, std::pair{"test-sigkill", SIGKILL},
                           std::pair{"test-sigsegv", SIGSEGV}}) {
    const int sig = kind.second;  // a plain variable: clang 14 cannot capture a structured binding
    StageRegistry::global().add(kind.first, {[sig](const StageContext& ctx) -> std::unique_ptr<Duplex> {
                                              return std::make_unique<SignalStage>(ctx.loop, sig);
                                            },
                                            1.0});
  }
}

Scenario scenario(const std::string& text) {
  const auto kinds = StageRegistry::global().names();
  const std::vector<std::string> custom(kinds.begin(), kinds.end());
  ScenarioParse parse = parse_scenario(text, "runner_test.json", custom);
  EXPECT_TRUE(parse.diagnostics.empty()) << parse.diagnostics.front().to_string();
  return *parse.scenario;
}

Scenario with_stage(const std::string& name, const std::string& kind) {
  return scenario(R"({"version": 1, "name": ")" + name + R"(", "source": {"total": "1MiB"},
    "stages": [{"kind": ")" + kind + R"("}], "driver": "pipeline", "expect": {"memory": "bounded"}})");
}

const reports::Report* find(const RunnerResult& result, const std::string& name) {
  for (const auto& r : result.reports) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

TEST(Runner, SinkThatNeverCompletesIsStalledBeforeItsTimeout) {
  const Scenario s = scenario(R"({"version": 1, "name": "never", "source": {"total": "1MiB"},
    "sink": {"rate": 0}, "driver": "pipeline", "limits": {"timeout": "60s"},
    "expect": {"memory": "stalled"}})");
  const RunnerResult result = run_all({s}, {});
  ASSERT_EQ(result.reports.size(), 1u);
  EXPECT_EQ(result.reports[0].verdict, "stalled") << result.reports[0].reason;
  EXPECT_TRUE(result.reports[0].pass);
  EXPECT_LT(result.reports[0].wall_ms, 60'000.0);
}

TEST(Runner, ChildKilledBySignalIsAnErrorAndTheOthersStillRun) {
  register_signal_stages();
  const std::vector<Scenario> scenarios = {
      with_stage("aborts", "test-abort"), with_stage("before", "passthrough"),
      with_stage("killed", "test-sigkill"), with_stage("segfaults", "test-sigsegv"),
      with_stage("after", "passthrough")};
  RunnerOptions options;
  options.jobs = 2;
  const RunnerResult result = run_all(scenarios, options);
  ASSERT_EQ(result.reports.size(), scenarios.size());
  EXPECT_FALSE(result.interrupted);
  for (auto [name, sig] : {std::pair{"aborts", SIGABRT}, std::pair{"killed", SIGKILL},
                           std::pair{"segfaults", SIGSEGV}}) {
    const reports::Report* r = find(result, name);
    ASSERT_NE(r, nullptr) << name;
    EXPECT_EQ(r->verdict, "error") << name;
    EXPECT_FALSE(r->pass) << name;
    EXPECT_EQ(r->signal, std::optional<int>(sig)) << name << ": " << r->reason;
    EXPECT_NE(r->reason.find("signal " + std::to_string(sig)), std::string::npos) << r->reason;
  }
  for (const char* name : {"before", "after"}) {
    const reports::Report* r = find(result, name);
    ASSERT_NE(r, nullptr) << name;
    EXPECT_EQ(r->verdict, "bounded") << name << ": " << r->reason;
    EXPECT_TRUE(r->pass) << name;
  }
}

TEST(Runner, ReportsComeInTheScenariosOrderWhateverOrderTheyFinishIn) {
  // With two jobs, "slow" (half a second of wall-clock time) finishes after "quick-1" and
  // "quick-2" (64 KiB in virtual time, a few milliseconds each).
  const auto make = [](const std::string& name, const std::string& source, const std::string& clock) {
    return scenario(R"({"version": 1, "name": ")" + name + R"(", "clock": ")" + clock + R"(", "source": )" +
                    source + R"(, "driver": "pipeline", "expect": {"memory": "bounded"}})");
  };
  const std::vector<Scenario> scenarios = {make("slow", R"({"total": "512KiB", "rate": "1MiB/s"})", "real"),
                                           make("quick-1", R"({"total": "64KiB"})", "virtual"),
                                           make("quick-2", R"({"total": "64KiB"})", "virtual")};
  std::vector<std::string> finished;
  RunnerOptions options;
  options.jobs = 2;
  options.on_report = [&](const reports::Report& r) { finished.push_back(r.name); };
  const RunnerResult result = run_all(scenarios, options);
  ASSERT_EQ(result.reports.size(), 3u);
  EXPECT_EQ(finished.front(), "quick-1") << "the test needs slow to finish after quick-1";
  for (std::size_t i = 0; i < scenarios.size(); ++i) EXPECT_EQ(result.reports[i].name, scenarios[i].name);
}

TEST(Runner, RunawayLeakStopsAtTheCeiling) {
  constexpr std::int64_t kCeiling = 256LL << 20;
  const Scenario s = scenario(R"({"version": 1, "name": "leak-10gib", "source": {"chunk": "64KiB",
    "total": "10GiB", "rate": "1GiB/s"}, "sink": {"rate": "1MiB/s"}, "driver": "for-await-ignore",
    "limits": {"ceiling": "256MiB"}, "expect": {"memory": "grows"}})");
  rusage self{};
  ::getrusage(RUSAGE_SELF, &self);
  const RunnerResult result = run_all({s}, {});
  ASSERT_EQ(result.reports.size(), 1u);
  const reports::Report& r = result.reports[0];
  EXPECT_EQ(r.verdict, "grows") << r.reason;
  EXPECT_NE(r.reason.find("ceiling"), std::string::npos) << r.reason;
  EXPECT_TRUE(r.heap.ceiling_hit);
  EXPECT_LT(r.input_bytes, 10ULL << 30) << "the run went on past the ceiling";
  // The child starts as a copy of this process; past that, its peak resident memory may exceed
  // the ceiling by 10% at most. (ru_maxrss is in KiB.) Sanitizer builds also keep shadow memory
  // (1/8 of the heap) and a quarantine of freed blocks (256 MiB by default).
  rusage children{};
  ::getrusage(RUSAGE_CHILDREN, &children);
  const bool sanitizer = HeapProbe().allocator() == "sanitizer";
  const std::int64_t allowance = kCeiling * 11 / 10 + (sanitizer ? kCeiling / 8 + (256LL << 20) : 0);
  EXPECT_LE((children.ru_maxrss - self.ru_maxrss) * 1024, allowance)
      << "child peak " << children.ru_maxrss << " KiB, parent " << self.ru_maxrss << " KiB";
}

}  // namespace
}  // namespace bp::harness
