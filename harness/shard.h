// Sharding: which part of a run one CI job takes, so that N jobs together run every scenario
// exactly once.
//
// The split depends only on the set of scenario names, never on the order files were named
// in: the names are sorted (by bytes), and the k-th name in that order (0-based) goes to shard
// k mod N. Shards therefore differ in size by at most one, and a shard may be empty when there
// are fewer scenarios than shards. Scenario names are unique within a run (the loader refuses
// duplicates), so each scenario has one place in the order.
//
// Two ways to ask for a shard, and two numberings:
//   --shard I/N                 1-based, 1 <= I <= N, as GitLab's CI_NODE_INDEX/CI_NODE_TOTAL
//                               and a matrix listing 1..N give it;
//   GTEST_SHARD_INDEX=I, GTEST_TOTAL_SHARDS=N
//                               0-based, 0 <= I < N, as GoogleTest defines them (used only when
//                               --shard is absent; both must be set, or neither).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "harness/scenario.h"

namespace bp::harness {

inline constexpr std::size_t kMaxShards = 10000;

struct Shard {
  std::size_t index = 0;  // 0-based, below count
  std::size_t count = 1;

  friend bool operator==(const Shard&, const Shard&) = default;
};

// A shard, no shard (nothing asked for), or why the request is invalid.
struct ShardRequest {
  std::optional<Shard> shard;
  std::string error;  // empty when valid; otherwise one line naming the flag or variable
};

// The value of --shard ("2/4" is the second of four), 1-based as above.
ShardRequest parse_shard_flag(std::string_view text);

// GoogleTest's variables; nullptr means unset. Neither set: no shard.
ShardRequest shard_from_gtest_env(const char* index, const char* total);

// The scenarios of `shard`, in their original order.
std::vector<Scenario> select_shard(std::vector<Scenario> scenarios, Shard shard);

}  // namespace bp::harness
