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

Bytef* bytes_of(std::vector<std::byte>& v) { return reinterpret_cast<Bytef*>(v.data()); }

}  // namespace

struct Gzip::Slot {
  z_stream z{};
  std::vector<std::byte> input;  // input_size bytes of it are the block
  std::vector<std::byte> dictionary;  // empty for the first block
  std::vector<std::byte> out;
  std::size_t input_size = 0;
  bool last = false;
  // Written by the worker; read on the loop thread once `done` (set there) says it finished.
  std::size_t out_size = 0;
  std::uint32_t crc = 0;
  bool ok = false;
  bool done = false;
};

Gzip::Gzip(UvLoop& loop, int level, const StreamOptions& options)
    : Stream(loop), Transform(loop, options), uv_(loop), level_(level) {
  // The whole working set up front, as deflateInit allocates its state: the heap a Gzip holds
  // then stays flat through a run instead of stepping up whenever one more block is in flight
  // for the first time (which the harness would see as growth).
  for (std::size_t i = 0; i < kGzipBlocksInFlight; ++i) {
    auto slot = std::make_unique<Slot>();
    // Negative window bits: raw deflate; the gzip wrapper is written here.
    if (deflateInit2(&slot->z, level_, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
      error_ = Error::plain("zlib: initialisation failed");
      return;
    }
    slot->input.resize(kGzipBlockSize);
    slot->out.resize(deflateBound(&slot->z, kGzipBlockSize) + kSyncFlushSlack);
    free_.push_back(std::move(slot));
  }
  filling_.resize(kGzipBlockSize);
}

Gzip::~Gzip() {
  for (auto& slot : free_) deflateEnd(&slot->z);
  for (auto& slot : blocks_) deflateEnd(&slot->z);
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
    filling_.resize(kGzipBlockSize);
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

void Gzip::start_block(bool last) {
  // At most kGzipBlocksInFlight blocks are started, so a slot is always free here.
  std::unique_ptr<Slot> slot = std::move(free_.back());
  free_.pop_back();
  std::swap(slot->input, filling_);  // the slot's old input buffer is filled next
  slot->input_size = filled_;
  slot->dictionary = dictionary_;
  slot->last = last;
  if (filled_ > 0) {
    const std::size_t d = std::min(kDictionarySize, filled_);
    dictionary_.assign(slot->input.begin() + static_cast<std::ptrdiff_t>(filled_ - d),
                       slot->input.begin() + static_cast<std::ptrdiff_t>(filled_));
  }
  filled_ = 0;
  last_started_ = last;
  Slot* b = slot.get();
  blocks_.push_back(std::move(slot));
  uv_.queue_work(
      [b] {
        z_stream& z = b->z;
        deflateReset(&z);
        if (!b->dictionary.empty()) {
          deflateSetDictionary(&z, bytes_of(b->dictionary), static_cast<uInt>(b->dictionary.size()));
        }
        const auto n = static_cast<uInt>(b->input_size);
        z.next_in = bytes_of(b->input);
        z.avail_in = n;
        z.next_out = bytes_of(b->out);
        z.avail_out = static_cast<uInt>(b->out.size());
        const int rc = deflate(&z, b->last ? Z_FINISH : Z_SYNC_FLUSH);
        b->ok = z.avail_in == 0 && (b->last ? rc == Z_STREAM_END : rc == Z_OK);
        b->out_size = b->out.size() - z.avail_out;
        b->crc = static_cast<std::uint32_t>(crc32(0, bytes_of(b->input), n));
      },
      [this, b] {
        b->done = true;
        after_block();
      });
}

void Gzip::after_block() {
  if (destroyed()) return;  // nobody waits for the output any more
  while (!blocks_.empty() && blocks_.front()->done) {
    std::unique_ptr<Slot> b = std::move(blocks_.front());
    blocks_.pop_front();
    const bool ok = b->ok;
    const std::size_t input_size = b->input_size;
    const auto out = std::span(b->out).first(b->out_size);
    Chunk packed = ok && !error_ && !out.empty() ? Chunk::copy_of(out) : Chunk{};
    const std::uint32_t crc = b->crc;
    b->done = false;
    free_.push_back(std::move(b));
    if (!ok && !error_) error_ = Error::plain("zlib: deflate failed");
    if (error_) continue;
    if (!header_pushed_) {
      header_pushed_ = true;
      push(gzip_header(level_));
    }
    crc_ = static_cast<std::uint32_t>(crc32_combine(crc_, crc, static_cast<z_off_t>(input_size)));
    size_ += static_cast<std::uint32_t>(input_size);
    if (!packed.is_null()) readable_full_ = !push(std::move(packed));
  }
  advance();
}

}  // namespace bp
