// bpharness run [PATH...]: runs scenarios as a CI gate. One line per scenario as it finishes,
// a summary, one JSON report per scenario and summary.json in --out; exit 0 when every
// expectation was met, 1 when one was not, 2 for bad input, 130 when interrupted. With --shard
// (or GoogleTest's sharding variables) only one shard of the scenarios runs (harness/shard.h).
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>

#include "cli/commands.h"
#include "cli/output_checks.h"
#include "cli/scenario_input.h"
#include "harness/heap_probe.h"
#include "harness/run_scenario.h"
#include "harness/runner.h"
#include "harness/shard.h"
#include "reports/atomic_file.h"
#include "reports/console.h"
#include "reports/html_page.h"
#include "reports/junit.h"
#include "reports/progress_bar.h"
#include "reports/report_files.h"
#include "reports/report_paths.h"

namespace bp::cli {

namespace {

std::string now_iso8601() {
  const std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

extern "C" void on_sigint(int) { harness::interrupt_runner(); }

// The shard --shard asks for, else the one GoogleTest's variables ask for, else none.
harness::ShardRequest requested_shard(const std::string& flag) {
  if (!flag.empty()) return harness::parse_shard_flag(flag);
  return harness::shard_from_gtest_env(std::getenv("GTEST_SHARD_INDEX"), std::getenv("GTEST_TOTAL_SHARDS"));
}

// GoogleTest's sharding protocol: a runner that sets GTEST_SHARD_STATUS_FILE learns from the
// file's creation that this program understands GTEST_SHARD_INDEX and GTEST_TOTAL_SHARDS.
std::optional<std::string> touch_shard_status_file() {
  const char* status = std::getenv("GTEST_SHARD_STATUS_FILE");
  if (status == nullptr || *status == '\0') return std::nullopt;
  return reports::write_file_atomically(status, "");
}

}  // namespace

int run_scenarios(const RunSettings& settings) {
  const std::string& out = settings.out;
  const bool quiet = settings.quiet;
  const harness::ShardRequest shard = requested_shard(settings.shard);
  if (!shard.error.empty()) {
    std::cerr << "bpharness: " << shard.error << "\n";
    return kBadInput;
  }
  if (auto err = touch_shard_status_file()) {
    std::cerr << "bpharness: GTEST_SHARD_STATUS_FILE: " << *err << "\n";
    return kBadInput;
  }
  auto scenarios = load_or_report(settings.paths, settings.allow_exec);
  if (!scenarios) return kBadInput;
  if (scenarios->empty()) {
    std::cerr << "bpharness: no scenarios to run\n";
    return kBadInput;
  }
  // An empty shard is not an error: a matrix may have more jobs than scenarios.
  if (shard.shard) {
    scenarios = harness::select_shard(std::move(*scenarios), *shard.shard);
    if (!quiet) {
      std::cout << "shard " << shard.shard->index + 1 << "/" << shard.shard->count << ": "
                << scenarios->size() << (scenarios->size() == 1 ? " scenario" : " scenarios")
                << "\n";
    }
  }
  const Output files[] = {{"--junit", settings.junit}, {"--html", settings.html}};
  if (auto problem = check_outputs(files, Output{"--out", out})) {
    std::cerr << "bpharness: " << *problem << "\n";
    return kBadInput;
  }
  harness::HeapProbe probe;
  if (const std::string problem = probe.check(); !problem.empty()) {
    std::cerr << "bpharness: " << problem << "\n";
    return kInternal;
  }
  std::error_code ec;
  std::filesystem::create_directories(out, ec);
  if (ec) {
    std::cerr << "bpharness: cannot create " << out << ": " << ec.message() << "\n";
    return kBadInput;
  }

  const bool tty = ::isatty(STDOUT_FILENO) != 0;
  const bool color = tty && std::getenv("NO_COLOR") == nullptr;
  const bool progress = !quiet && ::isatty(STDERR_FILENO) != 0;
  std::size_t width = 0;
  for (const auto& s : *scenarios) width = std::max(width, s.name.size());

  reports::Summary summary;
  summary.started = now_iso8601();
  summary.tool = harness::tool_info(probe.allocator());
  const auto start = std::chrono::steady_clock::now();
  std::size_t done = 0;
  bool write_failed = false;

  harness::RunnerOptions options;
  options.jobs = settings.jobs;
  options.on_start = [&](const harness::Scenario& s) {
    if (progress) std::cerr << "\r" << reports::progress_line(done, scenarios->size(), s.name) << std::flush;
  };
  options.on_report = [&](const reports::Report& r) {
    ++done;
    if (auto err = reports::write_report(out, r)) {
      std::cerr << "bpharness: " << *err << "\n";
      write_failed = true;
    }
    if (progress) std::cerr << "\r\033[K";
    if (!quiet || !r.pass) {
      std::cout << reports::console_line(r, color, width) << "\n";
      if (!r.pass) std::cout << reports::console_details(r);
      std::cout << std::flush;
    }
  };

  auto previous = std::signal(SIGINT, on_sigint);
  harness::RunnerResult result = harness::run_all(*scenarios, options);
  std::signal(SIGINT, previous);

  // summary.json, the JUnit file and the page list the scenarios in the order they were given,
  // whatever order -j finished them in.
  for (const reports::Report& r : result.reports) {
    summary.scenarios.push_back({r.name, r.verdict, r.expected, r.pass,
                                 reports::report_path(out, r.name).filename().string(), r.wall_ms});
    (r.pass ? summary.passed : summary.failed) += 1;
  }
  summary.interrupted = result.interrupted;
  summary.wall_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (auto err = reports::write_summary(out, summary)) {
    std::cerr << "bpharness: " << *err << "\n";
    write_failed = true;
  }
  const auto write_if_asked = [&](const std::string& path, const auto& text) {
    if (path.empty()) return;
    if (auto err = reports::write_file_atomically(path, text())) {
      std::cerr << "bpharness: " << *err << "\n";
      write_failed = true;
    }
  };
  write_if_asked(settings.junit, [&] { return reports::junit_xml(result.reports, summary); });
  write_if_asked(settings.html, [&] { return reports::html_page(result.reports); });
  std::cout << reports::console_summary(summary, color) << "\n";
  if (!quiet) std::cout << "reports: " << std::filesystem::path(out) / "summary.json" << "\n";
  if (result.interrupted) return 130;
  if (write_failed) return kInternal;
  return summary.failed == 0 ? kOk : kFailed;
}

Command add_run(CLI::App& app) {
  auto* cmd = app.add_subcommand("run", "Run scenario files or folders (default: the bundled suite)");
  auto args = std::make_shared<RunSettings>();
  cmd->add_option("paths", args->paths, "Scenario files or folders");
  cmd->add_option("--out", args->out, "Folder for the JSON reports and summary.json")
      ->capture_default_str()
      ->check(non_empty_path());
  cmd->add_option("-j,--jobs", args->jobs, "Scenarios to run at once")
      ->capture_default_str()
      ->check(CLI::Range(1u, 256u));
  cmd->add_flag("-q,--quiet", args->quiet, "Print only failures and the summary");
  cmd->add_flag("--allow-exec", args->allow_exec,
                "Run scenarios that name a program (\"program\"), which are refused otherwise");
  cmd->add_option("--junit", args->junit, "Also write a JUnit XML file (one test case per scenario)")
      ->check(non_empty_path());
  cmd->add_option("--shard", args->shard,
                  "Run only shard I of N (1-based, e.g. 2/4); default: GTEST_SHARD_INDEX (0-based) "
                  "and GTEST_TOTAL_SHARDS when set");
  cmd->add_option("--html", args->html,
                  "Also write an HTML page with a memory chart per scenario (no network needed)")
      ->check(non_empty_path());
  return [cmd, args]() -> int {
    if (!*cmd) return -1;
    return run_scenarios(*args);
  };
}

}  // namespace bp::cli
