// Fuzz target: the report writer and reader (reports/report_json.h). Any JSON text that reads
// as a Report is written again, parsed back and read again, and both readings write the same
// JSON: write, parse back, equal. (Reports are compared through their JSON because NaN, which
// a report may hold, is not equal to itself.)
#include <cstddef>
#include <cstdint>
#include <string_view>

#include <nlohmann/json.hpp>

#include "reports/report_json.h"
#include "tests/fuzz/fuzz_check.h"

using bp::fuzz::fuzz_require;

namespace {

std::string written(const bp::reports::Report& report) {
  return bp::reports::to_json(report).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using bp::reports::report_from_json;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto document = nlohmann::json::parse(text, nullptr, false);
  if (document.is_discarded()) return 0;
  const auto first = report_from_json(document);
  if (!first) {
    fuzz_require(!first.error.empty(), "a refusal says why");
    return 0;
  }
  const std::string text1 = written(*first.value);
  const auto reparsed = nlohmann::json::parse(text1, nullptr, false);
  fuzz_require(!reparsed.is_discarded(), "a written report is JSON");
  const auto second = report_from_json(reparsed);
  fuzz_require(static_cast<bool>(second), "a written report reads back");
  fuzz_require(written(*second.value) == text1, "a report survives write + read");
  return 0;
}
