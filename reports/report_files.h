// Report and summary files: their text, writing them atomically into an output directory, and
// reading them back. Every message names the file.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "reports/read_result.h"
#include "reports/report.h"

namespace bp::reports {

// The file's text: the JSON form indented by 2, invalid UTF-8 replaced by U+FFFD, and a final
// newline.
std::string report_text(const Report& report);
std::string summary_text(const Summary& summary);

// Writes report_text(report) to report_path(out_dir, report.name), atomically
// (reports/atomic_file.h). `out_dir` must exist. Nothing on success, else the message.
std::optional<std::string> write_report(const std::filesystem::path& out_dir, const Report& report);
// Writes summary_text(summary) to summary_path(out_dir), atomically.
std::optional<std::string> write_summary(const std::filesystem::path& out_dir,
                                         const Summary& summary);

// The report in the file at `path`, or "PATH: problem" (unreadable, not JSON with the line and
// column, or the first problem report_from_json found).
ReadResult<Report> read_report_file(const std::filesystem::path& path);
ReadResult<Summary> read_summary_file(const std::filesystem::path& path);

}  // namespace bp::reports
