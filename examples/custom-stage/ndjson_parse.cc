#include "ndjson_parse.h"

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include <nlohmann/json.hpp>

#include "harness/stage_registry.h"

namespace ndjson {

namespace {

// Every error of this stage says which stage it came from.
bp::Error stage_error(const std::string& message) {
  return message.empty() ? bp::Error{} : bp::Error::plain("ndjson-parse: " + message);
}

bp::StreamOptions with_object_output(bp::StreamOptions options) {
  options.readable_object_mode = true;
  return options;
}

}  // namespace

NdjsonParse::NdjsonParse(bp::Loop& loop, const bp::StreamOptions& options)
    : Stream(loop),
      Transform(loop, with_object_output(options)),
      on_line_([this](std::string_view line, std::uint64_t number) { return parse_line(line, number); }) {}

std::string NdjsonParse::parse_line(std::string_view line, std::uint64_t number) {
  if (line.find_first_not_of(" \t") == std::string_view::npos) return "";
  nlohmann::json record;
  try {
    record = nlohmann::json::parse(line);
  } catch (const nlohmann::json::parse_error& e) {
    return "line " + std::to_string(number) + ", column " + std::to_string(e.byte) +
           ": not valid JSON";
  }
  const std::vector<std::uint8_t> cbor = nlohmann::json::to_cbor(record);
  push(bp::Chunk::copy_of(std::as_bytes(std::span(cbor))));
  return "";
}

void NdjsonParse::_transform(bp::Chunk chunk, bp::TransformCallback cb) {
  cb(stage_error(lines_.feed(chunk.view(), on_line_)), {});
}

void NdjsonParse::_flush(bp::TransformCallback cb) {
  cb(stage_error(lines_.finish(on_line_)), {});
}

void register_ndjson_parse() {
  // size_ratio 1: a record's CBOR is smaller than its JSON text, so an output chunk is never
  // larger than the input chunk its line came in (for lines shorter than a chunk), and the
  // theoretical bound stays an upper bound.
  bp::harness::StageRegistry::global().add(
      "ndjson-parse",
      {[](const bp::harness::StageContext& ctx) -> std::unique_ptr<bp::Duplex> {
         return std::make_unique<NdjsonParse>(ctx.loop, ctx.options);
       },
       1.0});
}

}  // namespace ndjson
