// Fuzz target: the unit parsers (harness/units.h). Each either fails with a message or gives
// a value within its absurdity limit whose exact file form parses back to the same value;
// the formatters for people accept every value.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "harness/units.h"
#include "reports/human_units.h"
#include "tests/fuzz/fuzz_check.h"

namespace {

using bp::fuzz::fuzz_require;
using namespace bp::harness;

// One parser's invariants: `parse` read `text`; `in_range` holds for every value it accepts,
// and `exact` (the file form) parses back to the same value, which `human` can write.
template <typename T, typename Parse, typename Exact, typename Human, typename InRange>
void check(std::string_view text, Parse parse, Exact exact, Human human, InRange in_range) {
  const Parsed<T> parsed = parse(text);
  if (!parsed.ok()) {
    fuzz_require(!parsed.error().empty(), "a refusal says why");
    return;
  }
  fuzz_require(in_range(parsed.value()), "a value within its limits");
  const Parsed<T> back = parse(exact(parsed.value()));
  fuzz_require(back.ok() && back.value() == parsed.value(), "the exact form round-trips");
  fuzz_require(!human(parsed.value()).empty(), "the human form writes something");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  check<std::uint64_t>(text, parse_size, size_text, bp::reports::format_bytes,
                       [](std::uint64_t v) { return v <= kMaxBytes; });
  check<double>(text, parse_rate, rate_text, format_rate,
                [](double v) { return v >= 0 && (v <= kMaxRate || v == kUnlimited); });
  check<std::chrono::nanoseconds>(text, parse_duration, duration_text, format_duration,
                                  [](std::chrono::nanoseconds v) { return v.count() >= 0 && v <= kMaxDuration; });
  return 0;
}
