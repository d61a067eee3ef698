// Leak/fix pairing: the same workload (scenario without name, description, driver, expect,
// $schema, limits), a report expecting grows with one expecting bounded, in name order.
#include "reports/leak_fix_pairs.h"

#include <gtest/gtest.h>

#include <vector>

namespace bp::reports {
namespace {

nlohmann::json workload(const std::string& sink_rate) {
  return {{"version", 1},
          {"source", {{"chunk", "16KiB"}, {"total", "256MiB"}, {"rate", "640MiB/s"}}},
          {"sink", {{"rate", sink_rate}}}};
}

Report report(const std::string& name, const std::string& driver, const std::string& expected,
              const std::string& sink_rate = "64MiB/s") {
  Report r;
  r.name = name;
  r.driver = driver;
  r.expected = expected;
  r.scenario = workload(sink_rate);
  r.scenario["name"] = name;
  r.scenario["description"] = "about " + name;
  r.scenario["driver"] = driver;
  r.scenario["expect"] = {{"memory", expected}};
  return r;
}

TEST(LeakFixPairs, PairsALeakWithItsFixWhateverTheirNamesAndLimits) {
  std::vector<Report> reports = {report("fixed", "await-drain", "bounded"),
                                 report("leaky", "for-await-ignore", "grows")};
  reports[1].scenario["limits"] = {{"ceiling", "512MiB"}};
  reports[0].scenario["$schema"] = "../schemas/scenario.schema.json";
  EXPECT_EQ(leak_fix_pairs(reports), (std::vector<LeakFixPair>{{.leak = 1, .fix = 0}}));
}

TEST(LeakFixPairs, DifferentSpeedsAreDifferentWorkloads) {
  const std::vector<Report> reports = {report("leaky", "for-await-ignore", "grows"),
                                       report("fixed", "await-drain", "bounded", "640MiB/s")};
  EXPECT_TRUE(leak_fix_pairs(reports).empty());
}

TEST(LeakFixPairs, TwoFixesOrTwoLeaksAreNoPair) {
  const std::vector<Report> reports = {report("a", "pipe", "bounded"),
                                       report("b", "pipeline", "bounded"),
                                       report("c", "on-data-ignore", "grows", "1MiB/s"),
                                       report("d", "push-ignore", "grows", "1MiB/s")};
  EXPECT_TRUE(leak_fix_pairs(reports).empty());
}

TEST(LeakFixPairs, ErrorAndStalledExpectationsAreNeitherLeakNorFix) {
  const std::vector<Report> reports = {report("a", "pipeline", "error"),
                                       report("b", "for-await-ignore", "grows"),
                                       report("c", "pipeline", "stalled")};
  EXPECT_TRUE(leak_fix_pairs(reports).empty());
}

TEST(LeakFixPairs, SeveralOfEachArePairedInNameOrderLeftoversUnpaired) {
  const std::vector<Report> reports = {
      report("push-ignore-slow-sink", "push-ignore", "grows"),
      report("pipeline-slow-sink", "pipeline", "bounded"),
      report("await-drain-slow-sink", "await-drain", "bounded"),
      report("for-await-ignore-slow-sink", "for-await-ignore", "grows"),
      report("pipe-slow-sink", "pipe", "bounded"),
      report("on-data-ignore-slow-sink", "on-data-ignore", "grows"),
      report("extra-fix", "pipe", "bounded"),
  };
  // Leaks by name: for-await-ignore (3), on-data-ignore (5), push-ignore (0).
  // Fixes by name: await-drain (2), extra-fix (6), pipe (4), pipeline (1).
  EXPECT_EQ(leak_fix_pairs(reports),
            (std::vector<LeakFixPair>{
                {.leak = 3, .fix = 2}, {.leak = 5, .fix = 6}, {.leak = 0, .fix = 4}}));
}

TEST(LeakFixPairs, WorkloadsComeInTheOrderOfTheirFirstReport) {
  const std::vector<Report> reports = {
      report("slow-fix", "pipeline", "bounded", "1MiB/s"), report("fast-leak", "on-data", "grows"),
      report("fast-fix", "pipeline", "bounded"), report("slow-leak", "on-data", "grows", "1MiB/s")};
  EXPECT_EQ(leak_fix_pairs(reports),
            (std::vector<LeakFixPair>{{.leak = 3, .fix = 0}, {.leak = 1, .fix = 2}}));
}

TEST(LeakFixPairs, ReportWithoutAScenarioObjectIsNotPaired) {
  std::vector<Report> reports = {report("leaky", "for-await-ignore", "grows"),
                                 report("fixed", "await-drain", "bounded")};
  reports[0].scenario = nullptr;
  EXPECT_TRUE(leak_fix_pairs(reports).empty());
}

}  // namespace
}  // namespace bp::reports
