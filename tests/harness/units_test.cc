#include "harness/units.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>

namespace bp::harness {
namespace {

using namespace std::chrono_literals;

TEST(Units, ParsesBinaryAndDecimalSizes) {
  EXPECT_EQ(parse_size("512B").value(), 512u);
  EXPECT_EQ(parse_size("64KiB").value(), 65536u);
  EXPECT_EQ(parse_size("1MiB").value(), 1048576u);
  EXPECT_EQ(parse_size("1GiB").value(), 1073741824u);
  EXPECT_EQ(parse_size("1KB").value(), 1000u);
  EXPECT_EQ(parse_size("1GB").value(), 1000000000u);
  EXPECT_EQ(parse_size("2TB").value(), 2000000000000u);
  EXPECT_EQ(parse_size("1PiB").value(), std::uint64_t{1} << 50);
}

TEST(Units, SizeWithoutUnitIsBytes) {
  EXPECT_EQ(parse_size("1024").value(), 1024u);
  EXPECT_EQ(parse_size("0").value(), 0u);
}

TEST(Units, AcceptsOneSpaceBeforeTheUnit) {
  EXPECT_EQ(parse_size("1.5 KiB").value(), 1536u);
  EXPECT_FALSE(parse_size("1.5  KiB").ok());
  EXPECT_FALSE(parse_size("1024 ").ok());
  EXPECT_FALSE(parse_size(" 1KiB").ok());
}

TEST(Units, AcceptsFractionalSizesThatAreWholeBytes) {
  EXPECT_EQ(parse_size("1.5MiB").value(), 1572864u);
  EXPECT_EQ(parse_size("0.5KiB").value(), 512u);
  EXPECT_EQ(parse_size("1.25KB").value(), 1250u);
  EXPECT_EQ(parse_size("2.000B").value(), 2u);
}

TEST(Units, RefusesSizesThatAreNotWholeBytes) {
  const auto parsed = parse_size("1.5B");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error(), "\"1.5B\" is not a whole number of bytes");
  EXPECT_FALSE(parse_size("0.0001KB").ok());
  EXPECT_FALSE(parse_size("1.1KiB").ok());  // 1126.4 bytes
}

TEST(Units, RefusesNegativeSizes) {
  const auto parsed = parse_size("-1MiB");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error(), "sizes cannot be negative (got \"-1MiB\")");
}

TEST(Units, RefusesAbsurdSizes) {
  EXPECT_TRUE(parse_size("1024TiB").ok());
  const auto parsed = parse_size("1025TiB");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error(), "\"1025TiB\" is absurdly large: sizes are limited to 1PiB");
  EXPECT_FALSE(parse_size("2PiB").ok());
  EXPECT_FALSE(parse_size("99999999999999999999999999").ok());
  EXPECT_FALSE(parse_size("1.00000000000000000000000001KiB").ok());
}

TEST(Units, RefusesNonNumbersWithAnExample) {
  for (const char* text : {"", "abc", "nan", "NaN", "inf", ".5KiB", "1.KiB", "+1KiB", "1e6"}) {
    const auto parsed = parse_size(text);
    EXPECT_FALSE(parsed.ok()) << text;
  }
  EXPECT_EQ(parse_size("abc").error(),
            "expected a size such as \"64KiB\", \"1.5MiB\" or \"1GB\", got \"abc\"");
  EXPECT_EQ(parse_size("").error(),
            "expected a size such as \"64KiB\", \"1.5MiB\" or \"1GB\", got an empty string");
}

TEST(Units, SuggestsTheUnitForAMisspeltOne) {
  const auto parsed = parse_size("64kib");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error(),
            "unknown size unit 'kib'; expected one of B, KB, MB, GB, TB, PB, KiB, MiB, GiB, TiB, PiB");
  EXPECT_EQ(parsed.suggestion(), "KiB");
  EXPECT_EQ(parse_size("1Mib").suggestion(), "MiB");
  EXPECT_EQ(parse_size("3 bytes").suggestion(), "");
}

TEST(Units, ParsesRates) {
  EXPECT_EQ(parse_rate("64MiB/s").value(), 64.0 * 1024 * 1024);
  EXPECT_EQ(parse_rate("1GB/s").value(), 1e9);
  EXPECT_EQ(parse_rate("100/s").value(), 100.0);
  EXPECT_EQ(parse_rate("1.5 KiB/s").value(), 1536.0);
  EXPECT_EQ(parse_rate("0.5B/s").value(), 0.5);  // rates need not be whole
  EXPECT_EQ(parse_rate("0B/s").value(), 0.0);
  EXPECT_TRUE(std::isinf(parse_rate("unlimited").value()));
}

TEST(Units, RefusesRatesWithoutPerSecond) {
  const auto parsed = parse_rate("64MiB");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(
      parsed.error(),
      "expected a rate such as \"64MiB/s\" or \"unlimited\", got \"64MiB\" (a rate is a size per second: add \"/s\")");
  EXPECT_FALSE(parse_rate("64MiB/sec").ok());
  EXPECT_FALSE(parse_rate("/s").ok());
  EXPECT_FALSE(parse_rate("Unlimited").ok());
}

