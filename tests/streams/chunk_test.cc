// Chunk: shared, refcounted bytes. Copies and slices share one allocation, and a chunk
// crosses a PassThrough pipeline without being copied: the sink receives the very buffers
// the source pushed. Allocations are counted by replacing the global operator new for this
// test binary (counting only inside an AllocationCounter's scope).
#include "streams/chunk.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <new>
#include <stdexcept>
#include <string>
#include <vector>

#include "streams/pipeline.h"
#include "tests/streams/test_streams.h"

namespace {

std::atomic<bool> g_counting{false};
std::atomic<std::size_t> g_allocations{0};
std::atomic<std::size_t> g_deallocations{0};
std::atomic<std::size_t> g_large_allocations{0};
constexpr std::size_t kLarge = 64 * 1024;

}  // namespace

void* operator new(std::size_t size) {
  if (g_counting.load(std::memory_order_relaxed)) {
    ++g_allocations;
    if (size >= kLarge) ++g_large_allocations;
  }
  if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
  throw std::bad_alloc();
}

void operator delete(void* p) noexcept {
  if (p && g_counting.load(std::memory_order_relaxed)) ++g_deallocations;
  std::free(p);
}

void operator delete(void* p, std::size_t) noexcept { operator delete(p); }

namespace bp {
namespace {

using test::LoopIsQuiet;
using test::Opts;
using test::TestReadable;
using test::TestWritable;

// Counts global allocations made while it is alive.
class AllocationCounter {
 public:
  AllocationCounter() {
    g_allocations = 0;
    g_deallocations = 0;
    g_large_allocations = 0;
    g_counting = true;
  }
  ~AllocationCounter() { g_counting = false; }
  AllocationCounter(const AllocationCounter&) = delete;
  AllocationCounter& operator=(const AllocationCounter&) = delete;

