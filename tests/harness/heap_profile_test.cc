// HeapProfile: jemalloc's sampled profile, read back and named — the function that allocated
// what is still live comes first, with about the bytes it holds; without jemalloc, nothing.
#include "harness/heap_profile.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <vector>

namespace bp::harness {
namespace {

// Allocates `count` blocks of `size` bytes, out of line so that it is a frame of its own.
[[gnu::noinline]] std::vector<void*> hold_blocks(std::size_t count, std::size_t size) {
  std::vector<void*> blocks;
  blocks.reserve(count);
  for (std::size_t i = 0; i < count; ++i) blocks.push_back(std::malloc(size));
  return blocks;
}

// A profile that samples, for the tests that need one; skipped where jemalloc cannot profile.
class SampledHeapProfile : public ::testing::Test {
 protected:
  void SetUp() override {
    profile.start();
    if (!profile.active()) GTEST_SKIP() << "jemalloc cannot profile in this build";
  }
  HeapProfile profile;
};

TEST_F(SampledHeapProfile, NamesTheFunctionThatAllocatedWhatIsLive) {
  std::vector<void*> blocks = hold_blocks(1024, 64 * 1024);  // 64 MiB
  profile.capture(1);
  const std::vector<reports::AllocationSite> sites = profile.sites(5);
  for (void* b : blocks) std::free(b);

  ASSERT_FALSE(sites.empty());
  EXPECT_NE(sites.front().function.find("hold_blocks"), std::string::npos) << sites.front().function;
  // About one 64 KiB block in eight is sampled (one sample per 512 KiB on average), about 120
  // of them, then scaled up: 64 MiB give or take the sampling's spread, a standard deviation
  // of about 9%. The bounds are six of those away; the unscaled 8 MiB would fail them.
  EXPECT_GT(sites.front().bytes, 32u << 20);
  EXPECT_LT(sites.front().bytes, 128u << 20);
  EXPECT_GT(sites.front().share, 0.9);
  for (std::size_t i = 1; i < sites.size(); ++i) EXPECT_LE(sites[i].bytes, sites[i - 1].bytes);
}

TEST(HeapProfile, NamesNothingBeforeACaptureNorCapturesBeforeAStart) {
  HeapProfile profile;
  std::vector<void*> blocks = hold_blocks(64, 64 * 1024);
  EXPECT_TRUE(profile.sites(5).empty());
  profile.capture(1);
  EXPECT_FALSE(profile.captured());
  EXPECT_TRUE(profile.sites(5).empty());
  for (void* b : blocks) std::free(b);
}

TEST_F(SampledHeapProfile, DumpsAgainOnlyWhenTheGrowthHasDoubled) {
  std::vector<void*> first = hold_blocks(256, 64 * 1024);  // 16 MiB
  profile.capture(100);
  std::vector<void*> more = hold_blocks(768, 64 * 1024);  // 48 MiB more
  profile.capture(199);  // less than twice the last: the first dump stands
  const auto before = profile.sites(1);
  profile.capture(200);  // twice: dumped again, and sees all 64 MiB
  const auto after = profile.sites(1);
  for (void* b : first) std::free(b);
  for (void* b : more) std::free(b);
  ASSERT_FALSE(before.empty());
  ASSERT_FALSE(after.empty());
  EXPECT_LT(before.front().bytes, 32u << 20);  // 16 MiB, estimated
  EXPECT_GT(after.front().bytes, 32u << 20);   // 64 MiB, estimated
}

}  // namespace
}  // namespace bp::harness
