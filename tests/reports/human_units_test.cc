// Sizes, durations and plain numbers as people read them.
#include "reports/human_units.h"

#include <gtest/gtest.h>

#include <limits>

namespace bp::reports {
namespace {

TEST(HumanUnits, BytesUseBinaryUnits) {
  EXPECT_EQ(format_bytes(0), "0 B");
  EXPECT_EQ(format_bytes(1023), "1023 B");
  EXPECT_EQ(format_bytes(1024), "1 KiB");
  EXPECT_EQ(format_bytes(96 * 1024), "96 KiB");
  EXPECT_EQ(format_bytes(1536), "1.5 KiB");
  EXPECT_EQ(format_bytes(1258291), "1.2 MiB");
  EXPECT_EQ(format_bytes(512ull << 20), "512 MiB");
  EXPECT_EQ(format_bytes(10ull << 30), "10 GiB");
  EXPECT_EQ(format_bytes(std::numeric_limits<std::uint64_t>::max()), "16 EiB");
}

TEST(HumanUnits, BytesRoundingUpMovesToTheNextUnit) {
  EXPECT_EQ(format_bytes(1024 * 1024 - 1), "1 MiB");
  EXPECT_EQ(format_bytes(102350), "100 KiB");  // 99.95 KiB
}

TEST(HumanUnits, SignedBytesAlwaysShowTheSign) {
  EXPECT_EQ(format_signed_bytes(0), "+0 B");
  EXPECT_EQ(format_signed_bytes(1258291), "+1.2 MiB");
  EXPECT_EQ(format_signed_bytes(-512), "-512 B");
  EXPECT_EQ(format_signed_bytes(std::numeric_limits<std::int64_t>::min()), "-8 EiB");
}

TEST(HumanUnits, DurationsPickMillisecondsSecondsMinutesOrHours) {
  EXPECT_EQ(format_duration(0.42), "0.42 ms");
  EXPECT_EQ(format_duration(4.2), "4.2 ms");
  EXPECT_EQ(format_duration(12), "12 ms");
  EXPECT_EQ(format_duration(999.4), "999 ms");
  EXPECT_EQ(format_duration(999.6), "1.0 s");
  EXPECT_EQ(format_duration(12300), "12.3 s");
  EXPECT_EQ(format_duration(125000), "2 min 5 s");
  EXPECT_EQ(format_duration(3720000), "1 h 2 min");
}

TEST(HumanUnits, DurationsThatAreNotTimesShowAQuestionMark) {
  EXPECT_EQ(format_duration(-1), "?");
  EXPECT_EQ(format_duration(std::numeric_limits<double>::quiet_NaN()), "?");
  EXPECT_EQ(format_duration(std::numeric_limits<double>::infinity()), "?");
}

TEST(HumanUnits, NumbersHaveThreeSignificantDigits) {
  EXPECT_EQ(format_number(0.9), "0.9");
  EXPECT_EQ(format_number(0.001234), "0.00123");
  EXPECT_EQ(format_number(1.2e-5), "1.2e-05");
  EXPECT_EQ(format_number(12.8333), "12.8");
  EXPECT_EQ(format_number(std::numeric_limits<double>::quiet_NaN()), "n/a");
  EXPECT_EQ(format_number(-std::numeric_limits<double>::infinity()), "-inf");
}

}  // namespace
}  // namespace bp::reports
