// run_scenario() in this process: verdicts of small scenarios, runs that are repeatable to the
// byte, and teardown that leaves nothing behind — coroutine drivers included.
#include "harness/run_scenario.h"

#include <gtest/gtest.h>

#include <string>

#include "harness/scenario_parser.h"
#include "streams/coroutine.h"

namespace bp::harness {
namespace {

Scenario scenario(const std::string& driver, const std::string& sink_rate,
                  const std::string& expect) {
  const std::string text = R"({
    "version": 1, "name": "t",
    "source": { "chunk": "16KiB", "total": "32MiB", "rate": "640MiB/s" },
    "sink": { "rate": )" + sink_rate + R"( },
    "driver": ")" + driver + R"(",
    "limits": { "ceiling": "256MiB", "timeout": "60s" },
    "expect": { "memory": ")" + expect + R"(" } })";
  ScenarioParse parse = parse_scenario(text, "inline.json");
  EXPECT_TRUE(parse.diagnostics.empty()) << parse.diagnostics.front().to_string();
  return *parse.scenario;
}

struct DriverCase {
  const char* driver;
  const char* verdict;  // with a sink ten times slower than the source
};

class SlowSink : public ::testing::TestWithParam<DriverCase> {};

TEST_P(SlowSink, LeakyDriversGrowTheOthersStayBounded) {
  const auto [driver, verdict] = GetParam();
  const reports::Report r = run_scenario(scenario(driver, "\"64MiB/s\"", verdict));
  EXPECT_EQ(r.verdict, verdict) << r.reason;
  EXPECT_TRUE(r.pass);
  EXPECT_EQ(live_coroutines(), 0u);
  if (r.verdict == "grows") {
    // Nine tenths of the input waits in a buffer past its high-water mark (the sink's, or
    // the source's for push-ignore): the slope says so, and so do the buffer peaks.
    EXPECT_NEAR(r.heap.slope, 0.9, 0.05);
    std::uint64_t peaks = 0;
    for (const auto& s : r.stages) peaks += s.peak_buffered;
    EXPECT_GT(peaks, 0.85 * 32 * 1024 * 1024);
    // With jemalloc, the profile names the code that allocated those bytes: the source's data.
    if (r.tool.allocator.starts_with("jemalloc")) {
      ASSERT_FALSE(r.allocation_sites.empty());
      const reports::AllocationSite& top = r.allocation_sites.front();
      EXPECT_TRUE(top.function.find("DataPool") != std::string::npos ||
                  top.function.find("SourceStream") != std::string::npos)
          << top.function;
      EXPECT_GT(top.share, 0.8);
    }
  } else {
    EXPECT_TRUE(r.allocation_sites.empty()) << "only a grows verdict names allocation sites";
    EXPECT_LE(r.heap.peak_growth, static_cast<std::int64_t>(r.heap.bound * r.heap.tolerance));
    EXPECT_EQ(r.output_bytes, 32u * 1024 * 1024);
  }
}

INSTANTIATE_TEST_SUITE_P(Drivers, SlowSink,
                         ::testing::Values(DriverCase{"pipeline", "bounded"},
                                           DriverCase{"pipe", "bounded"},
                                           DriverCase{"await-drain", "bounded"},
                                           DriverCase{"for-await-ignore", "grows"},
                                           DriverCase{"on-data-ignore", "grows"},
                                           DriverCase{"push-ignore", "grows"}),
                         [](const auto& p) {
                           std::string name = p.param.driver;
                           std::erase(name, '-');
                           return name;
                         });

class NeverDrains : public ::testing::TestWithParam<const char*> {};

TEST_P(NeverDrains, StallsAndTearsDownEverySuspendedFrame) {
  // A sink that never takes a byte, under drivers that honour backpressure: they wait forever
  // for 'drain'; the run is stalled, and the coroutine frames still suspended (await-drain's)
  // are reclaimed with the streams.
  const reports::Report r = run_scenario(scenario(GetParam(), "0", "stalled"));
  EXPECT_EQ(r.verdict, "stalled") << r.reason;
  EXPECT_EQ(r.output_bytes, 0u);
  EXPECT_EQ(live_coroutines(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Drivers, NeverDrains,
                         ::testing::Values("pipeline", "pipe", "await-drain"),
                         [](const auto& p) {
                           std::string name = p.param;
                           std::erase(name, '-');
                           return name;
                         });

TEST(RunScenario, TheSameScenarioGivesTheSameSamples) {
  const Scenario s = scenario("for-await-ignore", "\"64MiB/s\"", "grows");
  const reports::Report a = run_scenario(s);
  const reports::Report b = run_scenario(s);
  ASSERT_EQ(a.samples.size(), b.samples.size());
  for (std::size_t i = 0; i < a.samples.size(); ++i) {
    EXPECT_EQ(a.samples[i].input_bytes, b.samples[i].input_bytes);
    EXPECT_EQ(a.samples[i].time_ms, b.samples[i].time_ms);
    EXPECT_EQ(a.samples[i].buffered, b.samples[i].buffered);
  }
  EXPECT_EQ(a.verdict, b.verdict);
  EXPECT_EQ(a.heap.slope, b.heap.slope);
}

}  // namespace
}  // namespace bp::harness
