#include "reports/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "reports/byte_axis.h"
#include "reports/human_units.h"
#include "reports/xml_escape.h"

namespace bp::reports {

namespace {

// The picture in CSS pixels, and the plot area inside it: room on the left for the heap
// labels, below for the input labels and the axis title.
constexpr int kWidth = 560;
constexpr int kHeight = 300;
constexpr double kLeft = 64;
constexpr double kTop = 24;
constexpr double kPlotWidth = 464;
constexpr double kPlotHeight = 232;
constexpr double kInset = 5;

constexpr std::string_view kHeapColour = "#1d4ed8";
constexpr std::string_view kStageColours[] = {"#d97706", "#7c3aed", "#e11d48",
                                              "#0891b2", "#64748b", "#a16207"};
constexpr std::string_view kBoundFill = "#cdeedd";
constexpr std::string_view kToleranceFill = "#eaf7f0";
constexpr std::string_view kBoundLine = "#2f8f5b";
constexpr std::string_view kGridColour = "#e6e8ec";
constexpr std::string_view kAxisColour = "#b8bdc6";
constexpr std::string_view kLabelColour = "#4b5563";

std::string_view stage_colour(std::size_t stage) {
  return kStageColours[stage % std::size(kStageColours)];
}

// A coordinate with one decimal: finer than a pixel, short enough for 2000-point lines.
std::string coordinate(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", value);
  return text;
}

double bound_times_tolerance(const HeapNumbers& heap) {
  const double top = static_cast<double>(heap.bound) * heap.tolerance;
  return std::isfinite(top) ? top : 0;
}

// Maps bytes to the plot area, clipping what lies beyond an axis to its end. The axes' ends
// lie kInset inside the frame, so that a line along an axis (the flat heap of a fix drawn at
// its leak's scale) is not hidden under the frame.
class Plot {
 public:
  Plot(ByteAxis input, ByteAxis heap) : input_(std::move(input)), heap_(std::move(heap)) {}

  double x(double bytes) const {
    return kLeft + kInset + share(bytes, input_) * (kPlotWidth - 2 * kInset);
  }
  double y(double bytes) const {
    return kTop + kPlotHeight - kInset - share(bytes, heap_) * (kPlotHeight - 2 * kInset);
  }
  const ByteAxis& input() const { return input_; }
  const ByteAxis& heap() const { return heap_; }

 private:
  static double share(double value, const ByteAxis& axis) {
    return (std::clamp(value, axis.low, axis.high) - axis.low) / (axis.high - axis.low);
  }

