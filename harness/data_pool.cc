#include "harness/data_pool.h"

#include <array>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>

namespace bp::harness {

namespace {

constexpr std::size_t kPoolSize = 1 << 20;

std::vector<char> log_text(std::uint64_t seed) {
  static constexpr std::array<const char*, 4> levels = {"INFO ", "DEBUG", "WARN ", "ERROR"};
  static constexpr std::array<const char*, 6> paths = {
      "/api/v1/items", "/api/v1/orders", "/health", "/api/v2/users", "/static/app.js", "/login"};
  static constexpr std::array<int, 5> statuses = {200, 200, 201, 404, 500};
  std::mt19937_64 rng(seed);
  std::vector<char> out;
  out.reserve(kPoolSize + 256);
  std::uint64_t millis = 1'764'158'400'000 + rng() % 86'400'000;  // 2025-11-26, some hour
  char line[256];
  while (out.size() < kPoolSize) {
    millis += rng() % 40;
    const std::uint64_t secs = millis / 1000;
    const int n = std::snprintf(
        line, sizeof line,
        "2025-11-26T%02llu:%02llu:%02llu.%03lluZ %s [worker-%llu] req=%08llx %s/%llu status=%d "
        "bytes=%llu ms=%llu\n",
        static_cast<unsigned long long>(secs / 3600 % 24),
        static_cast<unsigned long long>(secs / 60 % 60), static_cast<unsigned long long>(secs % 60),
        static_cast<unsigned long long>(millis % 1000), levels[rng() % levels.size()],
        static_cast<unsigned long long>(rng() % 8), static_cast<unsigned long long>(rng() & 0xffffffff),
        paths[rng() % paths.size()], static_cast<unsigned long long>(rng() % 10000),
        statuses[rng() % statuses.size()], static_cast<unsigned long long>(rng() % 65536),
        static_cast<unsigned long long>(rng() % 250));
    out.insert(out.end(), line, line + n);
  }
  out.resize(kPoolSize);
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
