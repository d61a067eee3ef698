// The SVG chart: well-formed for a strict XML parser, one point per sample in every series,
// every point inside the plot's frame, the leak rising and the fix flat, names escaped.
#include "reports/svg_chart.h"

#include <gtest/gtest.h>

#include <sstream>

#include "tests/reports/chart_reports.h"
#include "tests/reports/libxml2_reader.h"
#include "tests/reports/report_fixtures.h"

namespace bp::reports {
namespace {

using testing::chart_report;
using testing::descendants;
using testing::parse_xml_strictly;
using testing::XmlElement;

struct Point {
  double x = 0;
  double y = 0;
};

std::vector<Point> points(const XmlElement& polyline) {
  std::vector<Point> out;
  std::istringstream in(polyline.attribute("points").value_or(""));
  Point p;
  char comma = 0;
  while (in >> p.x >> comma >> p.y) {
    EXPECT_EQ(comma, ',');
    out.push_back(p);
  }
  return out;
}

XmlElement parsed(const std::string& svg) {
  std::string error;
  std::optional<XmlElement> root = parse_xml_strictly(svg, error);
  EXPECT_TRUE(root.has_value()) << error << "\n" << svg.substr(0, 2000);
  return root.value_or(XmlElement{});
}

const XmlElement* first(const XmlElement& root, std::string_view name, std::string_view cls) {
  const auto found = descendants(root, name, cls);
  return found.empty() ? nullptr : found.front();
}

TEST(SvgChart, IsWellFormedSvg) {
  for (const Report& report : {chart_report("leak", 200, true), chart_report("fix", 3, false),
                               chart_report("empty", 0, false), testing::full_report(),
                               testing::passing_report(), testing::failing_report()}) {
    const XmlElement svg = parsed(svg_chart(report));
    EXPECT_EQ(svg.name, "svg") << report.name;
    EXPECT_TRUE(svg.attribute("viewBox").has_value()) << report.name;
  }
}

TEST(SvgChart, EverySeriesHasOnePointPerSample) {
  for (std::size_t samples : {0u, 1u, 2u, 57u, 2000u}) {
    const Report report = chart_report("leak", samples, true);
    const XmlElement svg = parsed(svg_chart(report));
    const auto lines = descendants(svg, "polyline");
    ASSERT_EQ(lines.size(), 1 + report.stages.size()) << samples << " samples";
    for (const XmlElement* line : lines) {
      EXPECT_EQ(points(*line).size(), samples) << line->attribute("class").value_or("?");
    }
    EXPECT_EQ(lines[0]->attribute("class"), "heap");
    EXPECT_EQ(lines[1]->attribute("data-stage"), "source");
    EXPECT_EQ(lines[2]->attribute("data-stage"), "sink");
  }
}

TEST(SvgChart, PointsLieInsideTheFrame) {
  for (bool leak : {true, false}) {
    const XmlElement svg = parsed(svg_chart(chart_report("r", 300, leak)));
    const XmlElement* frame = first(svg, "rect", "frame");
    ASSERT_NE(frame, nullptr);
    const double left = std::stod(frame->attribute("x").value());
    const double top = std::stod(frame->attribute("y").value());
    const double right = left + std::stod(frame->attribute("width").value());
    const double bottom = top + std::stod(frame->attribute("height").value());
    for (const XmlElement* line : descendants(svg, "polyline")) {
      const std::vector<Point> ps = points(*line);
      ASSERT_FALSE(ps.empty());
      // Input starts at 0, the left end of the axis, and ends at 256 MiB, a tick: its right
      // end; each end lies a few pixels inside the frame.
      EXPECT_NEAR(ps.front().x, left, 6);
      EXPECT_NEAR(ps.back().x, right, 6);
      for (const Point& p : ps) {
        EXPECT_GE(p.x, left);
        EXPECT_LE(p.x, right);
        EXPECT_GE(p.y, top);
        EXPECT_LE(p.y, bottom);
      }
    }
  }
}

TEST(SvgChart, LeakRisesFixStaysUnderItsBound) {
  const XmlElement leak = parsed(svg_chart(chart_report("leak", 100, true)));
  const double height = std::stod(first(leak, "rect", "frame")->attribute("height").value());
  const std::vector<Point> rising = points(*first(leak, "polyline", "heap"));
  // 232 MiB of heap on an axis that ends at 256 MiB: most of the plot's height.
  EXPECT_GT((rising.front().y - rising.back().y) / height, 0.75);

  // The fix peaks at 52 KiB, under its 320 KiB bound: every point lies below the bound's line.
  const XmlElement fix = parsed(svg_chart(chart_report("fix", 100, false)));
  const double bound =
      std::stod(descendants(*first(fix, "g", "bound"), "line").at(0)->attribute("y1").value());
  for (const Point& p : points(*first(fix, "polyline", "heap"))) EXPECT_GT(p.y, bound);
}

TEST(SvgChart, SharedRangeSetsTheScale) {
  const Report fix = chart_report("fix", 50, false);
  const HeapRange leak = heap_range(chart_report("leak", 50, true));
  const XmlElement svg = parsed(svg_chart(fix, leak));
  const XmlElement* frame = first(svg, "rect", "frame");
  const double bottom =
      std::stod(frame->attribute("y").value()) + std::stod(frame->attribute("height").value());
  for (const Point& p : points(*first(svg, "polyline", "heap"))) {
    EXPECT_GT(p.y, bottom - 6) << "a 52 KiB heap on a 230 MiB scale lies on the axis";
  }
}

TEST(SvgChart, HostileStageNamesAreEscaped) {
  Report report = chart_report("<b>&amp;", 5, true);
  report.stages[1].name = "\"><script>alert(1)</script><x a='";
  const XmlElement svg = parsed(svg_chart(report));
  EXPECT_TRUE(descendants(svg, "script").empty());
  EXPECT_EQ(descendants(svg, "polyline", "stage").at(1)->attribute("data-stage"),
            report.stages[1].name);
  EXPECT_EQ(descendants(svg, "title")[0]->text, "<b>&amp;: heap growth against input bytes");
}

TEST(SvgChart, LegendNamesTheHeapTheBoundAndEachStage) {
  const Report report = chart_report("leak", 5, true);
  std::string error;
  const auto legend = parse_xml_strictly(chart_legend(report), error);
  ASSERT_TRUE(legend) << error;
  std::vector<std::string> items;
  for (const XmlElement* li : legend->all("li")) items.push_back(li->text);
  EXPECT_EQ(items, (std::vector<std::string>{"heap growth", "bound 320 KiB, up to ×2 tolerated",
                                             "source buffered", "sink buffered"}));
}

}  // namespace
}  // namespace bp::reports