TEST(Units, RefusesNegativeAndAbsurdRates) {
  EXPECT_EQ(parse_rate("-1MiB/s").error(), "rates cannot be negative (got \"-1MiB/s\")");
  EXPECT_TRUE(parse_rate("1PiB/s").ok());
  EXPECT_FALSE(parse_rate("2PiB/s").ok());
  EXPECT_FALSE(parse_rate("99999999999999999999999/s").ok());
  EXPECT_EQ(parse_rate("1mib/s").suggestion(), "MiB");
}

TEST(Units, ParsesDurations) {
  EXPECT_EQ(parse_duration("250ms").value(), 250ms);
  EXPECT_EQ(parse_duration("2s").value(), 2s);
  EXPECT_EQ(parse_duration("1.5s").value(), 1500ms);
  EXPECT_EQ(parse_duration("100us").value(), 100us);
  EXPECT_EQ(parse_duration("100µs").value(), 100us);
  EXPECT_EQ(parse_duration("2ns").value(), 2ns);
  EXPECT_EQ(parse_duration("1m").value(), 1min);
  EXPECT_EQ(parse_duration("1.5 min").value(), 90s);
  EXPECT_EQ(parse_duration("2h").value(), 2h);
  EXPECT_EQ(parse_duration("0s").value(), 0s);
}

TEST(Units, RefusesDurationsWithoutUnit) {
  const auto parsed = parse_duration("250");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.error(), "a duration needs a unit: write \"250ms\" or \"250s\", not \"250\"");
}

TEST(Units, RefusesBadDurations) {
  EXPECT_EQ(parse_duration("0.5ns").error(), "\"0.5ns\" is not a whole number of nanoseconds");
  EXPECT_EQ(parse_duration("-1s").error(), "durations cannot be negative (got \"-1s\")");
  EXPECT_EQ(parse_duration("366d").error(),
            "unknown duration unit 'd'; expected one of ns, us, µs, ms, s, m, min, h");
  EXPECT_EQ(parse_duration("9000h").error(), "\"9000h\" is absurdly long: durations are limited to 365 days");
  EXPECT_TRUE(parse_duration("8760h").ok());
  EXPECT_EQ(parse_duration("10sec").suggestion(), "");
  EXPECT_EQ(parse_duration("10mss").suggestion(), "ms");
}

TEST(Units, FormatsRatesForPeople) {
  EXPECT_EQ(format_rate(kUnlimited), "unlimited");
  EXPECT_EQ(format_rate(64.0 * 1024 * 1024), "64 MiB/s");
  EXPECT_EQ(format_rate(0.5), "0.5 B/s");
}

TEST(Units, FormatsDurationsForPeople) {
  EXPECT_EQ(format_duration(0ns), "0 s");
  EXPECT_EQ(format_duration(2ns), "2 ns");
  EXPECT_EQ(format_duration(100us), "100 us");
  EXPECT_EQ(format_duration(250ms), "250 ms");
  EXPECT_EQ(format_duration(1500ms), "1.5 s");
  EXPECT_EQ(format_duration(90s), "1.5 min");
  EXPECT_EQ(format_duration(3h), "3 h");
  EXPECT_EQ(format_duration(-250ms), "-250 ms");
}

TEST(Units, ExactTextUsesTheLargestUnitThatDivides) {
  EXPECT_EQ(size_text(0), "0B");
  EXPECT_EQ(size_text(65536), "64KiB");
  EXPECT_EQ(size_text(1000000000), "1GB");
  EXPECT_EQ(size_text(1500), "1500B");
  EXPECT_EQ(size_text(1536), "1536B");
  EXPECT_EQ(size_text(std::uint64_t{3} << 20), "3MiB");
  EXPECT_EQ(duration_text(250ms), "250ms");
  EXPECT_EQ(duration_text(90s), "90s");
  EXPECT_EQ(duration_text(2min), "2m");
  EXPECT_EQ(duration_text(1500us), "1500us");
  EXPECT_EQ(duration_text(7ns), "7ns");
  EXPECT_EQ(rate_text(kUnlimited), "unlimited");
  EXPECT_EQ(rate_text(64.0 * 1024 * 1024), "64MiB/s");
  EXPECT_EQ(rate_text(0.5), "0.5B/s");
}

TEST(Units, ExactTextParsesBackToTheSameValue) {
  for (std::uint64_t bytes : {std::uint64_t{0}, std::uint64_t{1}, std::uint64_t{1000}, std::uint64_t{1024},
                              std::uint64_t{123456789}, std::uint64_t{1} << 50, std::uint64_t{3} << 20}) {
    EXPECT_EQ(parse_size(size_text(bytes)).value(), bytes) << size_text(bytes);
  }
  for (double rate : {0.0, 0.1, 1.0, 1536.0, 1e9, 123.456, 1.0 / 3.0}) {
    EXPECT_EQ(parse_rate(rate_text(rate)).value(), rate) << rate_text(rate);
  }
  for (std::chrono::nanoseconds duration :
       std::initializer_list<std::chrono::nanoseconds>{0ns, 1ns, 1001ns, 1500ms, 60s, 2h, 8760h}) {
    EXPECT_EQ(parse_duration(duration_text(duration)).value(), duration) << duration_text(duration);
  }
}

}  // namespace
}  // namespace bp::harness
