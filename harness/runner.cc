#include "harness/runner.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <deque>
#include <optional>
#include <string>

#include "harness/describe_signal.h"
#include "harness/heap_probe.h"
#include "harness/run_scenario.h"
#include "harness/scenario_report.h"
#include "reports/report_json.h"

namespace bp::harness {

namespace {

volatile std::sig_atomic_t g_interrupted = 0;

using Clock = std::chrono::steady_clock;

// Between SIGTERM and SIGKILL: more than a program's own grace (harness/run_program.cc).
constexpr auto kStopGrace = std::chrono::seconds(3);

// When the runner stops a child that is still running. A program scenario keeps its own
// limits.timeout and reports on it (with its program section: argv, pid, stderr); the
// runner's stop is then only a backstop, late enough for that report to arrive first.
std::optional<Clock::duration> runner_timeout(const Scenario& scenario) {
  const auto& timeout = scenario.limits.timeout;
  if (!timeout) return std::nullopt;
  if (!scenario.program.argv.empty()) return *timeout + kStopGrace;
  return *timeout;
}

struct Child {
  const Scenario* scenario;
  pid_t pid;
  int fd;  // read end of the report pipe
  std::string data;
  Clock::time_point started;
  bool timed_out = false;
  bool killed = false;
};

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// In the child: run, send the report, exit. Never returns.
[[noreturn]] void child_main(const Scenario& scenario, int fd) {
  std::signal(SIGINT, SIG_IGN);  // the parent decides when a child stops
  int code = 0;
  try {
    const std::string text =
        reports::to_json(run_scenario(scenario)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    const char* p = text.data();
    std::size_t left = text.size();
    while (left > 0) {
      const ssize_t n = ::write(fd, p, left);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      p += n;
      left -= static_cast<std::size_t>(n);
    }
  } catch (const std::exception& e) {
    const std::string msg = std::string("bpharness: ") + scenario.name + ": " + e.what() + "\n";
    [[maybe_unused]] ssize_t n = ::write(STDERR_FILENO, msg.data(), msg.size());
    code = 3;
  }
  ::close(fd);
  _exit(code);
}

Child spawn(const Scenario& scenario) {
  int fds[2];
  // Close-on-exec: a program the child starts must not hold the report pipe open.
  if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    ::close(fds[0]);
    child_main(scenario, fds[1]);
  }
  ::close(fds[1]);
  return Child{&scenario, pid, fds[0], {}, Clock::now()};
}

// Reaps the child and turns what it sent (or did not) into its report.
reports::Report finish(Child& c) {
  ::close(c.fd);
  int status = 0;
  while (::waitpid(c.pid, &status, 0) < 0 && errno == EINTR) {
  }
  const double wall = ms_since(c.started);
  if (c.timed_out) {
    return failed_report(*c.scenario, "timed out after " + std::to_string(static_cast<long long>(wall)) +
                         " ms of wall-clock time and was killed", std::nullopt, wall);
  }
  if (WIFSIGNALED(status)) {
    return failed_report(*c.scenario, "the scenario's process was " + describe_signal(WTERMSIG(status)),
                         WTERMSIG(status), wall);
  }
  if (!c.data.empty()) {
    auto parsed = nlohmann::json::parse(c.data, nullptr, false);
    if (!parsed.is_discarded()) {
      auto report = reports::report_from_json(parsed);
      if (report) return *report.value;
      return failed_report(*c.scenario, "its report was malformed: " + report.error, std::nullopt, wall);
    }
  }
  return failed_report(*c.scenario,
                       "the scenario's process exited with status " +
                           std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1) + " without a report",
                       std::nullopt, wall);
}

// SIGTERM to every child, SIGKILL to those still there after kStopGrace; each reaped.
void kill_all(std::vector<Child>& running) {
  for (Child& c : running) ::kill(c.pid, SIGTERM);
  const auto deadline = Clock::now() + kStopGrace;
  for (Child& c : running) {
    ::close(c.fd);
    int status = 0;
    pid_t reaped = 0;
    while ((reaped = ::waitpid(c.pid, &status, WNOHANG)) == 0 && Clock::now() < deadline) ::usleep(10'000);
    if (reaped == c.pid) continue;
    ::kill(c.pid, SIGKILL);
    while (::waitpid(c.pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  running.clear();
}

}  // namespace

void interrupt_runner() { g_interrupted = 1; }

reports::Report failed_report(const Scenario& scenario, const std::string& reason,
                              std::optional<int> signal, double wall_ms) {
  reports::Report r = scenario_report(scenario);
  r.verdict = "error";
  r.reason = reason;
  r.error = reason;
  r.signal = signal;
  r.pass = false;
  r.failures.push_back("the scenario did not complete: " + reason);
  r.heap.ceiling = scenario.limits.ceiling;
  r.heap.tolerance = scenario.thresholds.tolerance;
  r.heap.slope_threshold = scenario.thresholds.slope;
  r.heap.noise_floor = scenario.thresholds.noise_floor;
  r.wall_ms = wall_ms;
  r.tool = tool_info(HeapProbe().allocator());
  return r;
}

RunnerResult run_all(const std::vector<Scenario>& scenarios, const RunnerOptions& options) {
  g_interrupted = 0;
  RunnerResult result;
  std::vector<std::optional<reports::Report>> finished(scenarios.size());  // by scenario
  const auto in_given_order = [&] {
    for (auto& r : finished) {
      if (r) result.reports.push_back(std::move(*r));
    }
    return std::move(result);
  };
  std::deque<const Scenario*> waiting;
  for (const Scenario& s : scenarios) waiting.push_back(&s);
  std::vector<Child> running;
  const unsigned jobs = std::max(1u, options.jobs);

  while (!waiting.empty() || !running.empty()) {
    if (g_interrupted) {
      kill_all(running);
      result.interrupted = true;
      return in_given_order();
    }
    while (!waiting.empty() && running.size() < jobs) {
      const Scenario* s = waiting.front();
      waiting.pop_front();
      if (options.on_start) options.on_start(*s);
      running.push_back(spawn(*s));
    }
    std::vector<pollfd> fds;
    for (const Child& c : running) fds.push_back({c.fd, POLLIN, 0});
    const int n = ::poll(fds.data(), fds.size(), 100);
    if (n < 0 && errno != EINTR) throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
    for (std::size_t i = running.size(); i-- > 0;) {
      Child& c = running[i];
      bool done = false;
      if (n > 0 && (fds[i].revents & (POLLIN | POLLHUP | POLLERR))) {
        char buf[65536];
        const ssize_t got = ::read(c.fd, buf, sizeof buf);
        if (got > 0) {
          c.data.append(buf, static_cast<std::size_t>(got));
        } else if (got == 0 || errno != EINTR) {
          done = true;
        }
      }
      const auto timeout = runner_timeout(*c.scenario);
      if (!done && !c.timed_out && timeout && Clock::now() - c.started > *timeout) {
        ::kill(c.pid, SIGTERM);
        c.timed_out = true;
      }
      if (!done && c.timed_out && !c.killed && Clock::now() - c.started > *timeout + kStopGrace) {
        ::kill(c.pid, SIGKILL);
        c.killed = true;
      }
      if (done) {
        reports::Report r = finish(c);
        if (options.on_report) options.on_report(r);
        finished[static_cast<std::size_t>(c.scenario - scenarios.data())] = std::move(r);
        running.erase(running.begin() + static_cast<std::ptrdiff_t>(i));
      }
    }
  }
  return in_given_order();
}

}  // namespace bp::harness
