// bpharness exec [OPTIONS] -- CMD ARGS...: checks that an external program keeps its memory
// bounded under backpressure. Generated data (or --input FILE) goes to its stdin at the input
// rate, its stdout is read at the output rate (by default an eighth of it), its process tree's
// memory is sampled, and the verdict is the one in-process scenarios get (harness/run_program.h).
// One line on stdout, the details of a failure under it; --json, --junit and --html write the
// report as `run` does. Exit 0 when the verdict is the expected one, 1 when not, 2 for bad
// arguments (with the option and what was expected), 3 for an internal error, 130 on Ctrl-C.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>

#include "cli/commands.h"
#include "cli/output_checks.h"
#include "harness/run_program.h"
#include "harness/units.h"
#include "reports/atomic_file.h"
#include "reports/console.h"
#include "reports/html_page.h"
#include "reports/junit.h"
#include "reports/report_files.h"

namespace bp::cli {

namespace {

struct ExecSettings {
  std::vector<std::string> command;
  std::string input_rate = "256MiB/s";
  std::string output_rate = "32MiB/s";
  std::string total = "64MiB";
  std::string chunk = "64KiB";
  std::string input;
  std::string ceiling = "1GiB";
  std::string timeout = "120s";
  std::string stall_after = "5s";
  std::string noise_floor = "16MiB";
  std::string expect = "bounded";
  std::string json;
  std::string junit;
  std::string html;
  bool total_given = false;  // --total was on the command line
};

// Whether `name` would run: a path to an executable file, or a command found on PATH.
bool runnable(const std::string& name) {
  if (name.find('/') != std::string::npos) return ::access(name.c_str(), X_OK) == 0;
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "");
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    const std::filesystem::path candidate = std::filesystem::path(dir.empty() ? "." : dir) / name;
    if (std::filesystem::is_regular_file(candidate) && ::access(candidate.c_str(), X_OK) == 0) return true;
  }
  return false;
}

// The report's name: "exec-" and the command's file name, in the characters names allow.
std::string report_name(const std::string& command) {
  std::string name = "exec-" + std::filesystem::path(command).filename().string();
  for (char& c : name) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) c = '-';
  }
  return name;
}

// Reads one option's value with `parse`; on failure prints "bpharness exec: --opt VALUE: why".
template <typename T, typename Parse>
bool read_value(const char* option, const std::string& text, Parse parse, T& out) {
  const auto parsed = parse(text);
  if (parsed.ok()) {
    out = parsed.value();
    return true;
  }
  std::cerr << "bpharness exec: " << option << " " << text << ": " << parsed.error();
  if (!parsed.suggestion().empty()) std::cerr << " (did you mean " << parsed.suggestion() << "?)";
  std::cerr << "\n";
  return false;
}

// The scenario the options describe, or nullopt after printing what is wrong.
std::optional<harness::Scenario> exec_scenario(const ExecSettings& s) {
  harness::Scenario sc;
  sc.name = report_name(s.command.front());
  for (const auto& a : s.command) sc.description += (sc.description.empty() ? "" : " ") + a;
  sc.clock = harness::ClockKind::real_time;
  sc.program.argv = s.command;
  sc.source.file = s.input;
  sc.expect.memory = s.expect == "grows" ? harness::Verdict::grows : harness::Verdict::bounded;
  std::chrono::nanoseconds timeout{};
  const bool ok = read_value("--input-rate", s.input_rate, harness::parse_rate, sc.source.rate.rate) &&
                  read_value("--output-rate", s.output_rate, harness::parse_rate, sc.sink.rate.rate) &&
                  read_value("--total", s.total, harness::parse_size, sc.source.total) &&
                  read_value("--chunk", s.chunk, harness::parse_size, sc.source.chunk) &&
                  read_value("--ceiling", s.ceiling, harness::parse_size, sc.limits.ceiling) &&
                  read_value("--timeout", s.timeout, harness::parse_duration, timeout) &&
                  read_value("--stall-after", s.stall_after, harness::parse_duration, sc.thresholds.stall_after) &&
                  read_value("--noise-floor", s.noise_floor, harness::parse_size, sc.thresholds.noise_floor);
  if (!ok) return std::nullopt;
  sc.limits.timeout = timeout;
  const auto refuse = [](const std::string& message) {
    std::cerr << "bpharness exec: " << message << "\n";
    return std::nullopt;
  };
  if (sc.source.chunk == 0 || sc.source.chunk > 64 * 1024 * 1024) {
    return refuse("--chunk " + s.chunk + ": expected a size from 1B to 64MiB");
  }
  if (!s.input.empty() && s.total_given) {
    return refuse("--total and --input: give one of them (the file's size is the total)");
  }
  if (s.input.empty() && sc.source.total == 0) return refuse("--total " + s.total + ": expected a size above 0");
  if (s.input.empty() && sc.source.chunk > sc.source.total) {
    return refuse("--chunk " + s.chunk + ": larger than --total " + s.total + "; make it at most the total");
  }
  if (sc.limits.ceiling == 0) return refuse("--ceiling " + s.ceiling + ": expected a size above 0");
  if (sc.thresholds.noise_floor >= sc.limits.ceiling) {
    return refuse("--noise-floor " + s.noise_floor + ": must be below --ceiling " + s.ceiling);
  }
  if (sc.source.rate.rate == 0) return refuse("--input-rate " + s.input_rate + ": expected a rate above 0");
  if (sc.sink.rate.rate == 0) return refuse("--output-rate " + s.output_rate + ": expected a rate above 0");
  if (timeout.count() == 0) return refuse("--timeout " + s.timeout + ": expected a duration above 0");
  if (sc.thresholds.stall_after.count() == 0) {
    return refuse("--stall-after " + s.stall_after + ": expected a duration above 0");
  }
  if (!s.input.empty() && (!std::filesystem::is_regular_file(s.input) || ::access(s.input.c_str(), R_OK) != 0)) {
    return refuse("--input " + s.input + ": expected a readable file");
  }
  const Output files[] = {{"--json", s.json}, {"--junit", s.junit}, {"--html", s.html}};
  if (auto problem = check_outputs(files)) return refuse(*problem);
  if (!runnable(s.command.front())) {
    return refuse(s.command.front() + ": no such command (not an executable file, nor found on PATH)");
  }
  return sc;
}

