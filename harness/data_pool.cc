#include "harness/data_pool.h"

#include <array>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

namespace bp::harness {

namespace {

constexpr std::size_t kPoolSize = 1 << 20;

// One request of the made-up service whose log the "log" and "ndjson" data are.
struct LogRecord {
  std::string time;  // ISO 8601, UTC, milliseconds
  const char* level;
  unsigned worker;
  std::string request;  // 8 hex digits
  std::string path;
  int status;
  unsigned bytes;
  unsigned ms;
};

// The records of one seed, in order: each call gives the next one.
class LogRecords {
 public:
  explicit LogRecords(std::uint64_t seed)
      : rng_(seed), millis_(1'764'158'400'000 + rng_() % 86'400'000) {}  // 2025-11-26, some hour

  LogRecord next() {
    static constexpr std::array<const char*, 4> levels = {"INFO", "DEBUG", "WARN", "ERROR"};
    static constexpr std::array<const char*, 6> paths = {
        "/api/v1/items", "/api/v1/orders", "/health", "/api/v2/users", "/static/app.js", "/login"};
    static constexpr std::array<int, 5> statuses = {200, 200, 201, 404, 500};
    millis_ += rng_() % 40;
    const std::uint64_t secs = millis_ / 1000;
    char stamp[32];
    std::snprintf(stamp, sizeof stamp, "2025-11-26T%02llu:%02llu:%02llu.%03lluZ",
                  static_cast<unsigned long long>(secs / 3600 % 24),
                  static_cast<unsigned long long>(secs / 60 % 60),
                  static_cast<unsigned long long>(secs % 60),
                  static_cast<unsigned long long>(millis_ % 1000));
    LogRecord r{stamp, levels[rng_() % levels.size()], static_cast<unsigned>(rng_() % 8), {}, {}, 0, 0, 0};
    char request[16];
    std::snprintf(request, sizeof request, "%08llx", static_cast<unsigned long long>(rng_() & 0xffffffff));
    r.request = request;
    r.path = std::string(paths[rng_() % paths.size()]) + "/" + std::to_string(rng_() % 10000);
    r.status = statuses[rng_() % statuses.size()];
    r.bytes = static_cast<unsigned>(rng_() % 65536);
    r.ms = static_cast<unsigned>(rng_() % 250);
    return r;
  }

 private:
  std::mt19937_64 rng_;
  std::uint64_t millis_;
};

// Log lines, cut at exactly kPoolSize: the data is endless text, a cut line is still text.
std::vector<char> log_text(std::uint64_t seed) {
  LogRecords records(seed);
  std::vector<char> out;
  out.reserve(kPoolSize + 256);
  char line[256];
  while (out.size() < kPoolSize) {
    const LogRecord r = records.next();
    const int n = std::snprintf(line, sizeof line, "%s %-5s [worker-%u] req=%s %s status=%d bytes=%u ms=%u\n",
                                r.time.c_str(), r.level, r.worker, r.request.c_str(), r.path.c_str(),
                                r.status, r.bytes, r.ms);
    out.insert(out.end(), line, line + n);
  }
  out.resize(kPoolSize);
  return out;
}

// The same records as JSON lines, each padded with spaces to kNdjsonLine bytes. The pool holds
// a whole number of lines, so the endless data (the pool repeated) never cuts a record in two,
// and a total that is a multiple of kNdjsonLine ends on a whole line.
std::vector<char> ndjson_text(std::uint64_t seed) {
  LogRecords records(seed);
  std::vector<char> out;
  out.reserve(kPoolSize);
  while (out.size() < kPoolSize) {
    const LogRecord r = records.next();
    const nlohmann::json record = {{"time", r.time},   {"level", r.level},     {"worker", r.worker},
                                   {"req", r.request}, {"path", r.path},       {"status", r.status},
                                   {"bytes", r.bytes}, {"ms", r.ms}};
    std::string line = record.dump();  // at most ~150 bytes: every field has a bounded width
    line.resize(kNdjsonLine - 1, ' ');
    line += '\n';
    out.insert(out.end(), line.begin(), line.end());
  }
  return out;
}

std::vector<char> random_bytes(std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<char> out(kPoolSize);
  for (std::size_t i = 0; i < kPoolSize; i += 8) {
    const std::uint64_t v = rng();
    std::memcpy(out.data() + i, &v, 8);
  }
  return out;
}

}  // namespace

DataPool::DataPool(DataKind kind, std::uint64_t seed) {
  switch (kind) {
    case DataKind::log: pool_ = log_text(seed); break;
    case DataKind::ndjson: pool_ = ndjson_text(seed); break;
    case DataKind::random: pool_ = random_bytes(seed); break;
    case DataKind::zeros: pool_.assign(kPoolSize, 0); break;
  }
}

Chunk DataPool::next(std::size_t size) {
  Chunk c = Chunk::allocate(size);
  std::size_t done = 0;
  while (done < size) {
    const std::size_t n = std::min(size - done, pool_.size() - offset_);
    std::memcpy(c.data() + done, pool_.data() + offset_, n);
    done += n;
    offset_ = (offset_ + n) % pool_.size();
  }
  return c;
}

}  // namespace bp::harness
