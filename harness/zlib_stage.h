// Gzip and gunzip stages on zlib, as Node's zlib transforms: input is fed to the stream as it
// arrives, output leaves in chunks of at most kZlibChunk bytes, and end() finishes the stream
// (the gzip trailer, or a check that the input ended cleanly). Compression runs on the loop
// thread here (virtual time); on the real clock the stage is streams/zlib_transform.h instead,
// which compresses on libuv's thread pool. Corrupt input fails the stage with a Z_DATA_ERROR message.
#pragma once

#include <cstddef>
#include <memory>

#include "streams/duplex.h"

namespace bp::harness {

inline constexpr std::size_t kZlibChunk = 16 * 1024;       // Node's zlib chunkSize default
inline constexpr std::size_t kDeflateState = 280 * 1024;   // window + hash tables, level 1-9
inline constexpr std::size_t kInflateState = 48 * 1024;    // window + state

std::unique_ptr<Duplex> make_gzip_stage(Loop& loop, const StreamOptions& options, int level);
std::unique_ptr<Duplex> make_gunzip_stage(Loop& loop, const StreamOptions& options);

}  // namespace bp::harness
