// The HTML page as a browser draws it: Debian's chromium renders the page headless, with
// networking disabled, to a PNG, and every chart must be on it with its lines drawn.
// Charts are found by their frames, drawn in kFrameColour (reports/svg_chart.h), which
// nothing else on the page uses.
//
// Needs /usr/bin/chromium; without it the test prints why and exits 77, which CTest reports as
// skipped (SKIP_RETURN_CODE).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <span>

#include "reports/atomic_file.h"
#include "reports/html_page.h"
#include "reports/svg_chart.h"
#include "tests/reports/chart_reports.h"
#include "tests/reports/png_pixels.h"
#include "tests/reports/report_fixtures.h"
#include "tests/reports/temp_dir.h"

namespace bp::reports {
namespace {

using testing::Pixels;
using testing::Rgb;

constexpr const char* kChromium = "/usr/bin/chromium";
constexpr int kSkip = 77;
constexpr std::size_t kWindowWidth = 1280;
constexpr std::size_t kWindowHeight = 6000;

Rgb colour(std::string_view hex) {  // "#rrggbb"
  const auto byte = [&](std::size_t at) {
    return static_cast<std::uint8_t>(std::stoi(std::string(hex.substr(at, 2)), nullptr, 16));
  };
  return {byte(1), byte(3), byte(5)};
}

struct Box {
  std::size_t left = 0, top = 0, right = 0, bottom = 0;  // inclusive
};

// The bounding boxes of the 4-connected regions of exactly `frame`'s colour that are large
// enough to be a chart's frame.
std::vector<Box> frames(const Pixels& image, Rgb frame) {
  std::vector<bool> seen(image.rgb.size(), false);
  std::vector<Box> boxes;
  for (std::size_t start = 0; start < image.rgb.size(); ++start) {
    if (seen[start] || image.rgb[start] != frame) continue;
    Box box{start % image.width, start / image.width, start % image.width, start / image.width};
    std::vector<std::size_t> todo = {start};
    seen[start] = true;
    while (!todo.empty()) {
      const std::size_t at = todo.back();
      todo.pop_back();
      const std::size_t x = at % image.width;
      const std::size_t y = at / image.width;
      box = {std::min(box.left, x), std::min(box.top, y), std::max(box.right, x),
             std::max(box.bottom, y)};
      const std::size_t next[] = {x > 0 ? at - 1 : at, x + 1 < image.width ? at + 1 : at,
                                  y > 0 ? at - image.width : at,
                                  y + 1 < image.height ? at + image.width : at};
      for (std::size_t n : next) {
        if (!seen[n] && image.rgb[n] == frame) {
          seen[n] = true;
          todo.push_back(n);
        }
      }
    }
    if (box.right - box.left >= 200 && box.bottom - box.top >= 100) boxes.push_back(box);
  }
  return boxes;
}

// Pixels strictly inside `box` coloured like a series: saturated (the greys of the grid, frame
// and labels are not) and not green (the bound's band, line and label are). Overlapping lines
// and their antialiased edges blend, so no exact colour is asked for.
std::size_t series_pixels(const Pixels& image, const Box& box) {
  std::size_t count = 0;
  for (std::size_t y = box.top + 1; y < box.bottom; ++y) {
    for (std::size_t x = box.left + 1; x < box.right; ++x) {
      const Rgb& p = image.at(x, y);
      const int high = std::max({p.r, p.g, p.b});
      const int low = std::min({p.r, p.g, p.b});
      if (high - low >= 60 && p.g != high) ++count;
    }
  }
  return count;
}

std::optional<Pixels> render(const std::string& page, const testing::TempDir& dir) {
  const std::filesystem::path html = dir.path() / "page.html";
  const std::filesystem::path png = dir.path() / "page.png";
  const std::filesystem::path log = dir.path() / "chromium.log";
  if (auto err = write_file_atomically(html, page)) {
    ADD_FAILURE() << *err;
    return std::nullopt;
  }
  // Headless, no sandbox (CI runs as root), no network: a proxy that refuses, and no names.
  const std::string command =
      "timeout 300 " + std::string(kChromium) +
      " --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars"
      " --force-device-scale-factor=1 --no-first-run --disable-extensions"
      " --disable-background-networking --disable-sync --proxy-server=127.0.0.1:9"
      " --host-resolver-rules='MAP * ~NOTFOUND' --window-size=" +
      std::to_string(kWindowWidth) + "," + std::to_string(kWindowHeight) + " --user-data-dir='" +
      (dir.path() / "profile").string() + "' --screenshot='" + png.string() + "' 'file://" +
      html.string() + "' >'" + log.string() + "' 2>&1";
  const int status = std::system(command.c_str());
  std::string error;
  std::optional<Pixels> pixels = testing::read_png(png, error);
  if (status != 0 || !pixels) {
    ADD_FAILURE() << "chromium failed (status " << status << "): " << error << "\n"
                  << testing::read_text(log);
  }
  return pixels;
}

TEST(HtmlRender, EveryChartIsDrawnWithItsLines) {
  Report other = testing::chart_report("pipeline-stalling-sink", 90, false);
  other.scenario["sink"]["rate"] = "128MiB/s";  // another workload: not paired
  const std::vector<Report> reports = {testing::chart_report("on-data-ignore-slow-sink", 200, true),
                                       testing::chart_report("pipe-slow-sink", 150, false), other};
  const std::size_t charts = reports.size() + 2;  // each report's, and the pair's two
  const testing::TempDir dir;
  const std::optional<Pixels> image = render(html_page(reports), dir);
  ASSERT_TRUE(image);
  ASSERT_EQ(image->width, kWindowWidth);

  const std::vector<Box> boxes = frames(*image, colour(kFrameColour));
  ASSERT_EQ(boxes.size(), charts) << "chart frames found in the picture";
  for (const Box& box : boxes) {
    const std::string where = "chart at " + std::to_string(box.left) + "," +
                              std::to_string(box.top) + " to " + std::to_string(box.right) + "," +
                              std::to_string(box.bottom);
    EXPECT_LT(box.bottom + 1, kWindowHeight) << where << ": the page is longer than the window";
    // A line across the plot inks hundreds of pixels; 20 proves it was drawn at all.
    EXPECT_GE(series_pixels(*image, box), 20u) << where << ": no line drawn";
  }
}

}  // namespace
}  // namespace bp::reports

int main(int argc, char** argv) {
  if (!std::filesystem::exists(bp::reports::kChromium)) {
    std::cout << "SKIP: " << bp::reports::kChromium
              << " is absent; install Debian's chromium to render the HTML report\n";
    return bp::reports::kSkip;
  }
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
