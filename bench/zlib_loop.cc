// zlib_loop: the plain single-threaded C loop that bench/file-pipelines.sh measures the gzip
// pipeline against (C code, compiled as C++ for the project's warning set). Reads IN in 64 KiB
// blocks, deflates at level 6 into the gzip format through a 64 KiB output buffer, writes OUT.
// No streams, no event loop, no threads.
#include <stdio.h>
#include <zlib.h>

enum { kBlock = 64 * 1024 };

int main(int argc, char** argv) {
  if (argc != 3) {
    fputs("usage: zlib_loop IN OUT\n", stderr);
    return 2;
  }
  FILE* in = fopen(argv[1], "rb");
  FILE* out = fopen(argv[2], "wb");
  if (!in || !out) {
    perror("zlib_loop");
    return 1;
  }
  static unsigned char ibuf[kBlock], obuf[kBlock];
  z_stream z{};
  if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return 1;
  int flush = Z_NO_FLUSH;
  do {
    const size_t n = fread(ibuf, 1, kBlock, in);
    flush = n < kBlock ? Z_FINISH : Z_NO_FLUSH;
    z.next_in = ibuf;
    z.avail_in = static_cast<uInt>(n);
    do {
      z.next_out = obuf;
      z.avail_out = kBlock;
      deflate(&z, flush);
      const size_t have = kBlock - z.avail_out;
      if (fwrite(obuf, 1, have, out) != have) {
        perror("zlib_loop");
        return 1;
      }
    } while (z.avail_out == 0);
  } while (flush != Z_FINISH);
  deflateEnd(&z);
  fclose(in);
  return fclose(out) == 0 ? 0 : 1;
}
