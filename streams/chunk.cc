#include "streams/chunk.h"

#include <cstring>
#include <new>
#include <stdexcept>
#include <string>

namespace bp {

namespace {
// Small buffers live right after their header (one allocation); larger ones get an
// allocation of their own, so a 16 KiB chunk costs 16 KiB and not the next size class up.
constexpr std::size_t kInlineLimit = 512;
}  // namespace

Chunk::Buffer* Chunk::new_buffer(std::size_t size) {
  if (size > kInlineLimit) {
    auto* bytes = static_cast<std::byte*>(::operator new(size));
    return new Buffer{1, size, bytes};
  }
  void* raw = ::operator new(sizeof(Buffer) + size);
  return new (raw) Buffer{1, size, nullptr};
}

std::size_t Chunk::footprint(std::size_t size) {
  return size > kInlineLimit ? size + sizeof(Buffer) : sizeof(Buffer) + size;
}

// Kept out of line on purpose: inlined (as LTO does on its own), it makes release() too big
// to inline, and then every copy and move of a Chunk on a stream's hot path pays a call.
[[gnu::noinline]] void Chunk::free_buffer(Buffer* buffer) noexcept {
  if (buffer->separate) {
    ::operator delete(buffer->separate);
    delete buffer;
  } else {
    buffer->~Buffer();
    ::operator delete(buffer);
  }
}

Chunk Chunk::allocate(std::size_t size) {
  if (size > kMaxSize) {
    throw std::length_error("a chunk of " + std::to_string(size) + " bytes is larger than the " +
                            std::to_string(kMaxSize) + " a chunk can hold");
  }
  Chunk c;
  c.buffer_ = new_buffer(size);
  c.size_ = static_cast<std::uint32_t>(size);
  return c;
}

Chunk Chunk::zeros(std::size_t size) {
  Chunk c = allocate(size);
  if (size) std::memset(c.data(), 0, size);
  return c;
}

Chunk Chunk::copy_of(std::span<const std::byte> bytes) {
  Chunk c = allocate(bytes.size());
  if (!bytes.empty()) std::memcpy(c.data(), bytes.data(), bytes.size());
  return c;
}

Chunk Chunk::from_string(std::string_view utf8) {
  Chunk c = copy_of(std::as_bytes(std::span<const char>(utf8.data(), utf8.size())));
  c.offset_ |= kStringBit;
  return c;
}

Chunk Chunk::object(std::int64_t value) {
  Chunk c = allocate(sizeof value);
  std::memcpy(c.data(), &value, sizeof value);
  return c;
}

std::byte* Chunk::data() const { return buffer_ ? buffer_->bytes() + offset() : nullptr; }

std::string_view Chunk::view() const {
  return {reinterpret_cast<const char*>(data()), size_};
}

std::size_t Chunk::utf16_length() const {
  std::size_t units = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(data());
  for (std::size_t i = 0; i < size_; ++i) {
    const unsigned char b = p[i];
    if ((b & 0xC0) == 0x80) continue;  // continuation byte
    units += (b >= 0xF0) ? 2 : 1;      // 4-byte sequences are surrogate pairs
  }
  return units;
}

Chunk Chunk::as_bytes() const {
  Chunk c = *this;
  c.offset_ &= ~kStringBit;
  return c;
}

std::int64_t Chunk::as_int() const {
  std::int64_t v = 0;
  if (size_ >= sizeof v) std::memcpy(&v, data(), sizeof v);
  return v;
}

Chunk Chunk::slice(std::size_t offset, std::size_t length) const {
  Chunk c = *this;
  c.offset_ += static_cast<std::uint32_t>(offset);
  c.size_ = static_cast<std::uint32_t>(length);
  return c;
}

}  // namespace bp
