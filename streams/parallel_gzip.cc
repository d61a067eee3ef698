// Gzip: blocks deflated on the thread pool, pushed in input order between a gzip header and
// trailer written here (RFC 1952).
#include "streams/parallel_gzip.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <string>
#include <utility>

namespace bp {

namespace {

constexpr std::size_t kDictionarySize = 32 * 1024;  // deflate's window
// deflateBound() covers a finished stream; a sync flush adds an empty stored block.
constexpr std::size_t kSyncFlushSlack = 16;

// Header as zlib writes it: no name, no mtime; XFL from the level; OS 3 (Unix).
Chunk gzip_header(int level) {
  const std::uint8_t xfl = level == 9 ? 2 : (level == 0 || level == 1) ? 4 : 0;
  const std::array<std::uint8_t, 10> h{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, xfl, 3};
  return Chunk::copy_of(std::as_bytes(std::span(h)));
}

Chunk gzip_trailer(std::uint32_t crc, std::uint32_t size) {
  std::array<std::uint8_t, 8> t{};
  for (int i = 0; i < 4; ++i) {
    t[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(crc >> (8 * i));
    t[static_cast<std::size_t>(4 + i)] = static_cast<std::uint8_t>(size >> (8 * i));
  }
  return Chunk::copy_of(std::as_bytes(std::span(t)));
}

Bytef* bytes_of(const Chunk& c) { return reinterpret_cast<Bytef*>(c.data()); }

}  // namespace

struct Gzip::Block {
  std::unique_ptr<z_stream> z;
  Chunk input;
  Chunk dictionary;
  Chunk out;
  bool last = false;
  // Written by the worker; read on the loop thread once `done` (set there) says it finished.
  std::size_t out_size = 0;
  std::uint32_t crc = 0;
  bool ok = false;
  bool done = false;
};

Gzip::Gzip(UvLoop& loop, int level, const StreamOptions& options)
    : Stream(loop), Transform(loop, options), uv_(loop), level_(level) {}

Gzip::~Gzip() {
  for (auto& z : free_) deflateEnd(z.get());
  for (auto& b : blocks_) deflateEnd(b->z.get());
}

void Gzip::_transform(Chunk chunk, TransformCallback cb) {
  input_ = std::move(chunk);
  input_used_ = 0;
  cb_ = std::move(cb);
  advance();
}

void Gzip::_flush(TransformCallback cb) {
  flush_cb_ = std::move(cb);
  advance();
}

void Gzip::advance() {
  if (error_) {
    if (cb_) std::exchange(cb_, {})(error_, {});
    if (flush_cb_) std::exchange(flush_cb_, {})(error_, {});
    return;
  }
  while (cb_) {
    if (filled_ == kGzipBlockSize) {
      if (blocks_.size() == kGzipBlocksInFlight) return;  // after_block() comes back here
      start_block(false);
      continue;
    }
    if (input_used_ == input_.size()) {
      // With the readable side full, wait for a block to be pushed so that the Transform
      // sees its buffer grow during this write and holds the callback for a reader.
      if (readable_full_ && !blocks_.empty()) return;
      input_ = Chunk{};
      std::exchange(cb_, {})({}, {});
      return;  // the callback may have started the next _transform
    }
    if (filling_.is_null()) filling_ = Chunk::allocate(kGzipBlockSize);
    const std::size_t n = std::min(kGzipBlockSize - filled_, input_.size() - input_used_);
    std::memcpy(filling_.data() + filled_, input_.data() + input_used_, n);
    filled_ += n;
    input_used_ += n;
  }
  if (!flush_cb_) return;
  if (!last_started_) {
    if (blocks_.size() == kGzipBlocksInFlight) return;
    start_block(true);
  }
  if (blocks_.empty()) std::exchange(flush_cb_, {})({}, gzip_trailer(crc_, size_));
}

std::unique_ptr<z_stream> Gzip::take_deflater() {
  if (!free_.empty()) {
    std::unique_ptr<z_stream> z = std::move(free_.back());
    free_.pop_back();
    return z;
  }
  auto z = std::make_unique<z_stream>();
  // Negative window bits: raw deflate; the gzip wrapper is written here.
  if (deflateInit2(z.get(), level_, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) return nullptr;
  return z;
}

void Gzip::start_block(bool last) {
  std::unique_ptr<z_stream> z = take_deflater();
  if (!z) {
    error_ = Error::plain("zlib: initialisation failed");
    advance();
    return;
  }
  auto block = std::make_unique<Block>();
  block->out = Chunk::allocate(deflateBound(z.get(), static_cast<uLong>(filled_)) + kSyncFlushSlack);
  block->z = std::move(z);
  block->input = filled_ == 0 ? Chunk{} : filling_.slice(0, filled_);
  if (!previous_.is_null()) {
    const std::size_t d = std::min(kDictionarySize, previous_.size());
    block->dictionary = previous_.slice(previous_.size() - d, d);
  }
  block->last = last;
  if (!block->input.is_null()) previous_ = block->input;
  filling_ = Chunk{};
  filled_ = 0;
  last_started_ = last;
  Block* b = block.get();
  blocks_.push_back(std::move(block));
  uv_.queue_work(
      [b] {
        z_stream& zs = *b->z;
        deflateReset(&zs);
        if (!b->dictionary.is_null()) {
          deflateSetDictionary(&zs, bytes_of(b->dictionary), static_cast<uInt>(b->dictionary.size()));
        }
        const auto n = static_cast<uInt>(b->input.size());
        zs.next_in = n == 0 ? nullptr : bytes_of(b->input);
        zs.avail_in = n;
        zs.next_out = bytes_of(b->out);
        zs.avail_out = static_cast<uInt>(b->out.size());
        const int rc = deflate(&zs, b->last ? Z_FINISH : Z_SYNC_FLUSH);
        b->ok = zs.avail_in == 0 && (b->last ? rc == Z_STREAM_END : rc == Z_OK);
        b->out_size = b->out.size() - zs.avail_out;
        b->crc = n == 0 ? 0 : static_cast<std::uint32_t>(crc32(0, bytes_of(b->input), n));
      },
      [this, b] {
        b->done = true;
        after_block();
      });
}

void Gzip::after_block() {
  if (destroyed()) return;  // nobody waits for the output any more
  while (!blocks_.empty() && blocks_.front()->done) {
    std::unique_ptr<Block> b = std::move(blocks_.front());
    blocks_.pop_front();
    free_.push_back(std::move(b->z));
    if (!b->ok) {
      if (!error_) error_ = Error::plain("zlib: deflate failed");
      continue;
    }
    if (error_) continue;
    if (!header_pushed_) {
      header_pushed_ = true;
      push(gzip_header(level_));
    }
    const auto n = static_cast<z_off_t>(b->input.size());
    crc_ = static_cast<std::uint32_t>(crc32_combine(crc_, b->crc, n));
    size_ += static_cast<std::uint32_t>(b->input.size());
    readable_full_ = b->out_size > 0 && !push(b->out.slice(0, b->out_size));
  }
  advance();
}

}  // namespace bp
