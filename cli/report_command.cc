// bpharness report REPORT.json|DIR|summary.json... --html FILE: renders saved reports again,
// as the HTML page a run writes with --html. Each path is read as compare reads it
// (reports/report_set.h). Exit 0 when the page was written; 2 when a report cannot be read (the message names
// the file, and the line and column or the JSON pointer) or the page cannot be written.
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/output_checks.h"
#include "reports/atomic_file.h"
#include "reports/html_page.h"
#include "reports/report_set.h"

namespace bp::cli {

namespace {

struct ReportArgs {
  std::vector<std::string> paths;
  std::string html;
};

int render(const ReportArgs& args) {
  const Output files[] = {{"--html", args.html}};
  if (auto problem = check_outputs(files)) {
    std::cerr << "bpharness: " << *problem << "\n";
    return kBadInput;
  }
  std::vector<reports::Report> loaded;
  for (const std::string& path : args.paths) {
    reports::ReadResult<reports::ReportSet> set = reports::read_report_set(path);
    if (!set) {
      std::cerr << "bpharness: " << set.error << "\n";
      return kBadInput;
    }
    for (reports::Report& r : set.value->reports) loaded.push_back(std::move(r));
  }
  // Each scenario's section is found by its name: two of one name would share a link.
  if (auto name = reports::first_duplicate_name(loaded)) {
    std::cerr << "bpharness: scenario " << *name << " is there twice\n";
    return kBadInput;
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
      "report", "Render saved reports (files, or --out folders) as one HTML page");
  auto args = std::make_shared<ReportArgs>();
  cmd->add_option("reports", args->paths,
                  "Report files or folders (a folder: the reports its summary.json lists, else its *.report.json)")
      ->required();
  cmd->add_option("--html", args->html, "The HTML file to write (charts inline, no network)")
      ->required()
      ->check(non_empty_path());
  return [cmd, args]() -> int {
    if (!*cmd) return -1;
    return render(*args);
  };
}

}  // namespace bp::cli
