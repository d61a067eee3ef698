#include "streams/options.h"

#include <string>

#include "streams/error.h"

namespace bp {

std::size_t resolve_high_water_mark(const StreamOptions& options, bool object_mode,
                                    bool is_duplex, bool readable_side) {
  std::optional<std::int64_t> hwm = options.high_water_mark;
  const char* name = "options.highWaterMark";
  if (!hwm && is_duplex) {
    hwm = readable_side ? options.readable_high_water_mark : options.writable_high_water_mark;
    name = readable_side ? "options.readableHighWaterMark" : "options.writableHighWaterMark";
  }
  if (!hwm) return object_mode ? kDefaultObjectHighWaterMark : kDefaultHighWaterMark;
  if (*hwm < 0) {
    throw ArgumentError(Error::make(ErrorCode::ERR_INVALID_ARG_VALUE,
                                    std::string("The property '") + name +
                                        "' is invalid. Received " + std::to_string(*hwm)));
  }
  return static_cast<std::size_t>(*hwm);
}

}  // namespace bp
