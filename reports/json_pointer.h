// JSON pointers (RFC 6901), built one reference token at a time. Every message about a value
// in a scenario, report or summary file names it by its pointer, so they are built in one place.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace bp::reports {

// `pointer` + "/" + `key` escaped ('~' → "~0", '/' → "~1"), and the same for an array index.
std::string pointer_child(std::string_view pointer, std::string_view key);
std::string pointer_child(std::string_view pointer, std::size_t index);

}  // namespace bp::reports
