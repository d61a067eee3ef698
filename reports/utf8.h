// UTF-8 as RFC 3629 defines it: what a valid sequence is, and how a code point is written.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace bp::reports {

// The length of the valid UTF-8 sequence at `offset` (1 for ASCII), or 0 when it is invalid:
// a stray continuation byte, an overlong form, a surrogate, a code point above U+10FFFF, or a
// sequence cut off by the end of the text. `offset` must be inside the text.
std::size_t utf8_length(std::string_view text, std::size_t offset);

// Appends `code_point` (at most U+10FFFF, not a surrogate) to `out` as UTF-8.
void append_utf8(std::string& out, std::uint32_t code_point);

}  // namespace bp::reports
