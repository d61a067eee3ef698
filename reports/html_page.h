// The HTML report: one self-contained page for a run, for people to look at. Inline CSS and
// inline SVG only: no script, no font, nothing fetched, so the file works as a CI artefact
// opened from disk.
//
// The page, in order: the totals; a summary table with one row per report (verdict, expected,
// pass, peak growth against the bound, slope), each name linking to its section; the leaks
// next to their fixes (reports/leak_fix_pairs.h), each pair's two charts on one heap scale so
// that flat stands beside rising; then one section per report, in the order given
// (reports/html_scenario.h).
//
// Written as polyglot XHTML: every element closed, every attribute quoted, all text escaped by
// reports/xml_escape.h, so that the page is well-formed XML as well as HTML.
#pragma once

#include <span>
#include <string>

#include "reports/report.h"

namespace bp::reports {

std::string html_page(std::span<const Report> reports);

}  // namespace bp::reports
