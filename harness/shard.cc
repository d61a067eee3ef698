#include "harness/shard.h"

#include <algorithm>
#include <charconv>
#include <numeric>

namespace bp::harness {

namespace {

// A decimal number with no sign, space or anything after it.
std::optional<std::size_t> whole_number(std::string_view text) {
  std::size_t value = 0;
  const char* end = text.data() + text.size();
  if (text.empty() || text.front() < '0' || text.front() > '9') return std::nullopt;
  const auto [last, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || last != end) return std::nullopt;
  return value;
}

}  // namespace

ShardRequest parse_shard_flag(std::string_view text) {
  const std::string expected = "--shard: expected I/N with 1 <= I <= N <= " +
                               std::to_string(kMaxShards) + " (e.g. 2/4), got '" +
                               std::string(text) + "'";
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos) return {.shard = std::nullopt, .error = expected};
  const auto index = whole_number(text.substr(0, slash));
  const auto count = whole_number(text.substr(slash + 1));
  if (!index || !count || *count == 0 || *count > kMaxShards || *index == 0 || *index > *count) {
    return {.shard = std::nullopt, .error = expected};
  }
  return {.shard = Shard{.index = *index - 1, .count = *count}, .error = {}};
}

ShardRequest shard_from_gtest_env(const char* index, const char* total) {
  if (index == nullptr && total == nullptr) return {};
  if (index == nullptr || total == nullptr) {
    return {.shard = std::nullopt,
            .error = std::string(index == nullptr ? "GTEST_TOTAL_SHARDS" : "GTEST_SHARD_INDEX") +
                     " is set but " +
                     (index == nullptr ? "GTEST_SHARD_INDEX" : "GTEST_TOTAL_SHARDS") +
                     " is not; set both or neither"};
  }
  const auto i = whole_number(index);
  const auto n = whole_number(total);
  if (!i || !n || *n == 0 || *n > kMaxShards || *i >= *n) {
    return {.shard = std::nullopt,
            .error = "GTEST_SHARD_INDEX=" + std::string(index) + ", GTEST_TOTAL_SHARDS=" +
                     std::string(total) + ": expected 0 <= index < total <= " +
                     std::to_string(kMaxShards)};
  }
  return {.shard = Shard{.index = *i, .count = *n}, .error = {}};
}

std::vector<Scenario> select_shard(std::vector<Scenario> scenarios, Shard shard) {
  std::vector<std::size_t> by_name(scenarios.size());
  std::iota(by_name.begin(), by_name.end(), std::size_t{0});
  std::sort(by_name.begin(), by_name.end(),
            [&](std::size_t a, std::size_t b) { return scenarios[a].name < scenarios[b].name; });
  std::vector<bool> keep(scenarios.size(), false);
  for (std::size_t rank = shard.index; rank < by_name.size(); rank += shard.count) {
    keep[by_name[rank]] = true;
  }
  std::vector<Scenario> selected;
  for (std::size_t i = 0; i < scenarios.size(); ++i) {
    if (keep[i]) selected.push_back(std::move(scenarios[i]));
  }
  return selected;
}

}  // namespace bp::harness
