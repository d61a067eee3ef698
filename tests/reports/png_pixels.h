// The pixels of a PNG file as 8-bit RGB, read with libpng's simplified API (Debian's
// libpng-dev), for tests that look at a rendered page.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace bp::reports::testing {

struct Rgb {
  std::uint8_t r = 0;
  std::uint8_t g = 0;
  std::uint8_t b = 0;

  friend bool operator==(const Rgb&, const Rgb&) = default;
};

struct Pixels {
  std::size_t width = 0;
  std::size_t height = 0;
  std::vector<Rgb> rgb;  // row by row, from the top left

  const Rgb& at(std::size_t x, std::size_t y) const { return rgb[y * width + x]; }
};

// The image, or nullopt with `error` set to libpng's message.
std::optional<Pixels> read_png(const std::filesystem::path& path, std::string& error);

}  // namespace bp::reports::testing
