// Numbers for people: sizes in binary units, durations in ms, s, min and h, plain numbers to
// three significant digits. Shared by the console, JUnit and HTML writers.
#pragma once

#include <cstdint>
#include <string>

namespace bp::reports {

// "0 B", "512 B", "96 KiB", "1.2 MiB", "12.3 GiB", "512 MiB": B below 1 KiB, otherwise the
// largest unit (KiB, MiB, GiB, TiB, PiB, EiB) with a value of at least 1, one decimal below
// 100 (dropped when it is 0), none from 100 up.
std::string format_bytes(std::uint64_t bytes);

// format_bytes with a sign: "+1.2 MiB", "-512 B", "+0 B".
std::string format_signed_bytes(std::int64_t bytes);

// "0.42 ms", "4.2 ms", "42 ms", "12.3 s", "2 min 5 s", "1 h 2 min"; "?" when not finite or
// negative.
std::string format_duration(double ms);

// Three significant digits: "0.9", "0.0012", "1.2e-05", "150"; "n/a" for NaN, "inf", "-inf".
std::string format_number(double value);

}  // namespace bp::reports