  std::size_t allocations() const { return g_allocations; }
  std::size_t deallocations() const { return g_deallocations; }
  std::size_t large_allocations() const { return g_large_allocations; }
};

TEST(Chunk, DefaultChunkIsNull) {
  const Chunk c;
  EXPECT_TRUE(c.is_null());
  EXPECT_FALSE(c);
  EXPECT_EQ(c.size(), 0u);
  EXPECT_EQ(c.data(), nullptr);
  EXPECT_EQ(c.identity(), nullptr);
  EXPECT_FALSE(Chunk::allocate(0).is_null()) << "an empty buffer is not null";
}

TEST(Chunk, CopiesShareTheBytes) {
  Chunk a = Chunk::zeros(16);
  const Chunk b = a;  // NOLINT(performance-unnecessary-copy-initialization)
  EXPECT_EQ(b.identity(), a.identity());
  EXPECT_EQ(b.data(), a.data());
  a.data()[3] = std::byte{7};
  EXPECT_EQ(b.data()[3], std::byte{7}) << "one buffer, seen through both";
  Chunk c;
  c = b;
  EXPECT_EQ(c.data(), a.data());
}

TEST(Chunk, MoveLeavesTheSourceNull) {
  Chunk a = Chunk::zeros(8);
  const void* id = a.identity();
  Chunk b = std::move(a);
  EXPECT_EQ(b.identity(), id);
  EXPECT_TRUE(
      a.is_null());         // NOLINT(bugprone-use-after-move): the moved-from state is the contract
  EXPECT_EQ(a.size(), 0u);  // NOLINT(bugprone-use-after-move)
}

TEST(Chunk, SlicesShareTheBufferAtAnOffset) {
  Chunk a = Chunk::allocate(32);
  for (std::size_t i = 0; i < 32; ++i) a.data()[i] = static_cast<std::byte>(i);
  const Chunk s = a.slice(4, 8);
  EXPECT_EQ(s.identity(), a.identity());
  EXPECT_EQ(s.data(), a.data() + 4);
  EXPECT_EQ(s.size(), 8u);
  const Chunk ss = s.slice(2, 3);
  EXPECT_EQ(ss.data(), a.data() + 6) << "offsets add up";
  EXPECT_EQ(ss.data()[0], std::byte{6});
  EXPECT_EQ(ss.identity(), a.identity());
}

TEST(Chunk, CopyOfMakesANewBuffer) {
  const Chunk a = Chunk::zeros(4);
  const Chunk b = Chunk::copy_of(a.bytes());
  EXPECT_NE(b.identity(), a.identity());
  EXPECT_EQ(std::memcmp(a.data(), b.data(), 4), 0);
}

TEST(Chunk, StringsCountUtf16UnitsAndConvertWithoutCopying) {
  struct Case {
    std::string text;
    std::size_t units;
  };
  for (const Case& c :
       {Case{"", 0}, Case{"abc", 3}, Case{"€€", 2}, Case{"\xF0\x9F\x98\x80", 2}, Case{"é", 1}}) {
    const std::string ctx = "'" + c.text + "'";
    const Chunk s = Chunk::from_string(c.text);
    EXPECT_TRUE(s.is_string()) << ctx;
    EXPECT_EQ(s.size(), c.text.size()) << ctx;
    EXPECT_EQ(s.utf16_length(), c.units) << ctx;
    EXPECT_EQ(s.view(), c.text) << ctx;
    const Chunk b = s.as_bytes();
    EXPECT_FALSE(b.is_string()) << ctx;
    EXPECT_EQ(b.identity(), s.identity()) << ctx;
  }
}

TEST(Chunk, StringSlicesKeepTheirOffsetAndTheStringMark) {
  const Chunk s = Chunk::from_string("hello world").slice(6, 5);
  EXPECT_TRUE(s.is_string());
  EXPECT_EQ(s.view(), "world");
  const Chunk b = s.as_bytes();
  EXPECT_FALSE(b.is_string());
  EXPECT_EQ(b.view(), "world") << "unmarking keeps the offset";
  EXPECT_EQ(b.slice(1, 3).view(), "orl");
}

TEST(Chunk, AllocatingMoreThanTheLargestChunkThrows) {
  EXPECT_THROW(Chunk::allocate(Chunk::kMaxSize + 1), std::length_error);
  EXPECT_THROW(Chunk::allocate(std::size_t{1} << 40), std::length_error);
}

TEST(Chunk, ObjectCarriesItsInteger) {
  EXPECT_EQ(Chunk::object(42).as_int(), 42);
  EXPECT_EQ(Chunk::object(-7).as_int(), -7);
  EXPECT_EQ(Chunk::zeros(2).as_int(), 0) << "too small to hold one";
}

TEST(Chunk, FootprintIsTheBytesPlusAFixedHeader) {
  const std::size_t header = Chunk::footprint(0);
  EXPECT_GT(header, 0u);
  for (const std::size_t n : {std::size_t{1}, std::size_t{100}, std::size_t{1} << 20}) {
    EXPECT_EQ(Chunk::footprint(n), header + n) << "size " << n;
  }
}

TEST(Chunk, OneAllocationSharedByCopiesAndSlicesFreedWithTheLastReference) {
  AllocationCounter counter;
  {
    Chunk a = Chunk::allocate(100);
    Chunk b = a;
    Chunk s = a.slice(10, 20);
    Chunk m = std::move(b);
    Chunk t = s.as_bytes();
    EXPECT_EQ(counter.allocations(), 1u);
    a = Chunk{};
    m = Chunk{};
    EXPECT_EQ(counter.deallocations(), 0u) << "the slices still hold it";
  }
  EXPECT_EQ(counter.allocations(), 1u);
  EXPECT_EQ(counter.deallocations(), 1u);
}

TEST(Chunk, NoCopiesThroughAPassThroughPipeline) {
  for (const std::size_t size : {std::size_t{100}, kLarge, 4 * kLarge}) {
    const std::string ctx = "chunks of " + std::to_string(size) + " bytes";
    constexpr int kChunks = 8;
    SimLoop loop;
    std::vector<Chunk> sent;
    for (int i = 0; i < kChunks; ++i) sent.push_back(Chunk::zeros(size));
    TestReadable src(loop);
    src.on_read = [&sent, next = 0](TestReadable& r, std::size_t) mutable {
      if (next == kChunks) {
        r.push_eof();
      } else {
        r.push(sent[static_cast<std::size_t>(next++)]);
      }
    };
    PassThrough p1(loop);
    PassThrough p2(loop);
    TestWritable sink(loop);
    sink.write_mode = TestWritable::WriteMode::Sync;
    test::CallCount done;
    {
      AllocationCounter counter;
      pipeline(std::vector<Stream*>{&src, &p1, &p2, &sink}, done.fn());
      loop.drain_ticks();
      EXPECT_EQ(counter.large_allocations(), 0u) << ctx << ": no buffer-sized allocation";
    }
    EXPECT_EQ(done.calls, 1) << ctx;
    EXPECT_FALSE(done.error) << ctx;
    ASSERT_EQ(sink.written.size(), sent.size()) << ctx;
    for (std::size_t i = 0; i < sent.size(); ++i) {
      EXPECT_EQ(sink.written[i].identity(), sent[i].identity()) << ctx << ", chunk " << i;
      EXPECT_EQ(sink.written[i].data(), sent[i].data()) << ctx << ", chunk " << i;
      EXPECT_EQ(sink.written[i].size(), size) << ctx << ", chunk " << i;
    }
    EXPECT_TRUE(LoopIsQuiet(loop)) << ctx;
  }
}

}  // namespace
}  // namespace bp
