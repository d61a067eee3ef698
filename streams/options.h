// StreamOptions: construction options of every stream class, with Node's names and defaults.
//
// Plain Readable and Writable read high_water_mark and object_mode; a Duplex or Transform
// also reads the readable_/writable_ variants (high_water_mark, when set, overrides both).
// An absent high-water mark means Node v20's default: 16384 bytes, or 16 objects.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>

namespace bp {

inline constexpr std::size_t kDefaultHighWaterMark = 16384;
inline constexpr std::size_t kDefaultObjectHighWaterMark = 16;

struct StreamOptions {
  std::optional<std::int64_t> high_water_mark;
  std::optional<std::int64_t> readable_high_water_mark;
  std::optional<std::int64_t> writable_high_water_mark;
  bool object_mode = false;
  bool readable_object_mode = false;
  bool writable_object_mode = false;
  bool decode_strings = true;
  bool auto_destroy = true;
  bool emit_close = true;
  bool allow_half_open = true;
  bool readable = true;  // Duplex: false disables the readable side
  bool writable = true;  // Duplex: false disables the writable side
};

// The high-water mark a side ends up with (Node's getHighWaterMark); throws ArgumentError
// (ERR_INVALID_ARG_VALUE) for a negative value.
std::size_t resolve_high_water_mark(const StreamOptions& options, bool object_mode,
                                    bool is_duplex, bool readable_side);

}  // namespace bp
