// bpharness report REPORT.json|DIR... --html FILE: renders saved reports again, as the HTML
// page a run writes with --html. A folder stands for every *.report.json file in it, by file
// name. Exit 0 when the page was written; 2 when a report cannot be read (the message names
// the file, and the line and column or the JSON pointer) or the page cannot be written.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "reports/atomic_file.h"
#include "reports/html_page.h"
#include "reports/report_files.h"

namespace bp::cli {

namespace {

struct ReportArgs {
  std::vector<std::string> paths;
  std::string html;
};

// The report files a path names, or an error message.
std::optional<std::vector<std::filesystem::path>> report_files(const std::string& path,
                                                               std::string& error) {
  std::error_code ec;
  if (!std::filesystem::is_directory(path, ec)) return std::vector<std::filesystem::path>{path};
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
    if (entry.path().filename().string().ends_with(".report.json")) files.push_back(entry.path());
  }
  if (ec) {
    error = path + ": " + ec.message();
    return std::nullopt;
  }
  if (files.empty()) {
    error = path + ": no *.report.json files in this folder";
    return std::nullopt;
  }
  std::sort(files.begin(), files.end());
  return files;
}

int render(const ReportArgs& args) {
  std::vector<reports::Report> loaded;
  for (const std::string& path : args.paths) {
    std::string error;
    const auto files = report_files(path, error);
    if (!files) {
      std::cerr << "bpharness: " << error << "\n";
      return kBadInput;
    }
    for (const auto& file : *files) {
      reports::ReadResult<reports::Report> report = reports::read_report_file(file);
      if (!report) {
        std::cerr << "bpharness: " << report.error << "\n";
        return kBadInput;
      }
      loaded.push_back(std::move(*report.value));
    }
  }
  if (auto err = reports::write_file_atomically(args.html, reports::html_page(loaded))) {
    std::cerr << "bpharness: " << *err << "\n";
    return kBadInput;
  }
  return kOk;
}

}  // namespace

Command add_report(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "report", "Render saved reports (files, or folders of *.report.json) as an HTML page");
  auto args = std::make_shared<ReportArgs>();
  cmd->add_option("reports", args->paths, "Report files or folders")->required();
  cmd->add_option("--html", args->html, "The HTML file to write (charts inline, no network)")
      ->required();
  return [cmd, args]() -> int {
    if (!*cmd) return -1;
    return render(*args);
  };
}

}  // namespace bp::cli
