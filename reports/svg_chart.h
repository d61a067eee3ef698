// The memory chart of one scenario, as inline SVG: heap growth (Sample::heap) against input
// bytes (Sample::input_bytes), with the theoretical bound drawn as a shaded band (darker up to
// HeapNumbers::bound, lighter up to bound × tolerance), each stage's buffered bytes as a thinner
// line, and both axes ticked in binary units (reports/byte_axis.h).
//
// Every series is one <polyline> with one point per sample, in sample order: first the heap's,
// class "heap", then each stage's, class "stage" and data-stage="NAME". Series are drawn in
// saturated colours none of which is green, the bound's colour. The plot area is framed by a
// rectangle of class "frame" drawn over the series in kFrameColour, a colour used nowhere else,
// so that a picture of the page shows where each chart is. The SVG is well-formed XML in the
// SVG namespace and needs no stylesheet; every text from the report is escaped.
#pragma once

#include <string>
#include <string_view>

#include "reports/report.h"

namespace bp::reports {

inline constexpr std::string_view kFrameColour = "#8f96a3";

// The heap axis's extent that a chart of `report` needs: its samples (heap and buffered
// bytes) and its bound × tolerance, with 0 always inside.
struct HeapRange {
  double low = 0;
  double high = 0;
};
HeapRange heap_range(const Report& report);

// The chart with a heap axis that covers `range`; pass the union of several reports'
// heap_range() to draw them at one scale.
std::string svg_chart(const Report& report, HeapRange range);
// The chart at its own scale.
std::string svg_chart(const Report& report);

// The chart's key as XHTML: a <ul class="legend"> naming the heap line, the bound band and
// each stage's line in its colour.
std::string chart_legend(const Report& report);

}  // namespace bp::reports
