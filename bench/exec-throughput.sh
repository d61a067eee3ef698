#!/usr/bin/env bash
# exec-throughput.sh: how fast `bpharness exec` moves data through a program that only passes it
# on: `cat`, with both rates unlimited. Prints each run and the median of RUNS runs in GB/s
# (10^9 bytes per second of the run's wall time, start-up included), with the verdict and the
# peak RSS of cat's process tree, as the table in bench/RESULTS.md shows them.
#
#   BENCH_BUILD=build-bench bench/exec-throughput.sh
#
# Knobs: SIZE (input per run, default 4GiB), CHUNK (bytes per write, default 64KiB), RUNS
# (default 5). Target: a median of at least 1 GB/s.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${BENCH_BUILD:-build-bench}
[[ "$build" = /* ]] || build="$root/$build"
size=${SIZE:-4GiB}
chunk=${CHUNK:-64KiB}
runs=${RUNS:-5}
bp="$build/bpharness"
[[ -x "$bp" ]] || { echo "exec-throughput.sh: $bp is missing; build it first" >&2; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# field INDENT KEY FILE: the value of KEY at that indentation of the report (2: top level).
field() { sed -n "s/^ \{$1\}\"$2\": \"\{0,1\}\([^\",]*\).*/\1/p" "$3"; }

echo "exec through cat: $size in $chunk chunks, rates unlimited, $runs runs; load: $(cut -d' ' -f1-3 /proc/loadavg)"
rates=()
for i in $(seq "$runs"); do
  "$bp" exec --input-rate unlimited --output-rate unlimited --total "$size" --chunk "$chunk" \
    --json "$tmp/report.json" -- cat > /dev/null
  bytes=$(field 2 input_bytes "$tmp/report.json")
  out_bytes=$(field 2 output_bytes "$tmp/report.json")
  wall=$(field 2 wall_ms "$tmp/report.json")
  peak=$(field 4 peak_rss "$tmp/report.json")
  verdict=$(field 2 verdict "$tmp/report.json")
  [[ "$bytes" == "$out_bytes" ]] || { echo "run $i: $bytes bytes in but $out_bytes out" >&2; exit 1; }
  rate=$(awk -v b="$bytes" -v ms="$wall" 'BEGIN { printf "%.2f", b / ms / 1e6 }')
  rates+=("$rate")
  printf 'run %d: %s GB/s  (%s bytes in %.0f ms; verdict %s; cat peak RSS %.1f MiB)\n' \
    "$i" "$rate" "$bytes" "$wall" "$verdict" "$(awk -v p="$peak" 'BEGIN { print p / 1048576 }')"
done
median=$(printf '%s\n' "${rates[@]}" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
echo "median: $median GB/s"
