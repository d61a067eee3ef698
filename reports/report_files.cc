#include "reports/report_files.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "reports/atomic_file.h"
#include "reports/report_json.h"
#include "reports/report_paths.h"
#include "reports/summary_json.h"

namespace bp::reports {

namespace {

std::string text_of(const nlohmann::json& document) {
  return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

// The parsed file, or "PATH: problem".
ReadResult<nlohmann::json> parse_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return {.value = std::nullopt, .error = path.string() + ": " + std::strerror(errno)};
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return {.value = nlohmann::json::parse(text.str()), .error = {}};
  } catch (const nlohmann::json::parse_error& e) {
    // e.what() is "[json.exception.parse_error.101] parse error at line 3, column 5: ...".
    std::string message = e.what();
    const std::size_t end_of_id = message.find("] ");
    if (end_of_id != std::string::npos) message.erase(0, end_of_id + 2);
    return {.value = std::nullopt, .error = path.string() + ": not valid JSON: " + message};
  }
}

template <typename T, typename FromJson>
ReadResult<T> read_file(const std::filesystem::path& path, FromJson from_json) {
  ReadResult<nlohmann::json> document = parse_file(path);
  if (!document) return {.value = std::nullopt, .error = std::move(document.error)};
  ReadResult<T> result = from_json(*document.value);
  if (!result) result.error = path.string() + ": " + result.error;
  return result;
}

}  // namespace

std::string report_text(const Report& report) { return text_of(to_json(report)); }

std::string summary_text(const Summary& summary) { return text_of(to_json(summary)); }

std::optional<std::string> write_report(const std::filesystem::path& out_dir,
                                        const Report& report) {
  return write_file_atomically(report_path(out_dir, report.name), report_text(report));
}

std::optional<std::string> write_summary(const std::filesystem::path& out_dir,
                                         const Summary& summary) {
  return write_file_atomically(summary_path(out_dir), summary_text(summary));
}

ReadResult<Report> read_report_file(const std::filesystem::path& path) {
  return read_file<Report>(path, report_from_json);
}

ReadResult<Summary> read_summary_file(const std::filesystem::path& path) {
  return read_file<Summary>(path, summary_from_json);
}

}  // namespace bp::reports
