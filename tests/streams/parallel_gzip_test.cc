// Gzip (parallel blocks) on a UvLoop: output that zlib's inflate reads back to the input at
// sizes around the block boundaries, whatever the chunking; memory bounded by the window
// when nobody reads; and SingleStreamGzip's bytes equal to zlib's own single stream.
#include "streams/parallel_gzip.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstddef>
#include <string>
#include <vector>

#include "streams/uv_loop.h"
#include "streams/zlib_transform.h"

namespace bp {
namespace {

// Text that compresses, with enough variety that every block needs real work.
std::string sample(std::size_t n) {
  std::string s;
  s.reserve(n);
  for (std::size_t i = 0; s.size() < n; ++i) {
    s += "line " + std::to_string(i * 2654435761u % 100000) + " level=info msg=ok\n";
  }
  s.resize(n);
  return s;
}

// Bytes that do not compress: each block's output is about as large as its input.
std::string noise(std::size_t n) {
  std::string s(n, '\0');
  std::uint32_t x = 12345;
  for (char& c : s) {
    x = x * 1103515245u + 12345u;
    c = static_cast<char>(x >> 24);
  }
  return s;
}

// zlib's own gzip reader: decodes one gzip member, or says why not.
std::string inflate_gzip(const std::string& packed, std::string* error) {
  z_stream z{};
  inflateInit2(&z, 15 + 16);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
  z.avail_in = static_cast<uInt>(packed.size());
  std::string out;
  char buf[65536];
  int rc = Z_OK;
  while (rc == Z_OK) {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof buf - z.avail_out);
  }
  if (rc != Z_STREAM_END) *error = "inflate: " + std::to_string(rc);
  if (z.avail_in != 0) *error = "bytes after the gzip member";
  inflateEnd(&z);
  return out;
}

// Writes `input` into `t` in chunks of `chunk` bytes, ends it, runs the loop; the output.
std::string run_transform(UvLoop& loop, Transform& t, const std::string& input, std::size_t chunk) {
  std::string out;
  int finished = 0;
  t.on(Event::Data, [&](const EventArg& a) {
    out.append(reinterpret_cast<const char*>(a.chunk.data()), a.chunk.size());
  });
  t.on(Event::End, [&](const EventArg&) { ++finished; });
  for (std::size_t at = 0; at < input.size(); at += chunk) {
    const std::string part = input.substr(at, chunk);
    t.write(Chunk::copy_of(std::as_bytes(std::span(part))));
  }
  t.end();
  loop.run();
  EXPECT_EQ(finished, 1);
  return out;
}

TEST(Gzip, OutputInflatesToTheInputAroundBlockBoundaries) {
  const std::size_t b = kGzipBlockSize;
  for (std::size_t size : {std::size_t{0}, std::size_t{1}, b - 1, b, b + 1, 5 * b + 7}) {
    for (std::size_t chunk : {std::size_t{1000}, std::size_t{64 * 1024}, 3 * b}) {
      const std::string context = "size " + std::to_string(size) + ", chunks of " + std::to_string(chunk);
      const std::string input = sample(size);
      UvLoop loop;
      Gzip gzip(loop, 6);
      const std::string packed = run_transform(loop, gzip, input, chunk);
      std::string error;
      EXPECT_EQ(inflate_gzip(packed, &error), input) << context;
      EXPECT_EQ(error, "") << context;
    }
  }
}

TEST(Gzip, EveryLevelInflatesToTheInput) {
  const std::string input = sample(3 * kGzipBlockSize + 99);
  for (int level : {0, 1, 6, 9}) {
    UvLoop loop;
    Gzip gzip(loop, level);
    const std::string packed = run_transform(loop, gzip, input, 64 * 1024);
    std::string error;
    EXPECT_EQ(inflate_gzip(packed, &error), input) << "level " << level;
    EXPECT_EQ(error, "") << "level " << level;
  }
}

TEST(Gzip, StopsTakingInputWhileNobodyReads) {
  UvLoop loop;
  Gzip gzip(loop, 6);
  const std::size_t chunk = 64 * 1024;
  const std::size_t chunks = 64;  // 4 MiB, far more than the window holds
  const std::string input = noise(chunk * chunks);
  std::size_t accepted = 0;
  for (std::size_t i = 0; i < chunks; ++i) {
    const std::string part = input.substr(i * chunk, chunk);
    gzip.write(Chunk::copy_of(std::as_bytes(std::span(part))), [&](Error) { ++accepted; });
  }
  loop.run();  // not ended: an ended Transform releases every callback, as Node's does
  // Taken: the blocks in flight, the block being filled and the chunk the Transform holds.
  const std::size_t bound = (kGzipBlocksInFlight + 2) * kGzipBlockSize / chunk + 1;
  EXPECT_LE(accepted, bound);
  // Buffered output: below the high-water mark, then the one block that crossed it, the
  // blocks in flight then, and the full block started when the first of those finished.
  const std::size_t block_out = compressBound(static_cast<uLong>(kGzipBlockSize)) + 64;
  EXPECT_LE(gzip.readable_length(),
            gzip.readable_high_water_mark() + (kGzipBlocksInFlight + 1) * block_out);
  // Reading drains it all, and the output is whole.
  std::string out;
  gzip.on(Event::Data, [&](const EventArg& a) {
    out.append(reinterpret_cast<const char*>(a.chunk.data()), a.chunk.size());
  });
  gzip.end();
  loop.run();
  EXPECT_EQ(accepted, chunks);
  std::string error;
  EXPECT_EQ(inflate_gzip(out, &error), input);
  EXPECT_EQ(error, "");
}

TEST(SingleStreamGzip, BytesEqualZlibsOwnGzipStream) {
  const std::string input = sample(3 * kZlibChunkSize * 8 + 5);
  std::string want(compressBound(static_cast<uLong>(input.size())) + 64, '\0');
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  z.avail_in = static_cast<uInt>(input.size());
  z.next_out = reinterpret_cast<Bytef*>(want.data());
  z.avail_out = static_cast<uInt>(want.size());
  ASSERT_EQ(deflate(&z, Z_FINISH), Z_STREAM_END);
  want.resize(z.total_out);
  deflateEnd(&z);
  UvLoop loop;
  SingleStreamGzip gzip(loop, 6);
  EXPECT_EQ(run_transform(loop, gzip, input, 64 * 1024), want);
}

}  // namespace
}  // namespace bp
