#include "tests/reports/png_pixels.h"

#include <png.h>

namespace bp::reports::testing {

std::optional<Pixels> read_png(const std::filesystem::path& path, std::string& error) {
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  if (png_image_begin_read_from_file(&image, path.c_str()) == 0) {
    error = path.string() + ": " + image.message;
    return std::nullopt;
  }
  image.format = PNG_FORMAT_RGB;
  Pixels pixels;
  pixels.width = image.width;
  pixels.height = image.height;
  pixels.rgb.resize(pixels.width * pixels.height);
  static_assert(sizeof(Rgb) == 3);
  if (png_image_finish_read(&image, nullptr, pixels.rgb.data(), 0, nullptr) == 0) {
    error = path.string() + ": " + image.message;
    png_image_free(&image);
    return std::nullopt;
  }
  return pixels;
}

}  // namespace bp::reports::testing
