// Sharding: the requests that are valid and those that are not, and the split's properties
// (harness/shard.h): every scenario in exactly one shard, shard sizes within one of each other,
// and the same split whatever order the scenarios come in.
#include "harness/shard.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace bp::harness {
namespace {

std::vector<Scenario> named(std::size_t count) {
  std::vector<Scenario> scenarios(count);
  for (std::size_t i = 0; i < count; ++i) scenarios[i].name = "scenario-" + std::to_string(i * 7919 % 1000);
  return scenarios;
}

std::vector<std::string> names_of(const std::vector<Scenario>& scenarios) {
  std::vector<std::string> names;
  for (const Scenario& s : scenarios) names.push_back(s.name);
  return names;
}

TEST(Shard, FlagIsOneBased) {
  EXPECT_EQ(parse_shard_flag("1/4").shard, (Shard{.index = 0, .count = 4}));
  EXPECT_EQ(parse_shard_flag("4/4").shard, (Shard{.index = 3, .count = 4}));
  EXPECT_EQ(parse_shard_flag("1/1").shard, (Shard{.index = 0, .count = 1}));
  EXPECT_EQ(parse_shard_flag("10000/10000").shard, (Shard{.index = 9999, .count = 10000}));
}

TEST(Shard, BadFlagsAreRefusedWithWhatWasExpected) {
  for (const char* bad : {"", "0/4", "5/4", "1/0", "0/0", "2", "/4", "2/", "-1/4", "+1/4", " 1/4",
                          "1/4 ", "1/4/2", "a/b", "1.0/4", "1/10001", "1/99999999999999999999999"}) {
    const ShardRequest request = parse_shard_flag(bad);
    EXPECT_FALSE(request.shard) << "'" << bad << "'";
    EXPECT_NE(request.error.find("--shard: expected I/N"), std::string::npos) << request.error;
    EXPECT_NE(request.error.find(std::string("got '") + bad + "'"), std::string::npos) << request.error;
  }
}

TEST(Shard, GoogleTestVariablesAreZeroBased) {
  EXPECT_EQ(shard_from_gtest_env("0", "3").shard, (Shard{.index = 0, .count = 3}));
  EXPECT_EQ(shard_from_gtest_env("2", "3").shard, (Shard{.index = 2, .count = 3}));
  const ShardRequest none = shard_from_gtest_env(nullptr, nullptr);
  EXPECT_FALSE(none.shard);
  EXPECT_EQ(none.error, "");
}

TEST(Shard, BadGoogleTestVariablesAreRefused) {
  EXPECT_EQ(shard_from_gtest_env("1", nullptr).error,
            "GTEST_SHARD_INDEX is set but GTEST_TOTAL_SHARDS is not; set both or neither");
  EXPECT_EQ(shard_from_gtest_env(nullptr, "3").error,
            "GTEST_TOTAL_SHARDS is set but GTEST_SHARD_INDEX is not; set both or neither");
  for (const auto& [index, total] : std::vector<std::pair<const char*, const char*>>{
           {"3", "3"}, {"0", "0"}, {"", "3"}, {"-1", "3"}, {"x", "3"}, {"0", "3x"}}) {
    const ShardRequest request = shard_from_gtest_env(index, total);
    EXPECT_FALSE(request.shard) << index << "/" << total;
    EXPECT_NE(request.error.find("expected 0 <= index < total"), std::string::npos) << request.error;
  }
}

TEST(Shard, EveryScenarioLandsInExactlyOneShardForManyCounts) {
  for (std::size_t scenarios = 0; scenarios <= 40; scenarios += 3) {
    const std::vector<Scenario> all = named(scenarios);
    for (std::size_t count = 1; count <= 50; ++count) {
      const std::string context = std::to_string(scenarios) + " scenarios, " + std::to_string(count) + " shards";
      std::map<std::string, int> seen;
      std::size_t smallest = scenarios;
      std::size_t largest = 0;
      for (std::size_t index = 0; index < count; ++index) {
        const std::vector<Scenario> part = select_shard(all, {.index = index, .count = count});
        for (const Scenario& s : part) ++seen[s.name];
        smallest = std::min(smallest, part.size());
        largest = std::max(largest, part.size());
      }
      ASSERT_EQ(seen.size(), scenarios) << context;
      for (const auto& [name, times] : seen) ASSERT_EQ(times, 1) << context << ": " << name;
      ASSERT_LE(largest - std::min(smallest, largest), 1u) << context;
    }
  }
}

TEST(Shard, SplitDoesNotDependOnTheOrderOfTheInput) {
  const std::vector<Scenario> all = named(37);
  std::mt19937 random(12345);
  for (std::size_t count : {2u, 3u, 5u, 8u, 37u, 40u}) {
    for (int round = 0; round < 20; ++round) {
      std::vector<Scenario> shuffled = all;
      std::shuffle(shuffled.begin(), shuffled.end(), random);
      for (std::size_t index = 0; index < count; ++index) {
        std::vector<std::string> a = names_of(select_shard(all, {.index = index, .count = count}));
        std::vector<std::string> b = names_of(select_shard(shuffled, {.index = index, .count = count}));
        std::sort(a.begin(), a.end());
        std::sort(b.begin(), b.end());
        ASSERT_EQ(a, b) << "shard " << index << " of " << count << ", round " << round;
      }
    }
  }
}

TEST(Shard, KeepsTheInputOrderWithinAShard) {
  std::vector<Scenario> all(4);
  all[0].name = "d";
  all[1].name = "b";
  all[2].name = "c";
  all[3].name = "a";
  // By name: a b c d; shard 1 of 2 holds ranks 0 and 2: a and c, in the input's order.
  EXPECT_EQ(names_of(select_shard(all, {.index = 0, .count = 2})), (std::vector<std::string>{"c", "a"}));
  EXPECT_EQ(names_of(select_shard(all, {.index = 1, .count = 2})), (std::vector<std::string>{"d", "b"}));
}

}  // namespace
}  // namespace bp::harness
