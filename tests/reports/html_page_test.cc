// The HTML page: well-formed XML for a strict parser, self-contained (no script, nothing to
// fetch), a summary row linking to each section, a chart per report with a point per sample,
// each leak shown beside its fix on one scale, and every text from a report escaped.
#include "reports/html_page.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "tests/reports/chart_reports.h"
#include "tests/reports/libxml2_reader.h"
#include "tests/reports/report_fixtures.h"

namespace bp::reports {
namespace {

using testing::chart_report;
using testing::descendants;
using testing::parse_xml_strictly;
using testing::XmlElement;

XmlElement parsed_page(std::span<const Report> reports) {
  const std::string page = html_page(reports);
  std::string error;
  std::optional<XmlElement> root = parse_xml_strictly(page, error);
  EXPECT_TRUE(root.has_value()) << error;
  return root.value_or(XmlElement{});
}

std::size_t point_count(const XmlElement& svg) {
  const XmlElement* heap = descendants(svg, "polyline", "heap").at(0);
  const std::string points = heap->attribute("points").value_or("");
  return points.empty() ? 0 : std::count(points.begin(), points.end(), ' ') + 1;
}

// A leak with its fix, a report of every field, and a failure.
std::vector<Report> mixed_reports() {
  return {chart_report("for-await-ignore-slow-sink", 120, true), testing::full_report(),
          chart_report("await-drain-slow-sink", 80, false), testing::failing_report()};
}

TEST(HtmlPage, IsWellFormedXhtml) {
  const XmlElement html = parsed_page(mixed_reports());
  EXPECT_EQ(html.name, "html");
  EXPECT_EQ(html.attribute("xml:lang"), "en");
  ASSERT_EQ(html.all("head").size(), 1u);
  ASSERT_EQ(html.all("body").size(), 1u);
  EXPECT_EQ(descendants(html, "style").size(), 1u);
}

TEST(HtmlPage, EmptyRunIsStillAPage) {
  const XmlElement html = parsed_page({});
  EXPECT_TRUE(descendants(html, "svg").empty());
  EXPECT_EQ(descendants(html, "section", "summary").size(), 1u);
}

TEST(HtmlPage, NeedsNothingFromOutside) {
  const std::vector<Report> reports = mixed_reports();
  const XmlElement html = parsed_page(reports);
  for (std::string_view element :
       {"script", "link", "img", "iframe", "object", "embed", "image", "use", "foreignObject"}) {
    EXPECT_TRUE(descendants(html, element).empty()) << element;
  }
  for (const XmlElement* a : descendants(html, "a")) {
    EXPECT_TRUE(a->attribute("href").value_or("").starts_with("#")) << *a->attribute("href");
  }
  const std::string css = descendants(html, "style").at(0)->text;
  EXPECT_EQ(css.find("url("), std::string::npos);
  EXPECT_EQ(css.find("@import"), std::string::npos);
  EXPECT_EQ(css.find("@font-face"), std::string::npos);
}

TEST(HtmlPage, SummaryRowPerReportLinksToItsSection) {
  std::vector<Report> reports = mixed_reports();
  reports.push_back(reports[0]);  // the same name twice must still give two targets
  const XmlElement html = parsed_page(reports);
  const XmlElement* table = descendants(html, "section", "summary").at(0);
  const auto rows = descendants(*table, "tr");
  ASSERT_EQ(rows.size(), reports.size() + 1);  // and the header row

  std::set<std::string> ids;
  const auto sections = descendants(html, "section", "scenario");
  ASSERT_EQ(sections.size(), reports.size());
  for (const XmlElement* section : sections) ids.insert(section->attribute("id").value_or(""));
  EXPECT_EQ(ids.size(), reports.size()) << "section ids are unique";

  for (std::size_t i = 0; i < reports.size(); ++i) {
    const XmlElement* a = descendants(*rows[i + 1], "a").at(0);
    EXPECT_EQ(a->text, reports[i].name);
    EXPECT_EQ(a->attribute("href"), "#" + *sections[i]->attribute("id"));
    const auto cells = descendants(*rows[i + 1], "td");
    EXPECT_EQ(descendants(*cells.at(1), "span").at(0)->text, reports[i].verdict);
    EXPECT_EQ(cells.at(2)->text, reports[i].expected);
    EXPECT_EQ(descendants(*cells.at(3), "span").at(0)->text, reports[i].pass ? "pass" : "fail");
  }
}

TEST(HtmlPage, ARunThatDidNotCompleteShowsNoHeapFigures) {
  // The runner's report of a crash or a timeout holds zeros, not measurements.
  Report ended = testing::failing_report();
  ended.verdict = "error";
  ended.samples_taken = 0;
  ended.samples.clear();
  ended.heap = {};
  const std::vector<Report> reports{testing::passing_report(), ended};
  const XmlElement html = parsed_page(reports);
  const auto rows = descendants(*descendants(html, "section", "summary").at(0), "tr");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(descendants(*rows[1], "td").size(), 8u);
  const auto cells = descendants(*rows[2], "td");
  ASSERT_EQ(cells.size(), 5u);
  EXPECT_EQ(cells[4]->text, "no heap figures");
  EXPECT_EQ(cells[4]->attribute("colspan"), "4");

  const XmlElement* section = descendants(html, "section", "scenario").at(1);
  EXPECT_TRUE(descendants(*section, "table", "numbers").empty());
  const std::string page = html_page(reports);
  EXPECT_NE(page.find("<p>no heap figures: the run did not complete</p>"), std::string::npos);
}

TEST(HtmlPage, EachChartHasAPointPerSampleOfItsReport) {
  const std::vector<Report> reports = mixed_reports();
  const XmlElement html = parsed_page(reports);
  const auto sections = descendants(html, "section", "scenario");
  ASSERT_EQ(sections.size(), reports.size());
  for (std::size_t i = 0; i < reports.size(); ++i) {
    const auto charts = descendants(*sections[i], "svg");
    ASSERT_EQ(charts.size(), 1u) << reports[i].name;
    EXPECT_EQ(point_count(*charts[0]), reports[i].samples.size()) << reports[i].name;
  }
}

TEST(HtmlPage, LeakStandsBesideItsFixOnOneScale) {
  const std::vector<Report> reports = mixed_reports();
  const XmlElement html = parsed_page(reports);
  const auto pairs = descendants(html, "div", "pair");
  ASSERT_EQ(pairs.size(), 1u);
  const auto figures = pairs[0]->all("figure");
  ASSERT_EQ(figures.size(), 2u);
  EXPECT_EQ(descendants(*figures[0], "a").at(0)->text, "for-await-ignore-slow-sink");
  EXPECT_EQ(descendants(*figures[1], "a").at(0)->text, "await-drain-slow-sink");
  EXPECT_EQ(point_count(*descendants(*figures[0], "svg").at(0)), 120u);
  EXPECT_EQ(point_count(*descendants(*figures[1], "svg").at(0)), 80u);
  // One scale: the same heap tick labels in both charts.
  const auto labels = [](const XmlElement& figure) {
    std::vector<std::string> texts;
    for (const XmlElement* t : descendants(figure, "text")) texts.push_back(t->text);
    return texts;
  };
  EXPECT_EQ(labels(*figures[0]), labels(*figures[1]));
}

TEST(HtmlPage, NoPairsNoPairSection) {
  const std::vector<Report> reports = {testing::passing_report(), testing::failing_report()};
  EXPECT_TRUE(descendants(parsed_page(reports), "section", "pairs").empty());
}

TEST(HtmlPage, HostileTextIsEscaped) {
  Report r = chart_report("<script>alert('x')</script> & ]]> \"q\"", 10, true);
  r.description = "bad UTF-8 \xff\xfe, a control \x01 character and <b>markup</b>";
  r.reason = "</p></section><script>";
  r.stages[0].name = "<stage & \"name\">";
  r.violations = {
      {.stream = "<sink>", .file = "a&b.cc", .line = 7, .function = "f<T>", .count = 3}};
  r.pass = false;
  r.failures = {"<unmet> & done"};
  const std::vector<Report> reports = {r};
  const XmlElement html = parsed_page(reports);
  EXPECT_TRUE(descendants(html, "script").empty());
  EXPECT_TRUE(descendants(html, "b").empty());
  const XmlElement* section = descendants(html, "section", "scenario").at(0);
  EXPECT_EQ(section->all("h2").at(0)->text, r.name + " ");
  bool found_file = false;
  for (const XmlElement* code : descendants(*section, "code"))
    found_file |= code->text == "a&b.cc:7";
  EXPECT_TRUE(found_file);
}

}  // namespace
}  // namespace bp::reports
