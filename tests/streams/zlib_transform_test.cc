// Gzip and Gunzip on a UvLoop: output that zlib's own reader accepts, round trips through
// files, Node's chunk size, and the errors for corrupt and truncated input.
#include "streams/zlib_transform.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "streams/file_read_stream.h"
#include "streams/file_write_stream.h"
#include "streams/parallel_gzip.h"
#include "streams/pipeline.h"
#include "streams/uv_loop.h"
#include "tests/reports/temp_dir.h"

namespace bp {
namespace {

using reports::testing::TempDir;
namespace fs = std::filesystem;

// Log-like text: compressible, but not trivially.
std::string log_text(std::size_t lines) {
  std::string s;
  for (std::size_t i = 0; i < lines; ++i) {
    s += "2026-11-26T12:00:" + std::to_string(i % 60) + "Z INFO request id=" + std::to_string(i * 7919) +
         " path=/api/" + std::to_string(i % 97) + " status=200\n";
  }
  return s;
}

void write_file(const fs::path& p, const std::string& bytes) { std::ofstream(p, std::ios::binary) << bytes; }

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Decodes a gzip file with zlib's gz* reader: a decoder independent of the stream under test.
std::string gunzip_with_zlib(const fs::path& p) {
  gzFile f = gzopen(p.c_str(), "rb");
  std::string out;
  char buf[65536];
  int n = 0;
  while ((n = gzread(f, buf, sizeof buf)) > 0) out.append(buf, static_cast<std::size_t>(n));
  EXPECT_GE(n, 0) << "gzread failed on " << p;
  gzclose(f);
  return out;
}

// Runs file → transform → file to completion; returns the pipeline's error.
template <typename T, typename... Args>
Error run_file_pipeline(const fs::path& in, const fs::path& out, Args... args) {
  UvLoop loop;
  FileReadStream src(loop, in.string());
  T zlib(loop, args...);
  FileWriteStream dst(loop, out.string());
  Error result;
  int calls = 0;
  pipeline({&src, &zlib, &dst}, [&](Error err) {
    ++calls;
    result = err;
  });
  loop.run();
  EXPECT_EQ(calls, 1);
  return result;
}

TEST(Gzip, OutputDecodesWithZlibAndRoundTripsThroughGunzip) {
  TempDir dir;
  const std::string text = log_text(40000);  // about 3 MiB
  write_file(dir.path() / "in.log", text);
  const Error gz = run_file_pipeline<Gzip>(dir.path() / "in.log", dir.path() / "in.log.gz", 6);
  ASSERT_FALSE(gz) << gz.message();
  EXPECT_LT(fs::file_size(dir.path() / "in.log.gz"), text.size() / 4) << "log text compresses";
  EXPECT_EQ(gunzip_with_zlib(dir.path() / "in.log.gz"), text);
  const Error back = run_file_pipeline<Gunzip>(dir.path() / "in.log.gz", dir.path() / "back.log");
  ASSERT_FALSE(back) << back.message();
  EXPECT_EQ(read_file(dir.path() / "back.log"), text);
}

TEST(Gunzip, PushesFullChunksOfNodesChunkSizeAndAShortLastOne) {
  UvLoop loop;
  Gunzip gunzip(loop);
  std::vector<std::size_t> sizes;
  gunzip.on(Event::Data, [&](const EventArg& a) { sizes.push_back(a.chunk.size()); });
  // 5 chunks' worth plus 100 bytes of zeros, gzipped by zlib itself.
  const std::size_t n = 5 * kZlibChunkSize + 100;
  std::vector<Bytef> packed(compressBound(static_cast<uLong>(n)) + 64);
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::vector<Bytef> zeros(n, 0);
  z.next_in = zeros.data();
  z.avail_in = static_cast<uInt>(n);
  z.next_out = packed.data();
  z.avail_out = static_cast<uInt>(packed.size());
  ASSERT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  packed.resize(z.total_out);
  deflateEnd(&z);
  gunzip.end(Chunk::copy_of(std::as_bytes(std::span(packed))));
  loop.run();
  const std::vector<std::size_t> want{kZlibChunkSize, kZlibChunkSize, kZlibChunkSize,
                                      kZlibChunkSize, kZlibChunkSize, 100};
  EXPECT_EQ(sizes, want);
}

TEST(Gunzip, CorruptAndTruncatedInputFailTheStream) {
  struct Case {
    std::string name;
    std::string input;
    std::string message;
  };
  TempDir dir;
  write_file(dir.path() / "in.log", log_text(2000));
  ASSERT_FALSE(run_file_pipeline<Gzip>(dir.path() / "in.log", dir.path() / "in.log.gz", 6));
  const std::string packed = read_file(dir.path() / "in.log.gz");
  const std::vector<Case> cases{
      {"not gzip", "plain text, not gzip", "zlib: incorrect header check"},
      {"truncated", packed.substr(0, packed.size() / 2), "zlib: unexpected end of file"},
  };
  for (const Case& c : cases) {
    write_file(dir.path() / "bad.gz", c.input);
    const Error err = run_file_pipeline<Gunzip>(dir.path() / "bad.gz", dir.path() / "out");
    EXPECT_EQ(err.message(), c.message) << c.name;
  }
}

}  // namespace
}  // namespace bp
