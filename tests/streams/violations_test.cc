// Backpressure violations: every write() made while a 'drain' is owed is counted against the
// caller's source location; a writer that waits for 'drain' makes none.
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "tests/streams/test_streams.h"

namespace bp {
namespace {

using test::bytes;
using test::LoopIsQuiet;
using test::Opts;
using test::TestReadable;
using test::TestWritable;
using WriteMode = TestWritable::WriteMode;

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

TEST(Violations, WriteWhileADrainIsOwedIsCountedAtTheCallersLine) {
  SimLoop loop;
  TestWritable w(loop, Opts().hwm(2));
  EXPECT_FALSE(w.write(bytes(2)));
  EXPECT_TRUE(w.violations().empty()) << "the write that returned false is not a violation";
  const std::uint32_t line = __LINE__ + 1;
  w.write(bytes(1));
  ASSERT_EQ(w.violations().size(), 1u);
  const Violation& v = w.violations().front();
  EXPECT_EQ(v.line, line);
  EXPECT_TRUE(ends_with(v.file, "violations_test.cc")) << v.file;
  EXPECT_NE(v.function.find("TestBody"), std::string::npos) << v.function;
  EXPECT_EQ(v.count, 1u);
  EXPECT_EQ(w.violation_count(), 1u);
  while (w.held() > 0) w.complete();
  loop.drain_ticks();
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Violations, RepeatedWritesFromOneLineAreOneEntryWithACount) {
  SimLoop loop;
  TestWritable w(loop, Opts().hwm(1));
  for (int i = 0; i < 5; ++i) w.write(bytes(1));  // the first sets the drain, four violate
  const std::uint32_t line = __LINE__ - 1;
  ASSERT_EQ(w.violations().size(), 1u);
  EXPECT_EQ(w.violations().front().line, line);
  EXPECT_EQ(w.violations().front().count, 4u);
  EXPECT_EQ(w.violation_count(), 4u);
  while (w.held() > 0) w.complete();
  loop.drain_ticks();
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Violations, EachOffendingLineHasItsOwnEntry) {
  SimLoop loop;
  TestWritable w(loop, Opts().hwm(1));
  w.write(bytes(1));
  const std::uint32_t first = __LINE__ + 1;
  w.write(bytes(1));
  const std::uint32_t second = __LINE__ + 1;
  w.write(bytes(1));
  w.write(bytes(1));  // the next line: a third entry
  ASSERT_EQ(w.violations().size(), 3u);
  EXPECT_EQ(w.violations()[0].line, first);
  EXPECT_EQ(w.violations()[1].line, second);
  EXPECT_EQ(w.violations()[2].line, second + 1);
  EXPECT_EQ(w.violation_count(), 3u);
  while (w.held() > 0) w.complete();
  loop.drain_ticks();
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Violations, AWriteThatReturnsTrueWhileTheDrainIsStillOwedCounts) {
  // WB-A13: the return value says "go on", but the drain of the episode has not come yet.
  SimLoop loop;
  TestWritable w(loop, Opts().hwm(10));
  w.write(bytes(6));
  EXPECT_FALSE(w.write(bytes(6)));
  w.complete();
  EXPECT_TRUE(w.write(bytes(1)));
  EXPECT_EQ(w.violation_count(), 1u);
  while (w.held() > 0) w.complete();
  loop.drain_ticks();
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Violations, AwaitingDrainGivesZeroViolations) {
  for (const std::int64_t hwm : {1, 7, 64}) {
    const std::string ctx = "HWM " + std::to_string(hwm);
    SimLoop loop;
    TestWritable w(loop, Opts().hwm(hwm));
    int sent = 0;
    std::function<void()> produce = [&] {
      while (sent < 100) {
        ++sent;
        if (!w.write(bytes(3))) return;  // wait for 'drain'
      }
      w.end();
    };
    w.on(Event::Drain, [&](const EventArg&) { produce(); });
    produce();
    while (w.held() > 0) {
      w.complete();
      loop.drain_ticks();
    }
    EXPECT_EQ(sent, 100) << ctx;
    EXPECT_GT(w.drain_count(), 0u) << ctx;
    EXPECT_TRUE(w.violations().empty()) << ctx;
    EXPECT_EQ(w.violation_count(), 0u) << ctx;
    EXPECT_TRUE(w.writable_finished()) << ctx;
    EXPECT_TRUE(LoopIsQuiet(loop)) << ctx;
  }
}

TEST(Violations, NoDrainIsOwedOnceEndedOrDestroyed) {
  SimLoop loop;
  TestWritable ended(loop, Opts().hwm(1));
  ended.on(Event::Error, [](const EventArg&) {});
  ended.write(bytes(1));
  ended.end();
  ended.write(bytes(1));  // write after end: an error, not a backpressure violation
  EXPECT_EQ(ended.violation_count(), 0u);
  TestWritable destroyed(loop, Opts().hwm(1));
  destroyed.write(bytes(1));
  destroyed.destroy();
  destroyed.write(bytes(1));
  EXPECT_EQ(destroyed.violation_count(), 0u);
  loop.drain_ticks();
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Violations, EndWithAChunkWhileADrainIsOwedCountsAtTheEndCall) {
  SimLoop loop;
  TestWritable w(loop, Opts().hwm(1));
  w.write(bytes(1));
  const std::uint32_t line = __LINE__ + 1;
  w.end(bytes(1));
  ASSERT_EQ(w.violations().size(), 1u);
  EXPECT_EQ(w.violations().front().line, line);
  while (w.held() > 0) w.complete();
  loop.drain_ticks();
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(Violations, PipeRespectsBackpressure) {
  SimLoop loop;
  TestReadable src(loop, Opts().hwm(2).object_mode());
  src.serve(50);
  TestWritable dst(loop, Opts().hwm(2).object_mode());
  src.pipe(dst);
  loop.drain_ticks();
  while (dst.held() > 0) {
    dst.complete();
    loop.drain_ticks();
  }
  EXPECT_EQ(dst.write_calls, 50);
  EXPECT_GT(dst.drain_count(), 0u);
  EXPECT_EQ(dst.violation_count(), 0u);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

}  // namespace
}  // namespace bp
