#!/usr/bin/env bash
# file-pipelines.sh: the file benchmarks of bench/RESULTS.md, side by side in one run.
#
#   BENCH_BUILD=build-bench bench/file-pipelines.sh
#
# 1. gzip of a generated log file: examples/file_pipeline (pipeline(FileReadStream, Gzip,
#    FileWriteStream) on UvLoop) against `gzip -6`, Node v20's pipeline(createReadStream,
#    createGzip, createWriteStream) (bench/node/file-pipeline.js) and bench/zlib_loop (a plain
#    single-threaded C loop over zlib with 64 KiB buffers).
# 2. a copy of the same file: file_pipeline copy against `cat` and Node.
# 3. file_pipeline gzip's peak RSS at every size of SIZES: it must not grow with the file.
# Each cell is the median of RUNS runs (wall time and peak RSS from GNU time), the tools
# interleaved run by run so that load spikes hit them alike. Every gzip output must pass
# `gzip -t`, and file_pipeline's must round-trip through Gunzip to the input, byte for byte.
#
# Knobs: SIZE (the file of sections 1 and 2, default 1GiB), SIZES (section 3, default
# "256MiB 1GiB 4GiB"), RUNS (default 3), BENCH_OUT (where the files go; they are removed).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${BENCH_BUILD:-build-bench}
[[ "$build" = /* ]] || build="$root/$build"
size=${SIZE:-1GiB}
sizes=${SIZES:-256MiB 1GiB 4GiB}
runs=${RUNS:-3}
out=${BENCH_OUT:-$build/file-bench}
bp="$build/bpharness"
fp="$build/examples/file_pipeline"
cloop="$build/bench/zlib_loop"
node_js="$root/bench/node/file-pipeline.js"

for f in "$bp" "$fp" "$cloop"; do
  [[ -x "$f" ]] || { echo "file-pipelines.sh: $f is missing; build $build with -DBP_BUILD_BENCH=ON" >&2; exit 2; }
done
command -v node >/dev/null || { echo "file-pipelines.sh: node is not on PATH" >&2; exit 2; }
mkdir -p "$out"
trap 'rm -rf "$out"' EXIT

# A log file of the given size, from bpharness's own log generator (a real-clock scenario
# with a file sink).
generate() {  # SIZE PATH
  cat >"$out/generate.json" <<JSON
{"version": 1, "name": "generate", "clock": "real", "source": {"total": "$1", "data": "log"},
 "sink": {"file": "$2"}, "driver": "pipeline", "expect": {"memory": "bounded"},
 "limits": {"timeout": "none"}}
JSON
  "$bp" run "$out/generate.json" --quiet --out "$out/reports" >/dev/null
}

# Runs a command under GNU time; appends "seconds kib" to the file named by $1.
measure() {  # RESULTS_FILE CMD...
  local results=$1
  shift
  /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@"
  cat "$out/time.txt" >>"$results"
}

# "median-seconds median-MiB" of a results file.
medians() {
  python3 - "$1" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1]) if line.strip()]
secs = statistics.median(float(r[0]) for r in rows)
mib = statistics.median(float(r[1]) for r in rows) / 1024
print(f"{secs:.2f} {mib:.1f}")
PY
}

row() {  # TASK TOOL RESULTS_FILE
  read -r secs mib < <(medians "$3")
  printf '| %s | %s | %s | %s |\n' "$1" "$2" "$secs" "$mib"
}

echo "file-pipelines.sh: load average $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) CPUs, $runs runs per cell"
in="$out/in.log"
generate "$size" "$in"
rm -f "$out"/*.res
for ((i = 0; i < runs; i++)); do
  measure "$out/gz-bp.res" "$fp" gzip "$in" "$out/bp.gz"
  measure "$out/gz-cli.res" sh -c "gzip -6 -c '$in' > '$out/cli.gz'"
  measure "$out/gz-node.res" node "$node_js" gzip "$in" "$out/node.gz"
  measure "$out/gz-c.res" "$cloop" "$in" "$out/c.gz"
  measure "$out/cp-bp.res" "$fp" copy "$in" "$out/bp.copy"
  measure "$out/cp-cat.res" sh -c "cat '$in' > '$out/cat.copy'"
  measure "$out/cp-node.res" node "$node_js" copy "$in" "$out/node.copy"
done
for f in bp cli node c; do gzip -t "$out/$f.gz"; done
"$fp" gunzip "$out/bp.gz" "$out/bp.back"
cmp "$in" "$out/bp.back"
cmp "$in" "$out/bp.copy"
echo "checked: every .gz passes gzip -t; file_pipeline's gzip round-trips through Gunzip; copies are identical"
rm -f "$out"/*.gz "$out"/*.copy "$out/bp.back"

echo
echo "| $size log file | tool | wall s (median) | peak RSS MiB (median) |"
echo "|---|---|---|---|"
row gzip "bpharness pipeline (file_pipeline gzip)" "$out/gz-bp.res"
row gzip "gzip -6" "$out/gz-cli.res"
row gzip "Node v20 pipeline + createGzip" "$out/gz-node.res"
row gzip "plain C zlib loop, 64 KiB buffers" "$out/gz-c.res"
row copy "bpharness pipeline (file_pipeline copy)" "$out/cp-bp.res"
row copy "cat" "$out/cp-cat.res"
row copy "Node v20 pipeline" "$out/cp-node.res"
rm -f "$in"

echo
echo "| file size | file_pipeline gzip wall s | peak RSS MiB |"
echo "|---|---|---|"
for s in $sizes; do
  generate "$s" "$in"
  rm -f "$out/size.res"
  for ((i = 0; i < runs; i++)); do measure "$out/size.res" "$fp" gzip "$in" "$out/bp.gz"; done
  gzip -t "$out/bp.gz"
  read -r secs mib < <(medians "$out/size.res")
  printf '| %s | %s | %s |\n' "$s" "$secs" "$mib"
  rm -f "$in" "$out/bp.gz"
done
