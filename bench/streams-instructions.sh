#!/usr/bin/env bash
# streams-instructions.sh: instructions per chunk through the benchmark's pipeline for k = 0, 1
# and 4 PassThroughs (64-byte chunks), counted by callgrind: (Ir with COUNT chunks - Ir with
# none) / COUNT. Unlike chunks/s, the count does not depend on the machine's load, so it shows
# what a change to the hot path does on a shared machine.
#
#   BENCH_BUILD=build-bench bench/streams-instructions.sh
#
# Knobs: COUNT (chunks per run, default 100000).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${BENCH_BUILD:-build-bench}
[[ "$build" = /* ]] || build="$root/$build"
count=${COUNT:-100000}
bin="$build/bench/streams_instructions"
[[ -x "$bin" ]] || { echo "streams-instructions.sh: $bin is missing; build $build with -DBP_BUILD_BENCH=ON" >&2; exit 2; }
command -v valgrind >/dev/null || { echo "streams-instructions.sh: needs valgrind (apt-get install valgrind)" >&2; exit 2; }

# ir K N: the instructions callgrind counts for one run.
ir() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" "$1" "$2" 2>&1 |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

echo "instructions per chunk, 64-byte chunks, $count chunks per run"
for k in 0 1 4; do
  base=$(ir "$k" 0)
  full=$(ir "$k" "$count")
  echo "k=$k: $(( (full - base) / count ))"
done
