// DataPool: the "ndjson" data is whole JSON lines of kNdjsonLine bytes however far the endless
// stream runs, past the end of the pool included, so a parsing stage never sees a record cut
// in two.
#include "harness/data_pool.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace bp::harness {
namespace {

TEST(DataPool, NdjsonIsWholeJsonRecordsPastThePoolsEnd) {
  DataPool pool(DataKind::ndjson, 7);
  std::string text;
  for (int i = 0; i < 48; ++i) text += pool.next(64 * 1024).view();  // 3 MiB: the pool wraps
  std::string_view rest = text;
  std::size_t records = 0;
  while (!rest.empty()) {
    const std::size_t end = rest.find('\n');
    ASSERT_NE(end, std::string_view::npos) << "3 MiB, a multiple of kNdjsonLine, ends on a line end";
    const std::string_view line = rest.substr(0, end);
    ASSERT_EQ(line.size() + 1, kNdjsonLine) << "record " << records;
    const nlohmann::json record = nlohmann::json::parse(line, nullptr, false);
    ASSERT_TRUE(record.is_object()) << "record " << records << ": " << line;
    for (const char* key : {"time", "level", "worker", "req", "path", "status", "bytes", "ms"})
      ASSERT_TRUE(record.contains(key)) << "record " << records << " has no " << key << ": " << line;
    rest.remove_prefix(end + 1);
    ++records;
  }
  EXPECT_EQ(records, 3u * 1024 * 1024 / kNdjsonLine);
}

TEST(DataPool, SameSeedSameBytes) {
  DataPool a(DataKind::ndjson, 3), b(DataKind::ndjson, 3), c(DataKind::ndjson, 4);
  const std::string first(a.next(4096).view());
  EXPECT_EQ(first, std::string(b.next(4096).view()));
  EXPECT_NE(first, std::string(c.next(4096).view()));
}

}  // namespace
}  // namespace bp::harness
