#include "reports/progress_bar.h"

#include <algorithm>

#include "reports/console.h"

namespace bp::reports {

namespace {

constexpr std::size_t kBarCells = 20;  // between the brackets, on a wide terminal
constexpr std::size_t kMinBarCells = 5;

std::string bar(std::size_t done, std::size_t total, std::size_t cells) {
  const std::size_t filled = total == 0 ? 0 : done * cells / total;
  std::string text = "[" + std::string(filled, '=');
  if (filled < cells) {
    text += done == 0 ? ' ' : '>';
    text += std::string(cells - filled - 1, ' ');
  }
  return text + "]";
}

// `text` cut to `room` characters, ending in "..." when cut.
std::string fitted(std::string text, std::size_t room) {
  if (text.size() <= room) return text;
  if (room <= 3) return std::string(room, '.');
  return text.substr(0, room - 3) + "...";
}

}  // namespace

std::string progress_line(std::size_t done, std::size_t total, std::string_view current,
                          std::size_t width) {
  done = std::min(done, total);
  const std::string count = std::to_string(done) + "/" + std::to_string(total);
  std::string name;
  for (char c : terminal_safe(current)) {
    name += static_cast<unsigned char>(c) < 0x80 ? c : '?';
  }
  // Room for the bar: what is left after the count, and at least 10 characters of the name.
  std::string line;
  const std::size_t rest = count.size() + 1 + std::min<std::size_t>(name.size(), 10);
  if (width >= rest + kMinBarCells + 3) {
    const std::size_t cells = std::min(kBarCells, width - rest - 3);
    line = bar(done, total, cells) + " ";
  }
  line += count;
  if (!name.empty() && line.size() + 1 < width) line += " " + fitted(name, width - line.size() - 1);
  return line.substr(0, width);
}

}  // namespace bp::reports
