// Gzip: zlib.createGzip() on a UvLoop, compressing blocks of the input in parallel on libuv's
// thread pool, as pigz does.
//
// The input is cut into blocks of kGzipBlockSize bytes. Each block is deflated on its own, on
// a pool thread, as raw deflate primed with the previous block's last 32 KiB
// (deflateSetDictionary), so it compresses almost as well as one stream; every block but the
// last ends with Z_SYNC_FLUSH (a byte boundary), the last with Z_FINISH. The worker also
// takes the block's CRC-32; the loop thread combines them in order (crc32_combine) and writes
// the gzip header and trailer itself. The result is one gzip member that every gunzip reads,
// but its bytes differ from zlib's single stream (and so from Node's createGzip): use
// SingleStreamGzip (streams/zlib_transform.h) where the exact bytes matter.
//
// Why: one deflate call per chunk moved between pool threads and back costs wake-ups and
// cold caches, and uses one core; independent blocks keep every core busy (bench/RESULTS.md).
//
// Output: the header, then each block's compressed bytes as one chunk, in input order, then
// the trailer at the end. At most kGzipBlocksInFlight blocks are being compressed at once; a
// chunk's transform callback waits while that window is full, and, when the readable side
// is full, until the next block is pushed (the Transform then holds it for a reader). So at
// most kGzipBlocksInFlight + 1 blocks are pushed past the high-water mark, and memory stays
// at a few blocks whatever the input size. Each block in flight has a slot of its own (a
// z_stream and input, dictionary and output buffers), made on the loop thread and reused, so
// workers never allocate and no block's buffers are faulted in afresh; the output is copied
// out of its slot into a chunk of its size. The loop must run until the blocks in flight are
// done before the stream is freed (the Stream lifetime rule).
#pragma once

#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "streams/transform.h"
#include "streams/uv_loop.h"

namespace bp {

inline constexpr std::size_t kGzipBlockSize = 128 * 1024;
// Enough to keep two cores busy while the next block is read, and leave a pool thread of
// libuv's four for the file reads and writes.
inline constexpr std::size_t kGzipBlocksInFlight = 3;

// The largest chunk one block becomes (deflateBound of a block, with room to spare), and the
// heap a Gzip holds besides its stream buffers: each slot's deflate state (zlib's 256 KiB
// for window bits 15, memLevel 8, with its own bookkeeping), input, dictionary and output
// buffers; the block being filled and the next dictionary; and the blocks pushed past the
// high-water mark. For memory bounds computed from the configuration (the harness).
inline constexpr std::size_t kGzipBlockOutput = kGzipBlockSize + kGzipBlockSize / 1024 + 64;
inline constexpr std::size_t kGzipWorkingSet =
    kGzipBlocksInFlight * (280 * 1024 + kGzipBlockSize + 32 * 1024 + kGzipBlockOutput) +
    kGzipBlockSize + 32 * 1024 + (kGzipBlocksInFlight + 1) * kGzipBlockOutput;

class Gzip final : public Transform {
 public:
  explicit Gzip(UvLoop& loop, int level = 6, const StreamOptions& options = {});
  ~Gzip() override;

 protected:
  void _transform(Chunk chunk, TransformCallback cb) override;
  void _flush(TransformCallback cb) override;
  bool has_flush() const override { return true; }

 private:
  struct Slot;
  // Moves input into the block being filled, starts blocks while the window allows, and
  // calls the waiting transform or flush callback once its part is done.
  void advance();
  void start_block(bool last);
  void after_block();

  UvLoop& uv_;
  int level_;
  Error error_;  // the first block that failed
  std::vector<std::unique_ptr<Slot>> free_;  // slots not in use
  std::deque<std::unique_ptr<Slot>> blocks_;  // in flight, in input order
  std::vector<std::byte> filling_;  // the block being filled
  std::size_t filled_ = 0;
  std::vector<std::byte> dictionary_;  // the last 32 KiB of the last block started
  Chunk input_;  // the chunk being moved into blocks
  std::size_t input_used_ = 0;
  TransformCallback cb_;  // the transform callback waiting
  TransformCallback flush_cb_;
  bool last_started_ = false;
  bool header_pushed_ = false;
  bool readable_full_ = false;  // the last push() returned false
  std::uint32_t crc_ = 0;
  std::uint32_t size_ = 0;  // input bytes modulo 2^32 (gzip's ISIZE)
};

}  // namespace bp
