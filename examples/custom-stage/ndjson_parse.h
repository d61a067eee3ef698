// NdjsonParse: a Transform from newline-delimited JSON bytes to one object per record, the
// stage that the custom `bpharness` of this example registers as "ndjson-parse".
//
// Its writable side takes bytes in chunks of any size; its readable side is in object mode
// (Node's readableObjectMode): each record becomes one chunk holding the parsed value
// encoded as CBOR, a compact binary form ready for the next stage. Blank lines are skipped.
// A line that is not JSON fails the stream with "line N, column C: ..." (N counts from the
// first byte of the stream). A record that has been split across chunks is held until its
// end arrives (at most 1 MiB; longer lines are an error).
#pragma once

#include <string>
#include <string_view>

#include "line_splitter.h"
#include "streams/transform.h"

namespace ndjson {

class NdjsonParse final : public bp::Transform {
 public:
  NdjsonParse(bp::Loop& loop, const bp::StreamOptions& options);

 protected:
  void _transform(bp::Chunk chunk, bp::TransformCallback cb) override;
  void _flush(bp::TransformCallback cb) override;
  bool has_flush() const override { return true; }

 private:
  std::string parse_line(std::string_view line, std::uint64_t number);

  LineSplitter lines_;
  LineSplitter::OnLine on_line_;  // parse_line
};

// Registers NdjsonParse as the stage kind "ndjson-parse" in the global stage registry.
// Call it before loading scenarios (before bp::cli::main, or in a test).
void register_ndjson_parse();

}  // namespace ndjson
