// FileReadStream and FileWriteStream on a UvLoop: byte-exact copies through pipeline(),
// Node's chunk sizes, Node's error wording, and no file descriptor left open.
#include <gtest/gtest.h>

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "streams/file_read_stream.h"
#include "streams/file_write_stream.h"
#include "streams/pipeline.h"
#include "streams/uv_loop.h"
#include "tests/reports/temp_dir.h"

namespace bp {
namespace {

using reports::testing::TempDir;

std::string pattern_bytes(std::size_t n) {
  std::string s(n, '\0');
  for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>((i * 131 + i / 7) & 0xff);
  return s;
}

void write_file(const std::filesystem::path& p, const std::string& bytes) {
  std::ofstream(p, std::ios::binary) << bytes;
}

std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// libuv opens a few process-wide descriptors with its first loop (the signal pipe); they are
// not the streams' to close, so the count starts after one loop has existed.
std::size_t open_fds() {
  { UvLoop first; }
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator("/proc/self/fd")) ++n;
  return n;
}

// Runs pipeline(src, dst) until the loop is idle; the error it ended with. It must end once.
Error run_copy(UvLoop& loop, FileReadStream& src, FileWriteStream& dst) {
  Error result;
  int calls = 0;
  pipeline({&src, &dst}, [&](Error err) {
    ++calls;
    result = err;
  });
  loop.run();
  EXPECT_EQ(calls, 1);
  return result;
}

TEST(FileStreams, PipelineCopiesAFileByteForByte) {
  for (const std::size_t size : {std::size_t{0}, std::size_t{1}, std::size_t{64 * 1024},
                                 std::size_t{3 * 1024 * 1024 + 123}}) {
    const std::string ctx = "size " + std::to_string(size);
    TempDir dir;
    const std::string data = pattern_bytes(size);
    write_file(dir.path() / "in", data);
    const std::size_t fds_before = open_fds();
    int calls = 0;
    Error result;
    {
      UvLoop loop;
      FileReadStream src(loop, (dir.path() / "in").string());
      FileWriteStream dst(loop, (dir.path() / "out").string());
      pipeline({&src, &dst}, [&](Error err) {
        ++calls;
        result = err;
      });
      loop.run();
      EXPECT_EQ(src.bytes_read(), size) << ctx;
      EXPECT_EQ(dst.bytes_written(), size) << ctx;
      EXPECT_TRUE(src.destroyed() && dst.destroyed()) << ctx << ": autoDestroy closes both";
    }
    EXPECT_EQ(calls, 1) << ctx;
    EXPECT_FALSE(result) << ctx << ": " << result.message();
    EXPECT_EQ(read_file(dir.path() / "out"), data) << ctx;
    EXPECT_EQ(open_fds(), fds_before) << ctx << ": every file is closed";
  }
}

TEST(FileStreams, DevicesThatAreNotRegularFilesWorkThroughThePool) {
  // /dev/null reads as empty and takes every write: the thread-pool path of FileHandle.
  TempDir dir;
  const std::string data = pattern_bytes(200 * 1024 + 5);
  write_file(dir.path() / "in", data);
  for (const bool device_is_source : {true, false}) {
    const std::string ctx = device_is_source ? "from /dev/null" : "into /dev/null";
    UvLoop loop;
    FileReadStream src(loop, device_is_source ? "/dev/null" : (dir.path() / "in").string());
    FileWriteStream dst(loop, device_is_source ? (dir.path() / "out").string() : "/dev/null");
    const Error result = run_copy(loop, src, dst);
    EXPECT_FALSE(result) << ctx << ": " << result.message();
    const std::size_t want = device_is_source ? 0 : data.size();
    EXPECT_EQ(src.bytes_read(), want) << ctx;
    EXPECT_EQ(dst.bytes_written(), want) << ctx;
  }
}

TEST(FileStreams, ReadStreamPushesChunksOfItsHighWaterMark) {
  // Node's fs.ReadStream reads highWaterMark bytes at a time: 64 KiB unless told otherwise.
  for (const std::int64_t hwm : {std::int64_t{0}, std::int64_t{1000}}) {
    const std::size_t expected = hwm == 0 ? 64 * 1024 : static_cast<std::size_t>(hwm);
    const std::string ctx = "highWaterMark " + std::to_string(expected);
    TempDir dir;
    const std::size_t size = 5 * expected + 17;
    write_file(dir.path() / "in", pattern_bytes(size));
    UvLoop loop;
    StreamOptions options;
    if (hwm != 0) options.high_water_mark = hwm;
    FileReadStream src(loop, (dir.path() / "in").string(), options);
    std::vector<std::size_t> sizes;
    src.on(Event::Data, [&](const EventArg& a) { sizes.push_back(a.chunk.size()); });
    loop.run();
    const std::vector<std::size_t> want{expected, expected, expected, expected, expected, 17};
    EXPECT_EQ(sizes, want) << ctx;
    EXPECT_TRUE(src.readable_ended()) << ctx;
  }
}

TEST(FileStreams, MissingInputFailsThePipelineWithNodesMessage) {
  TempDir dir;
  const std::string missing = (dir.path() / "missing.log").string();
  UvLoop loop;
  FileReadStream src(loop, missing);
  FileWriteStream dst(loop, (dir.path() / "out").string());
  EXPECT_EQ(run_copy(loop, src, dst).message(), "ENOENT: no such file or directory, open '" + missing + "'");
}

TEST(FileStreams, WriteStreamIntoAMissingDirectoryFailsTheWrite) {
  TempDir dir;
  const std::string target = (dir.path() / "no" / "out").string();
  UvLoop loop;
  FileWriteStream dst(loop, target);
  Error write_err;
  dst.write(Chunk::from_string("x"), [&](Error err) { write_err = err; });
  loop.run();
  EXPECT_EQ(write_err.message(), "ENOENT: no such file or directory, open '" + target + "'");
  EXPECT_TRUE(dst.destroyed());
}

TEST(FileStreams, DestroyDuringAReadClosesTheFileAfterTheRead) {
  TempDir dir;
  write_file(dir.path() / "in", pattern_bytes(1024 * 1024));
  const std::size_t fds_before = open_fds();
  {
    UvLoop loop;
    FileReadStream src(loop, (dir.path() / "in").string());
    int chunks = 0;
    bool closed = false;
    src.on(Event::Data, [&](const EventArg&) {
      if (++chunks == 2) src.destroy();
    });
    src.on(Event::Close, [&](const EventArg&) { closed = true; });
    loop.run();
    EXPECT_EQ(chunks, 2);
    EXPECT_TRUE(closed);
  }
  EXPECT_EQ(open_fds(), fds_before);
}

}  // namespace
}  // namespace bp