int run_exec(const ExecSettings& settings) {
  const auto scenario = exec_scenario(settings);
  if (!scenario) return kBadInput;
  const reports::Report r = harness::run_program(*scenario);
  const bool color = ::isatty(STDOUT_FILENO) != 0 && std::getenv("NO_COLOR") == nullptr;
  std::cout << reports::console_line(r, color) << "\n";
  if (!r.pass) std::cout << reports::console_details(r);
  std::cout << std::flush;

  bool write_failed = false;
  const auto write_if_asked = [&](const std::string& path, const auto& text) {
    if (path.empty()) return;
    if (auto err = reports::write_file_atomically(path, text())) {
      std::cerr << "bpharness: " << *err << "\n";
      write_failed = true;
    }
  };
  const std::vector<reports::Report> all{r};
  reports::Summary summary;
  summary.scenarios.push_back({r.name, r.verdict, r.expected, r.pass, settings.json, r.wall_ms});
  (r.pass ? summary.passed : summary.failed) = 1;
  summary.wall_ms = r.wall_ms;
  summary.tool = r.tool;
  write_if_asked(settings.json, [&] { return reports::report_text(r); });
  write_if_asked(settings.junit, [&] { return reports::junit_xml(all, summary); });
  write_if_asked(settings.html, [&] { return reports::html_page(all); });
  if (r.program && r.program->stopped == "interrupted") return 130;
  if (write_failed) return kInternal;
  return r.pass ? kOk : kFailed;
}

}  // namespace

Command add_exec(CLI::App& app) {
  auto* cmd = app.add_subcommand("exec", "Check that an external program keeps its memory bounded under backpressure");
  cmd->footer(
      "Example: bpharness exec --total 128MiB -- node transform.js\n"
      "Rates take \"unlimited\"; the program starts in a process group of its own, which is killed\n"
      "on timeout, at the ceiling (RssAnon of its process tree), after --stall-after without\n"
      "progress, and on Ctrl-C (exit 130).");
  auto s = std::make_shared<ExecSettings>();
  cmd->add_option("--input-rate", s->input_rate, "Rate at which its stdin is fed")->capture_default_str();
  cmd->add_option("--output-rate", s->output_rate, "Rate at which its stdout is read")->capture_default_str();
  cmd->add_option("--total", s->total, "Bytes of generated input")->capture_default_str();
  cmd->add_option("--chunk", s->chunk, "Bytes per write to its stdin")->capture_default_str();
  cmd->add_option("--input", s->input, "Send this file instead of generated data (its size is the total; no --total)");
  cmd->add_option("--ceiling", s->ceiling, "RssAnon of its process tree at which it is stopped (verdict grows)")
      ->capture_default_str();
  cmd->add_option("--timeout", s->timeout, "Wall-clock limit")->capture_default_str();
  cmd->add_option("--stall-after", s->stall_after, "No bytes in or out for this long: stalled")
      ->capture_default_str();
  cmd->add_option("--noise-floor", s->noise_floor, "Growth below this never means grows")->capture_default_str();
  cmd->add_option("--expect", s->expect, "The verdict expected")
      ->capture_default_str()
      ->check(CLI::IsMember({"bounded", "grows"}));
  cmd->add_option("--json", s->json, "Write the report (JSON, as run writes per scenario)")
      ->check(non_empty_path());
  cmd->add_option("--junit", s->junit, "Also write a JUnit XML file")->check(non_empty_path());
  cmd->add_option("--html", s->html, "Also write an HTML page with the memory chart")
      ->check(non_empty_path());
  cmd->add_option("command", s->command, "The program and its arguments, after --")->required();
  return [cmd, s]() -> int {
    if (!*cmd) return -1;
    s->total_given = cmd->count("--total") > 0;
    return run_exec(*s);
  };
}

}  // namespace bp::cli
