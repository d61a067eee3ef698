// Where report files go. A scenario's name becomes a file name that always stays inside the
// output directory, whatever the name holds. Names the scenario format allows (1 to 100
// letters, digits, '.', '_' and '-', starting with a letter or digit) are used as they are.
// Any other name is cut to 100 bytes, has every byte outside that set replaced by '_', gets a
// '_' in front unless it starts with a letter or digit, and ends in "-" and 8 hex digits of a
// hash of the whole name, so that two different names do not share a file by accident. The
// result never holds '/', a control character or a non-ASCII byte, never starts with '.' or
// '-', and is never empty.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace bp::reports {

// A file name stem for `scenario_name`, as above.
std::string safe_file_stem(std::string_view scenario_name);

// out_dir / "<safe_file_stem(scenario_name)>.report.json". Report files end in ".report.json"
// so that no scenario name can collide with summary.json.
std::filesystem::path report_path(const std::filesystem::path& out_dir,
                                  std::string_view scenario_name);

// out_dir / "summary.json".
std::filesystem::path summary_path(const std::filesystem::path& out_dir);

// Whether `file_name` is named as the files written into an output folder are: a report
// ("*.report.json") or the summary.
bool is_report_file_name(std::string_view file_name);
bool is_run_file_name(std::string_view file_name);

}  // namespace bp::reports
