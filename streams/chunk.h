// Chunk: a reference-counted view of a heap byte buffer, the unit that flows through streams.
//
// Copying a Chunk shares the bytes (a reference count, no copy); slice() shares them too.
// The buffer is freed when the last Chunk referring to it goes away, so the allocator sees
// exactly the data that streams hold. A default-constructed Chunk is null: Node's `null`,
// which ends a Readable when pushed. The count is not atomic: a buffer belongs to one loop
// thread at a time (handing it to a worker thread moves the Chunk, never shares it).
//
// In object mode a Chunk stands for one object whatever its size; Chunk::object(v) makes a
// small object carrying an integer, as the conformance traces use.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace bp {

class Chunk {
 public:
  Chunk() = default;
  Chunk(const Chunk& other) noexcept
      : buffer_(other.buffer_), size_(other.size_), offset_(other.offset_) {
    if (buffer_) ++buffer_->refs;
  }
  Chunk(Chunk&& other) noexcept
      : buffer_(std::exchange(other.buffer_, nullptr)), size_(std::exchange(other.size_, 0)),
        offset_(other.offset_) {}
  Chunk& operator=(const Chunk& other) noexcept {
    if (other.buffer_) ++other.buffer_->refs;
    release();
    buffer_ = other.buffer_;
    size_ = other.size_;
    offset_ = other.offset_;
    return *this;
  }
  Chunk& operator=(Chunk&& other) noexcept {
    if (this != &other) {
      release();
      buffer_ = std::exchange(other.buffer_, nullptr);
      size_ = std::exchange(other.size_, 0);
      offset_ = other.offset_;
    }
    return *this;
  }
  [[gnu::always_inline]] ~Chunk() { release(); }

  // The largest chunk, in bytes: a Chunk keeps its size and offset in 32 bits each (the top
  // bit of the offset marks a string), so that it is two words to move along a pipeline.
  static constexpr std::size_t kMaxSize = 0x7FFFFFFF;

  // `size` bytes, contents unspecified: fill them through data(). Throws std::length_error
  // when `size` exceeds kMaxSize.
  static Chunk allocate(std::size_t size);
  static Chunk zeros(std::size_t size);
  static Chunk copy_of(std::span<const std::byte> bytes);
  // A string chunk: its bytes are the UTF-8 text; it counts as its UTF-16 length in a
  // Writable that keeps strings (decodeStrings: false), as in Node.
  static Chunk from_string(std::string_view utf8);
  static Chunk object(std::int64_t value);

  bool is_null() const { return buffer_ == nullptr; }
  explicit operator bool() const { return buffer_ != nullptr; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::byte* data() const;
  std::span<std::byte> bytes() const { return {data(), size_}; }
  std::string_view view() const;

  bool is_string() const { return (offset_ & kStringBit) != 0; }
  std::size_t utf16_length() const;
  // The same bytes, no longer marked as a string (Buffer.from(string)).
  Chunk as_bytes() const;
  std::int64_t as_int() const;

  // A view of [offset, offset + length) sharing the buffer.
  Chunk slice(std::size_t offset, std::size_t length) const;
  // Identity of the underlying allocation (for tracing which write a chunk came from).
  const void* identity() const { return buffer_; }

  // Heap bytes held by one buffer of `size` bytes (header included), for accounting.
  static std::size_t footprint(std::size_t size);

 private:
  // Copies and moves are on every hop of every chunk: they stay inline, and only the last
  // release calls out to free the buffer. release() and ~Chunk() are forced inline because the
  // compiler, left to itself, keeps them out of line in the large stream functions (a call
  // per release).
  struct Buffer {
    std::size_t refs;
    std::size_t capacity;
    std::byte* separate;  // the bytes when capacity exceeds the inline limit, else null
    std::byte* bytes() { return separate ? separate : reinterpret_cast<std::byte*>(this + 1); }
  };
  static Buffer* new_buffer(std::size_t size);
  static void free_buffer(Buffer* buffer) noexcept;
  [[gnu::always_inline]] void release() noexcept {
    if (buffer_ && --buffer_->refs == 0) free_buffer(buffer_);
    buffer_ = nullptr;
  }

  static constexpr std::uint32_t kStringBit = 0x80000000;
  std::size_t offset() const { return offset_ & ~kStringBit; }

  Buffer* buffer_ = nullptr;
  std::uint32_t size_ = 0;
  std::uint32_t offset_ = 0;  // into the buffer's bytes; kStringBit set for a string chunk
};

static_assert(sizeof(Chunk) == 16, "a Chunk is a pointer and two 32-bit fields");

}  // namespace bp
