// ndjson-bpharness: the bpharness command line with the "ndjson-parse" stage registered, so
// that scenarios can name it: `ndjson-bpharness run scenarios/`.
#include "cli/main.h"
#include "ndjson_parse.h"

int main(int argc, char** argv) {
  ndjson::register_ndjson_parse();
  return bp::cli::main(argc, argv);
}
