// Real-clock scenarios end to end: a file gzipped through a file sink on a UvLoop, with the
// same report fields as in virtual time, and a stalled sink noticed on the real clock.
#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "harness/run_scenario.h"
#include "harness/scenario_parser.h"
#include "tests/reports/temp_dir.h"

namespace bp::harness {
namespace {

using reports::testing::TempDir;

Scenario parse(const std::string& text, const std::filesystem::path& file) {
  ScenarioParse parsed = parse_scenario(text, file.string());
  EXPECT_TRUE(parsed.scenario.has_value()) << text;
  return parsed.scenario.value_or(Scenario{});
}

std::string gunzip_with_zlib(const std::filesystem::path& p) {
  gzFile f = gzopen(p.c_str(), "rb");
  std::string out;
  char buf[65536];
  int n = 0;
  while ((n = gzread(f, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
  gzclose(f);
  return out;
}

TEST(RealClockRun, GzipsAFileIntoAFileWithBoundedMemory) {
  TempDir dir;
  std::string text;
  for (int i = 0; text.size() < 3 * 1024 * 1024; ++i) {
    text += "2026-11-26 INFO id=" + std::to_string(i) + " path=/api/" + std::to_string(i % 41) + "\n";
  }
  std::ofstream(dir.path() / "in.log", std::ios::binary) << text;
  // Paths are relative to the scenario file's folder.
  const Scenario s = parse(R"({"version": 1, "name": "gz", "clock": "real",
      "source": {"file": "in.log"}, "stages": [{"kind": "gzip"}], "sink": {"file": "out.log.gz"},
      "driver": "pipeline", "expect": {"memory": "bounded"}})",
                           dir.path() / "gz.json");
  const reports::Report r = run_scenario(s);
  EXPECT_EQ(r.clock, "real");
  EXPECT_EQ(r.verdict, "bounded") << r.reason << " " << r.error.value_or("");
  EXPECT_TRUE(r.pass);
  EXPECT_EQ(r.input_bytes, text.size());
  EXPECT_EQ(r.output_bytes, std::filesystem::file_size(dir.path() / "out.log.gz"));
  EXPECT_EQ(gunzip_with_zlib(dir.path() / "out.log.gz"), text);
  EXPECT_LE(r.heap.peak_growth, static_cast<std::int64_t>(r.heap.bound) * 2) << "within tolerance × bound";
}

TEST(RealClockRun, ATemporarySinkFileIsRemovedAfterTheRun) {
  const auto count_temp = [] {
    std::size_t n = 0;
    for (const auto& e : std::filesystem::directory_iterator(std::filesystem::temp_directory_path())) {
      n += e.path().filename().string().starts_with("bpharness-sink-");
    }
    return n;
  };
  const std::size_t before = count_temp();
  const Scenario s = parse(R"({"version": 1, "name": "tmp", "clock": "real",
      "source": {"total": "2MiB"}, "sink": {"file": true}, "driver": "pipeline",
      "expect": {"memory": "bounded"}})",
                           "tmp.json");
  const reports::Report r = run_scenario(s);
  EXPECT_EQ(r.verdict, "bounded") << r.reason;
  EXPECT_EQ(r.output_bytes, 2u * 1024 * 1024);
  EXPECT_EQ(count_temp(), before);
}

TEST(RealClockRun, ASinkThatNeverConsumesStallsAfterStallAfter) {
  const Scenario s = parse(R"({"version": 1, "name": "stall", "clock": "real",
      "source": {"total": "1MiB"}, "sink": {"rate": 0}, "driver": "pipeline",
      "limits": {"timeout": "10s"}, "thresholds": {"stallAfter": "50ms"},
      "expect": {"memory": "stalled"}})",
                           "stall.json");
  const reports::Report r = run_scenario(s);
  EXPECT_EQ(r.verdict, "stalled") << r.reason;
  EXPECT_EQ(r.output_bytes, 0u);
}

}  // namespace
}  // namespace bp::harness
