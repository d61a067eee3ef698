// SEMANTICS.md section 1: high-water mark defaults, option precedence, validation, and
// read(n) raising a Readable's mark. Expected values checked on Node v20.20.2 (TP-T13,
// RB-R18 and a local script).
#include <gtest/gtest.h>

#include <cstddef>
#include <string>

#include "streams/duplex.h"
#include "streams/options.h"
#include "tests/streams/test_streams.h"

namespace bp {
namespace {

using test::LoopIsQuiet;
using test::Opts;
using test::TestDuplex;
using test::TestReadable;
using test::TestTransform;
using test::TestWritable;

TEST(HighWaterMark, NodeV20DefaultsAre16KiBAnd16Objects) {
  EXPECT_EQ(kDefaultHighWaterMark, 16384u);
  EXPECT_EQ(kDefaultObjectHighWaterMark, 16u);
}

TEST(HighWaterMark, ByteModeDefaultIs16384OnEverySide) {
  SimLoop loop;
  TestReadable r(loop);
  TestWritable w(loop);
  TestDuplex d(loop);
  TestTransform t(loop);
  PassThrough p(loop);
  EXPECT_EQ(r.readable_high_water_mark(), 16384u);
  EXPECT_EQ(w.writable_high_water_mark(), 16384u);
  EXPECT_EQ(d.readable_high_water_mark(), 16384u);
  EXPECT_EQ(d.writable_high_water_mark(), 16384u);
  EXPECT_EQ(t.readable_high_water_mark(), 16384u);
  EXPECT_EQ(t.writable_high_water_mark(), 16384u);
  EXPECT_EQ(p.readable_high_water_mark(), 16384u);
  EXPECT_EQ(p.writable_high_water_mark(), 16384u);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(HighWaterMark, ObjectModeDefaultIs16Items) {
  SimLoop loop;
  const StreamOptions obj = Opts().object_mode();
  TestReadable r(loop, obj);
  TestWritable w(loop, obj);
  TestTransform t(loop, obj);
  EXPECT_EQ(r.readable_high_water_mark(), 16u);
  EXPECT_EQ(w.writable_high_water_mark(), 16u);
  EXPECT_EQ(t.readable_high_water_mark(), 16u);
  EXPECT_EQ(t.writable_high_water_mark(), 16u);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(HighWaterMark, SideObjectModeSetsOnlyThatSidesDefault) {
  SimLoop loop;
  TestTransform readable_obj(loop, Opts().readable_object_mode());
  EXPECT_EQ(readable_obj.readable_high_water_mark(), 16u);
  EXPECT_EQ(readable_obj.writable_high_water_mark(), 16384u);
  EXPECT_TRUE(readable_obj.readable_object_mode());
  EXPECT_FALSE(readable_obj.writable_object_mode());
  TestDuplex writable_obj(loop, Opts().writable_object_mode());
  EXPECT_EQ(writable_obj.readable_high_water_mark(), 16384u);
  EXPECT_EQ(writable_obj.writable_high_water_mark(), 16u);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(HighWaterMark, HighWaterMarkOverridesBothSideOptionsOnDuplex) {
  SimLoop loop;
  TestDuplex d(loop, Opts().hwm(5).readable_hwm(100).writable_hwm(200));
  EXPECT_EQ(d.readable_high_water_mark(), 5u);
  EXPECT_EQ(d.writable_high_water_mark(), 5u);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(HighWaterMark, DuplexSideOptionsSetEachSide) {
  SimLoop loop;
  TestDuplex d(loop, Opts().readable_hwm(100).writable_hwm(200));
  EXPECT_EQ(d.readable_high_water_mark(), 100u);
  EXPECT_EQ(d.writable_high_water_mark(), 200u);
  TestDuplex readable_zero(loop, Opts().readable_hwm(0));
  EXPECT_EQ(readable_zero.readable_high_water_mark(), 0u);
  EXPECT_EQ(readable_zero.writable_high_water_mark(), 16384u);  // only a Transform zeroes it
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(HighWaterMark, PlainReadableAndWritableIgnoreSideOptions) {
  SimLoop loop;
  TestReadable r(loop, Opts().readable_hwm(3).readable_object_mode());
  TestWritable w(loop, Opts().writable_hwm(3).writable_object_mode());
  EXPECT_EQ(r.readable_high_water_mark(), 16384u);
  EXPECT_FALSE(r.readable_object_mode());
  EXPECT_EQ(w.writable_high_water_mark(), 16384u);
  EXPECT_FALSE(w.writable_object_mode());
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(HighWaterMark, ZeroIsLegal) {
  SimLoop loop;
  TestReadable r(loop, Opts().hwm(0));
  TestWritable w(loop, Opts().hwm(0));
  EXPECT_EQ(r.readable_high_water_mark(), 0u);
  EXPECT_EQ(w.writable_high_water_mark(), 0u);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(HighWaterMark, NegativeThrowsInvalidArgValueFromTheConstructor) {
  SimLoop loop;
  auto code_of = [](auto make) {
    try {
      make();
    } catch (const ArgumentError& e) {
      return std::string(code_name(e.error().code())) + " " + e.error().message();
    }
    return std::string("no throw");
  };
  EXPECT_EQ(code_of([&] { TestWritable w(loop, Opts().hwm(-1)); }),
            "ERR_INVALID_ARG_VALUE The property 'options.highWaterMark' is invalid. Received -1");
  EXPECT_EQ(code_of([&] { TestReadable r(loop, Opts().hwm(-1)); }),
            "ERR_INVALID_ARG_VALUE The property 'options.highWaterMark' is invalid. Received -1");
  EXPECT_EQ(code_of([&] { TestDuplex d(loop, Opts().readable_hwm(-1)); }),
            "ERR_INVALID_ARG_VALUE The property 'options.readableHighWaterMark' is invalid. "
            "Received -1");
  EXPECT_EQ(code_of([&] { TestDuplex d(loop, Opts().writable_hwm(-1)); }),
            "ERR_INVALID_ARG_VALUE The property 'options.writableHighWaterMark' is invalid. "
            "Received -1");
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(HighWaterMark, TransformWithReadableZeroZeroesWritableUnlessGiven) {
  SimLoop loop;
  TestTransform zero(loop, Opts().readable_hwm(0));
  EXPECT_EQ(zero.readable_high_water_mark(), 0u);
  EXPECT_EQ(zero.writable_high_water_mark(), 0u);
  TestTransform given(loop, Opts().readable_hwm(0).writable_hwm(7));
  EXPECT_EQ(given.readable_high_water_mark(), 0u);
  EXPECT_EQ(given.writable_high_water_mark(), 7u);
  TestTransform both(loop, Opts().hwm(0));
  EXPECT_EQ(both.readable_high_water_mark(), 0u);
  EXPECT_EQ(both.writable_high_water_mark(), 0u);
  TestTransform objects(loop, Opts().readable_hwm(0).object_mode());
  EXPECT_EQ(objects.readable_high_water_mark(), 0u);
  EXPECT_EQ(objects.writable_high_water_mark(), 0u);
  // highWaterMark wins over readableHighWaterMark, so the readable side is not 0.
  TestTransform overridden(loop, Opts().hwm(5).readable_hwm(0));
  EXPECT_EQ(overridden.readable_high_water_mark(), 5u);
  EXPECT_EQ(overridden.writable_high_water_mark(), 5u);
  EXPECT_TRUE(LoopIsQuiet(loop));
}

TEST(HighWaterMark, ReadLargerThanMarkRaisesItToNextPowerOfTwo) {
  struct Case {
    std::size_t n;
    std::size_t hwm_after;
  };
  // Starting from 16; values from Node v20.20.2.
  for (const Case c : {Case{1, 16}, Case{16, 16}, Case{17, 32}, Case{100, 128}, Case{128, 128},
                       Case{129, 256}, Case{16385, 32768}, Case{0x40000000, 0x40000000}}) {
    const std::string ctx = "read(" + std::to_string(c.n) + ")";
    SimLoop loop;
    TestReadable r(loop, Opts().hwm(16));
    EXPECT_TRUE(r.read(c.n).is_null()) << ctx;
    EXPECT_EQ(r.readable_high_water_mark(), c.hwm_after) << ctx;
    EXPECT_EQ(r.read_sizes, std::vector<std::size_t>{c.hwm_after})
        << ctx << ": _read gets the new mark";
    loop.drain_ticks();
    EXPECT_TRUE(LoopIsQuiet(loop)) << ctx;
  }
}

}  // namespace
}  // namespace bp
