// Runs every spec under tests/conformance/specs/ through the reference streams and compares
// the trace with the golden recorded from Node v20.20.2 (tests/conformance/golden/).
// LiveOracle does the same against the local `node` when it is v20, and skips otherwise.
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/conformance/trace_compare.h"
#include "trace/spec_check.h"
#include "trace/trace.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const fs::path kRoot = BP_CONFORMANCE_DIR;

struct Spec {
  std::string folder;
  std::string name;
  fs::path path;
};

void PrintTo(const Spec& spec, std::ostream* os) { *os << spec.folder << "/" << spec.name; }

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<Spec> all_specs() {
  std::vector<Spec> specs;
  for (const auto& folder : fs::directory_iterator(kRoot / "specs")) {
    if (!folder.is_directory()) continue;
    for (const auto& f : fs::directory_iterator(folder.path())) {
      if (f.path().extension() == ".json") {
        specs.push_back({folder.path().filename().string(), f.path().stem().string(), f.path()});
      }
    }
  }
  std::sort(specs.begin(), specs.end(),
            [](const Spec& a, const Spec& b) { return a.path < b.path; });
  return specs;
}

// folder/name → reason, from exclusions.txt.
std::map<std::string, std::string> exclusions() {
  std::map<std::string, std::string> out;
  std::istringstream in(read_file(kRoot / "exclusions.txt"));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto space = line.find_first_of(" \t");
    out[line.substr(0, space)] = space == std::string::npos ? "" : line.substr(space + 1);
  }
  return out;
}

// The trace of the spec, which must pass the check `bpharness trace` makes before running one.
std::vector<json> our_trace(const Spec& spec) {
  const json parsed = json::parse(read_file(spec.path));
  EXPECT_EQ(bp::trace::spec_problem(parsed), std::nullopt) << spec.folder << "/" << spec.name;
  return bp::trace::run_spec(parsed);
}

class Golden : public testing::TestWithParam<Spec> {};

TEST_P(Golden, TraceMatchesNode) {
  const Spec& spec = GetParam();
  const std::string key = spec.folder + "/" + spec.name;
  const auto excluded = exclusions();
  if (auto it = excluded.find(key); it != excluded.end()) {
    GTEST_SKIP() << key << " is excluded: " << it->second;
  }
  const fs::path golden = kRoot / "golden" / spec.folder / (spec.name + ".jsonl");
  ASSERT_TRUE(fs::exists(golden)) << "no golden for " << key << " (run record-goldens.sh)";
  const auto expected = bp::conformance::parse_trace(read_file(golden));
  const auto diff = bp::conformance::compare_traces(expected, our_trace(spec));
  EXPECT_FALSE(diff.has_value()) << key << ": " << diff.value_or("");
}

std::string spec_test_name(const testing::TestParamInfo<Spec>& info) {
  std::string n = info.param.folder + "_" + info.param.name;
  for (char& c : n) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return n;
}

INSTANTIATE_TEST_SUITE_P(Specs, Golden, testing::ValuesIn(all_specs()), spec_test_name);

TEST(Golden, EverySharedExampleIsCovered) {
  const fs::path shared = kRoot / "specs" / "shared";
  std::size_t n = 0;
  for (const auto& f : fs::directory_iterator(shared)) n += f.path().extension() == ".json";
  EXPECT_GE(n, 48u);
  EXPECT_GE(all_specs().size(), 300u);
}

std::string run_command(const std::string& cmd) {
  std::array<char, 4096> buf{};
  std::string out;
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
  if (!pipe) return out;
  while (std::fgets(buf.data(), buf.size(), pipe.get())) out += buf.data();
  return out;
}

// The local node's version, read once.
const std::string& node_version() {
  static const std::string version = run_command("node --version 2>/dev/null");
  return version;
}

class LiveOracle : public testing::TestWithParam<Spec> {};

TEST_P(LiveOracle, NodeAgreesWithOurStreams) {
  const Spec& spec = GetParam();
  if (node_version().rfind("v20.", 0) != 0) {
    GTEST_SKIP() << "node v20 not found (node --version: '" << node_version()
                 << "'); the golden comparison still ran";
  }
  if (exclusions().count(spec.folder + "/" + spec.name)) GTEST_SKIP() << "excluded";
  const std::string out =
      run_command("node '" + (kRoot / "oracle.js").string() + "' '" + spec.path.string() + "'");
  const auto diff =
      bp::conformance::compare_traces(bp::conformance::parse_trace(out), our_trace(spec));
  EXPECT_FALSE(diff.has_value()) << spec.folder << "/" << spec.name << ": " << diff.value_or("");
}

INSTANTIATE_TEST_SUITE_P(Specs, LiveOracle, testing::ValuesIn(all_specs()), spec_test_name);

}  // namespace
