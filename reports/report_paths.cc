#include "reports/report_paths.h"

#include <cstdint>
#include <cstdio>

namespace bp::reports {

namespace {

constexpr std::size_t kMaxStem = 100;

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool is_name_char(char c) { return is_alnum(c) || c == '.' || c == '_' || c == '-'; }

// The scenario format's name rule: ^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$.
bool is_plain_name(std::string_view name) {
  if (name.empty() || name.size() > kMaxStem) return false;
  if (!is_alnum(name[0])) return false;
  for (char c : name) {
    if (!is_name_char(c)) return false;
  }
  return true;
}

// FNV-1a, 32 bits: stable across runs and machines.
std::uint32_t fnv1a(std::string_view text) {
  std::uint32_t hash = 2166136261u;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 16777619u;
  }
  return hash;
}

}  // namespace

std::string safe_file_stem(std::string_view scenario_name) {
  if (is_plain_name(scenario_name)) return std::string(scenario_name);
  std::string stem;
  for (char c : scenario_name.substr(0, kMaxStem)) stem += is_name_char(c) ? c : '_';
  if (stem.empty() || !is_alnum(stem[0])) stem.insert(stem.begin(), '_');
  char suffix[16];
  std::snprintf(suffix, sizeof suffix, "-%08x", static_cast<unsigned>(fnv1a(scenario_name)));
  return stem + suffix;
}

namespace {
constexpr std::string_view kReportSuffix = ".report.json";
constexpr std::string_view kSummaryName = "summary.json";
}  // namespace

std::filesystem::path report_path(const std::filesystem::path& out_dir,
                                  std::string_view scenario_name) {
  return out_dir / (safe_file_stem(scenario_name) + std::string(kReportSuffix));
}

std::filesystem::path summary_path(const std::filesystem::path& out_dir) {
  return out_dir / kSummaryName;
}

bool is_report_file_name(std::string_view file_name) {
  return file_name.size() > kReportSuffix.size() && file_name.ends_with(kReportSuffix);
}

bool is_run_file_name(std::string_view file_name) {
  return file_name == kSummaryName || is_report_file_name(file_name);
}

}  // namespace bp::reports
