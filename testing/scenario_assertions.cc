#include "testing/scenario_assertions.h"

#include <exception>
#include <string>

#include "reports/verdict_text.h"

namespace bp::testing {

namespace {

// Runs `file`; succeeds when its verdict is `wanted`, or, with `wanted` empty, when it met
// its own expectations.
::testing::AssertionResult check(const std::filesystem::path& file, const RunOptions& options,
                                 const std::string& wanted) {
  harness::ScenarioFileRun run;
  try {
    run = harness::run_scenario_file(file, options);
  } catch (const std::exception& e) {
    return ::testing::AssertionFailure() << file.string() << ": cannot run: " << e.what();
  }
  if (!run.diagnostics.empty()) {
    auto failure = ::testing::AssertionFailure();
    failure << file.string() << " is not a valid scenario:";
    for (const auto& d : run.diagnostics) failure << "\n  " << d.to_string();
    return failure;
  }
  if (!run.report) return ::testing::AssertionFailure() << file.string() << ": the run was interrupted";

  const reports::Report& r = *run.report;
  const bool ok = wanted.empty() ? r.pass : r.verdict == wanted;
  auto result = ok ? ::testing::AssertionSuccess() : ::testing::AssertionFailure();
  result << "scenario " << r.name << " (" << file.string() << "): ";
  if (wanted.empty()) {
    result << (r.pass ? "met its expectations, " : "did not meet its expectations, ")
           << reports::verdict_message(r);
  } else {
    result << "wanted " << wanted << ", got " << r.verdict << ": "
           << reports::heap_text(r, ", ");
  }
  for (const std::string& line : reports::failure_details(r)) result << "\n  " << line;
  return result;
}

}  // namespace

::testing::AssertionResult StaysBounded(const std::filesystem::path& file, const RunOptions& options) {
  return check(file, options, "bounded");
}

::testing::AssertionResult Grows(const std::filesystem::path& file, const RunOptions& options) {
  return check(file, options, "grows");
}

::testing::AssertionResult MeetsExpectation(const std::filesystem::path& file, const RunOptions& options) {
  return check(file, options, "");
}

}  // namespace bp::testing