  ByteAxis input_;
  ByteAxis heap_;
};

std::string line(double x1, double y1, double x2, double y2, std::string_view colour) {
  return "<line" + xml_attribute_pair("x1", coordinate(x1)) +
         xml_attribute_pair("y1", coordinate(y1)) + xml_attribute_pair("x2", coordinate(x2)) +
         xml_attribute_pair("y2", coordinate(y2)) + xml_attribute_pair("stroke", colour) + "/>";
}

std::string text(double x, double y, std::string_view anchor, std::string_view content) {
  return "<text" + xml_attribute_pair("x", coordinate(x)) + xml_attribute_pair("y", coordinate(y)) +
         xml_attribute_pair("text-anchor", anchor) + ">" + xml_text(content) + "</text>";
}

std::string rect(double x, double y, double width, double height, std::string_view fill) {
  return "<rect" + xml_attribute_pair("x", coordinate(x)) + xml_attribute_pair("y", coordinate(y)) +
         xml_attribute_pair("width", coordinate(width)) +
         xml_attribute_pair("height", coordinate(height)) + xml_attribute_pair("fill", fill) + "/>";
}

// The band from 0 to the bound (darker) and on to bound × tolerance (lighter), the bound's
// dashed line, and its value above the line when there is room.
std::string bound_band(const Plot& plot, const HeapNumbers& heap) {
  const double zero = plot.y(0);
  const double bound = plot.y(static_cast<double>(heap.bound));
  const double tolerance = plot.y(bound_times_tolerance(heap));
  std::string svg = "<g class=\"bound\">";
  if (tolerance < bound)
    svg += rect(kLeft, tolerance, kPlotWidth, bound - tolerance, kToleranceFill);
  svg += rect(kLeft, bound, kPlotWidth, zero - bound, kBoundFill);
  svg += "<line" + xml_attribute_pair("x1", coordinate(kLeft)) +
         xml_attribute_pair("y1", coordinate(bound)) +
         xml_attribute_pair("x2", coordinate(kLeft + kPlotWidth)) +
         xml_attribute_pair("y2", coordinate(bound)) + xml_attribute_pair("stroke", kBoundLine) +
         " stroke-dasharray=\"4 3\"/>";
  if (bound - kTop > 14) {
    svg += "<g" + xml_attribute_pair("fill", kBoundLine) + ">" +
           text(kLeft + kPlotWidth - 4, bound - 4, "end", "bound " + format_bytes(heap.bound)) +
           "</g>";
  }
  return svg + "</g>";
}

std::string grid(const Plot& plot) {
  std::string svg = "<g class=\"grid\">";
  for (double tick : plot.heap().ticks) {
    const double y = std::round(plot.y(tick)) + 0.5;
    svg += line(kLeft, y, kLeft + kPlotWidth, y, tick == 0 ? kAxisColour : kGridColour);
  }
  return svg + "</g>";
}

std::string polyline(const Report& report, const Plot& plot, std::string_view colour, double width,
                     auto&& value) {
  std::string points;
  for (const Sample& sample : report.samples) {
    if (!points.empty()) points += ' ';
    points += coordinate(plot.x(static_cast<double>(sample.input_bytes))) + "," +
              coordinate(plot.y(value(sample)));
  }
  return xml_attribute_pair("points", points) + xml_attribute_pair("fill", "none") +
         xml_attribute_pair("stroke", colour) +
         xml_attribute_pair("stroke-width", coordinate(width)) + " stroke-linejoin=\"round\"/>";
}

// The heap first and wide, each stage's buffer over it and thin: where a stage holds all the
// heap (the sink of a leak), its line runs inside the heap's and both stay visible.
std::string series(const Report& report, const Plot& plot) {
  std::string svg = "<polyline class=\"heap\"" +
                    polyline(report, plot, kHeapColour, 3.5,
                             [](const Sample& sample) { return static_cast<double>(sample.heap); });
  for (std::size_t i = 0; i < report.stages.size(); ++i) {
    svg += "<polyline class=\"stage\"" + xml_attribute_pair("data-stage", report.stages[i].name) +
           polyline(report, plot, stage_colour(i), 1.5, [i](const Sample& sample) {
             return i < sample.buffered.size() ? static_cast<double>(sample.buffered[i]) : 0.0;
           });
  }
  return svg;
}

// The frame over the series, pixel-aligned; then the tick labels and the axis titles.
std::string axes(const Plot& plot) {
  std::string svg = "<rect class=\"frame\"" + xml_attribute_pair("x", coordinate(kLeft - 0.5)) +
                    xml_attribute_pair("y", coordinate(kTop - 0.5)) +
                    xml_attribute_pair("width", coordinate(kPlotWidth + 1)) +
                    xml_attribute_pair("height", coordinate(kPlotHeight + 1)) +
                    xml_attribute_pair("fill", "none") +
                    xml_attribute_pair("stroke", kFrameColour) +
                    " shape-rendering=\"crispEdges\"/>";
  svg += "<g" + xml_attribute_pair("fill", kLabelColour) + " font-size=\"11\">";
  for (double tick : plot.heap().ticks) {
    svg += text(kLeft - 6, plot.y(tick) + 4, "end", byte_tick_label(tick));
  }
  const double below = kTop + kPlotHeight;
  for (double tick : plot.input().ticks) {
    const double x = std::round(plot.x(tick)) + 0.5;
    svg += line(x, below, x, below + 4, kAxisColour);
    svg += text(x, below + 16, "middle", byte_tick_label(tick));
  }
  svg += text(kLeft + kPlotWidth / 2, kHeight - 6, "middle", "input bytes");
  svg += text(4, 14, "start", "heap growth");
  return svg + "</g>";
}

}  // namespace

HeapRange heap_range(const Report& report) {
  HeapRange range{
      .low = 0,
      .high = std::max(static_cast<double>(report.heap.bound), bound_times_tolerance(report.heap))};
  for (const Sample& sample : report.samples) {
    range.low = std::min(range.low, static_cast<double>(sample.heap));
    range.high = std::max(range.high, static_cast<double>(sample.heap));
    for (std::uint64_t bytes : sample.buffered) {
      range.high = std::max(range.high, static_cast<double>(bytes));
    }
  }
  return range;
}

std::string svg_chart(const Report& report, HeapRange range) {
  double input = 0;
  for (const Sample& sample : report.samples) {
    input = std::max(input, static_cast<double>(sample.input_bytes));
  }
  const Plot plot(byte_axis(0, input), byte_axis(range.low, range.high));
  const std::string width = std::to_string(kWidth);
  const std::string height = std::to_string(kHeight);
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\"" +
         xml_attribute_pair("width", width) + xml_attribute_pair("height", height) +
         xml_attribute_pair("viewBox", "0 0 " + width + " " + height) +
         " role=\"img\" font-family=\"system-ui, sans-serif\">"
         "<title>" +
         xml_text(report.name + ": heap growth against input bytes") + "</title>" +
         bound_band(plot, report.heap) + grid(plot) + series(report, plot) + axes(plot) + "</svg>";
}

std::string svg_chart(const Report& report) { return svg_chart(report, heap_range(report)); }

std::string chart_legend(const Report& report) {
  const auto item = [](std::string_view kind, std::string_view colour, std::string_view label) {
    return "<li><span" + xml_attribute_pair("class", "key " + std::string(kind)) +
           xml_attribute_pair("style", "background:" + std::string(colour)) + "></span>" +
           xml_text(label) + "</li>";
  };
  std::string html = "<ul class=\"legend\">";
  html += item("line", kHeapColour, "heap growth");
  html += item("band", kBoundFill,
               "bound " + format_bytes(report.heap.bound) + ", up to ×" +
                   format_number(report.heap.tolerance) + " tolerated");
  for (std::size_t i = 0; i < report.stages.size(); ++i) {
    html += item("line", stage_colour(i), report.stages[i].name + " buffered");
  }
  return html + "</ul>";
}

}  // namespace bp::reports
