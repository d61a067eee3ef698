// check_expectations: holds a finished report against what its scenario expected (the verdict,
// maxPeak, maxSlope; after an error, that cleanup returned the heap), and fills in
// Report::failures and Report::pass.
#pragma once

#include "harness/scenario.h"
#include "reports/report.h"

namespace bp::harness {

void check_expectations(reports::Report& r, const Expectation& expect);

}  // namespace bp::harness
