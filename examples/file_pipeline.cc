// file_pipeline: Node's classic file pipelines on the reference streams and a real event loop.
//
//   file_pipeline gzip IN OUT     pipeline(createReadStream(IN), createGzip(), createWriteStream(OUT)),
//                                 the blocks compressed in parallel (streams/parallel_gzip.h)
//   file_pipeline gzip-single IN OUT   the same with one zlib stream: Node's exact bytes
//   file_pipeline gunzip IN OUT   the same with createGunzip()
//   file_pipeline copy IN OUT     pipeline(createReadStream(IN), createWriteStream(OUT))
//
// Memory stays bounded by the streams' buffers whatever the file size: the read stream stops
// reading while gzip and the write stream are behind. Exit codes: 0 done, 1 the pipeline
// failed (the message says why), 2 bad usage.
#include <cstdio>
#include <memory>
#include <string_view>

#include "streams/file_read_stream.h"
#include "streams/file_write_stream.h"
#include "streams/parallel_gzip.h"
#include "streams/pipeline.h"
#include "streams/uv_loop.h"
#include "streams/zlib_transform.h"

namespace {

int usage() {
  std::fputs("usage: file_pipeline gzip|gzip-single|gunzip|copy IN OUT\n", stderr);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) return usage();
  const std::string_view mode = argv[1];
  bp::UvLoop loop;
  bp::FileReadStream in(loop, argv[2]);
  bp::FileWriteStream out(loop, argv[3]);
  std::unique_ptr<bp::Transform> middle;
  if (mode == "gzip") {
    middle = std::make_unique<bp::Gzip>(loop);
  } else if (mode == "gzip-single") {
    middle = std::make_unique<bp::SingleStreamGzip>(loop);
  } else if (mode == "gunzip") {
    middle = std::make_unique<bp::Gunzip>(loop);
  } else if (mode != "copy") {
    return usage();
  }
  std::vector<bp::Stream*> chain{&in};
  if (middle) chain.push_back(middle.get());
  chain.push_back(&out);
  bp::Error failure;
  bp::pipeline(chain, [&](bp::Error err) { failure = err; });
  loop.run();
  if (failure) {
    std::fprintf(stderr, "file_pipeline: %s\n", failure.message().c_str());
    return 1;
  }
  return 0;
}
