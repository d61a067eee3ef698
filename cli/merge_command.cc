// bpharness merge DIR... --out DIR [--junit FILE]: joins the --out folders of CI shards into
// one run (reports/merge.h): every report and one summary.json in --out, and the JUnit file.
// Exit 0 when every merged scenario met its expectation, 1 when one did not (or a shard was
// interrupted), 2 for unreadable input or a scenario found in two shards.
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/commands.h"
#include "cli/output_checks.h"
#include "reports/atomic_file.h"
#include "reports/console.h"
#include "reports/html_page.h"
#include "reports/junit.h"
#include "reports/merge.h"
#include "reports/report_files.h"
#include "reports/report_paths.h"

namespace bp::cli {

namespace {

struct MergeArgs {
  std::vector<std::string> folders;
  std::string out;
  std::string junit;
  std::string html;
};

// Writes the merged run; false after printing what could not be written.
bool write_merged(const MergeArgs& args, const reports::MergedRun& run) {
  bool ok = true;
  const auto report_error = [&ok](const std::optional<std::string>& error) {
    if (!error) return;
    std::cerr << "bpharness: " << *error << "\n";
    ok = false;
  };
  for (const reports::Report& report : run.reports) report_error(reports::write_report(args.out, report));
  report_error(reports::write_summary(args.out, run.summary));
  if (!args.junit.empty()) {
    report_error(reports::write_file_atomically(args.junit, reports::junit_xml(run.reports, run.summary)));
  }
  if (!args.html.empty()) {
    report_error(reports::write_file_atomically(args.html, reports::html_page(run.reports)));
  }
  return ok;
}

int merge(const MergeArgs& args) {
  const Output files[] = {{"--junit", args.junit}, {"--html", args.html}};
  if (auto problem = check_outputs(files, Output{"--out", args.out})) {
    std::cerr << "bpharness: " << *problem << "\n";
    return kBadInput;
  }
  const std::vector<std::filesystem::path> folders(args.folders.begin(), args.folders.end());
  const reports::ReadResult<reports::MergedRun> run = reports::merge_runs(folders);
  if (!run) {
    std::cerr << "bpharness: " << run.error << "\n";
    return kBadInput;
  }
  std::error_code ec;
  std::filesystem::create_directories(args.out, ec);
  if (ec) {
    std::cerr << "bpharness: cannot create " << args.out << ": " << ec.message() << "\n";
    return kBadInput;
  }
  if (!write_merged(args, *run.value)) return kInternal;
  const reports::Summary& summary = run.value->summary;
  std::cout << reports::console_summary(summary, false) << "\n";
  std::cout << "reports: " << reports::summary_path(args.out) << "\n";
  return summary.failed == 0 && !summary.interrupted ? kOk : kFailed;
}

}  // namespace

Command add_merge(CLI::App& app) {
  auto* cmd = app.add_subcommand("merge", "Join the --out folders of CI shards into one run");
  auto args = std::make_shared<MergeArgs>();
  cmd->add_option("folders", args->folders, "The --out folder of each shard")->required();
  cmd->add_option("--out", args->out, "Folder for the merged reports and summary.json")
      ->required()
      ->check(non_empty_path());
  cmd->add_option("--junit", args->junit, "Also write a JUnit XML file of the merged run")
      ->check(non_empty_path());
  cmd->add_option("--html", args->html, "Also write the HTML page of the merged run")
      ->check(non_empty_path());
  return [cmd, args]() -> int {
    if (!*cmd) return -1;
    return merge(*args);
  };
}

}  // namespace bp::cli
