#!/usr/bin/env bash
# run-all.sh: every measurement behind bench/RESULTS.md, in one go (`make bench` runs it).
#
#   BENCH_BUILD=build-bench bench/run-all.sh
#
# Needs a Release build with BP_BUILD_BENCH=ON in $BENCH_BUILD (make bench configures one) and
# `node` v20 on PATH. Writes everything under $BENCH_OUT (default
# $BENCH_BUILD/bench-results/<timestamp>) and prints the tables that go into RESULTS.md.
# Every number is a median of several runs; baselines (Node, sampling off) are measured in
# the same session, interleaved, so ratios hold even on a loaded machine. The load average is
# printed before each section: read the numbers with it.
#
# Knobs: ROUNDS (streams rounds, default 3), BENCH_CPU (the CPU the streams runs are pinned to,
# default the highest this process may run on), RUNS (timing runs, default 5),
# OVERHEAD_RUNS (sampling on/off pairs, default 11), SKIP="streams timings accuracy files exec"
# to skip sections (files and exec run bench/file-pipelines.sh and bench/exec-throughput.sh,
# which take their own knobs).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
build=${BENCH_BUILD:-build-bench}
[[ "$build" = /* ]] || build="$root/$build"
out=${BENCH_OUT:-$build/bench-results/$(date -u +%Y%m%dT%H%M%SZ)}
rounds=${ROUNDS:-3}
runs=${RUNS:-5}
overhead_runs=${OVERHEAD_RUNS:-11}
skip=${SKIP:-}
# The streams runs, C++ and Node alike, are pinned to one CPU: the two vCPUs of the development
# machine run the same code at speeds up to 1.8x apart, and an unpinned process lands on either,
# which makes any one run's rate bimodal.
cpu=${BENCH_CPU:-$(python3 -c 'import os; print(max(os.sched_getaffinity(0)))')}
pin=(taskset -c "$cpu")
bp="$build/bpharness"

wanted() { [[ " $skip " != *" $1 "* ]]; }
# Only what the sections to run need must be built.
needed=()
if wanted streams; then
  needed+=("$build/bench/streams_bench")
  command -v taskset >/dev/null || { echo "run-all.sh: needs taskset (util-linux) to pin the streams runs" >&2; exit 2; }
fi
wanted timings && needed+=("$bp" "$build/bench/sampling_overhead")
{ wanted accuracy || wanted exec; } && needed+=("$bp")
wanted files && needed+=("$bp" "$build/examples/file_pipeline" "$build/bench/zlib_loop")
for f in "${needed[@]}"; do
  [[ -x "$f" ]] || { echo "run-all.sh: $f is missing; run 'make bench' (or build $build with -DBP_BUILD_BENCH=ON)" >&2; exit 2; }
done
mkdir -p "$out"
exec > >(tee "$out/run-all.log") 2>&1

median() { python3 -c 'import statistics,sys; print(f"{statistics.median(float(x) for x in sys.argv[1:]):.3f}")' "$@"; }
load() { echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cpus"; }
section() { echo; echo "== $* =="; load; }

section "machine"
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "cpu: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) cpus, $(free -g | awk '/Mem:/ {print $2}') GiB RAM"
echo "kernel: $(uname -sr)"
echo "compiler: $(${CXX:-g++} --version | head -1); build: $(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$build/CMakeCache.txt")"
echo "node: $(node --version 2>/dev/null || echo missing)"
echo "tree: $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet || echo ' + uncommitted changes')"
echo "results: $out"

# 1. Streams: C++ (glibc malloc, and jemalloc) and Node, shape by shape, round by round.
if wanted streams; then
  section "streams: chunks/s through pipeline(source, k x PassThrough, sink), $rounds rounds, on cpu $cpu"
  # Shape by shape, the C++ and Node runs of a shape follow each other, so each ratio compares
  # runs made under the same load (compare_streams.py pairs them per round).
  for r in $(seq 1 "$rounds"); do
    echo "round $r/$rounds ($(load))"
    d="$out/streams/r$r"; mkdir -p "$d"
    for size in 64 65536; do
      for k in 0 1 4; do
        filter="--benchmark_filter=BM_Pipeline/k:$k/chunk:$size\$"
        "${pin[@]}" "$build/bench/streams_bench" "$filter" --benchmark_repetitions=3 --benchmark_format=json \
          > "$d/cpp_k${k}_c$size.json" 2>/dev/null
        if [[ -x "$build/bench/streams_bench_jemalloc" ]]; then
          "${pin[@]}" "$build/bench/streams_bench_jemalloc" "$filter" --benchmark_repetitions=3 \
            --benchmark_format=json > "$d/cppje_k${k}_c$size.json" 2>/dev/null
        fi
        "${pin[@]}" node "$root/bench/node/pipeline-bench.js" --json --runs 3 --k "$k" --chunk "$size" \
          > "$d/node_k${k}_c$size.json"
      done
    done
  done
  python3 "$root/bench/compare_streams.py" "$out/streams" | tee "$out/streams.md"
fi

# 2. Timings: the 1 GiB pipeline, sampling on/off, the bundled suite.
if wanted timings; then
  section "1 GiB through pipeline() with three stages, 64 KiB chunks ($runs runs, bpharness run -j1)"
  walls=(); inner=()
  for i in $(seq 1 "$runs"); do
    w=$( { /usr/bin/time -f "%e" "$bp" run "$root/bench/scenarios/pipeline-1gib-three-stages.json" \
           --out "$out/t1g" -j1 --quiet >/dev/null; } 2>&1 | tail -1)
    ms=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("%.1f %s" % (d["wall_ms"], d["verdict"]))' \
         "$out/t1g/pipeline-1gib-three-stages.report.json")
    echo "run $i: ${w} s whole command; scenario ${ms% *} ms in its child; verdict ${ms#* }"
    walls+=("$w"); inner+=("${ms% *}")
  done
  echo "median: $(median "${walls[@]}") s whole command, $(median "${inner[@]}") ms scenario (target < 2 s)"

  section "sampling overhead: run_scenario() with sampling on vs off, $overhead_runs pairs each"
  "$build/bench/sampling_overhead" --runs "$overhead_runs" \
    "$root/bench/scenarios/pipeline-1gib-three-stages.json" \
    "$root/scenarios/pipeline-10gib-constant-memory.json" \
    "$root/scenarios/pipeline-bursty-sink.json" \
    "$root/scenarios/pipeline-stalling-sink.json" | tee "$out/sampling.txt"

  section "the bundled suite: bpharness run scenarios/ -j2 ($runs runs)"
  walls=()
  for i in $(seq 1 "$runs"); do
    w=$( { /usr/bin/time -f "%e" "$bp" run "$root/scenarios" --out "$out/suite-$i" -j2 --quiet >/dev/null || true; } 2>&1 | tail -1)
    res=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("%d passed, %d failed" % (d["passed"], d["failed"]))' \
          "$out/suite-$i/summary.json")
    echo "run $i: ${w} s ($res)"
    walls+=("$w")
  done
  echo "median: $(median "${walls[@]}") s (target < 60 s)"
fi

# 3. Detector accuracy: the labelled set, run twice.
if wanted accuracy; then
  section "detector accuracy: labelled set, two runs at -j2"
  python3 "$root/bench/accuracy/generate.py" "$out/accuracy"
  for i in 1 2; do
    w=$( { /usr/bin/time -f "%e" "$bp" run "$out/accuracy/scenarios" --out "$out/accuracy/run$i" -j2 --quiet \
           > "$out/accuracy/run$i.log" || true; } 2>&1 | tail -1)
    echo "run $i: ${w} s wall ($(load))"
  done
  python3 "$root/bench/accuracy/score.py" "$out/accuracy/labels.json" \
    "$out/accuracy/run1" "$out/accuracy/run2" --json "$out/accuracy/score.json" | tee "$out/accuracy.md"
fi

# 4. File pipelines on libuv (gzip and copy against gzip, cat, a C loop and Node), and 5. exec.
if wanted files; then
  section "file pipelines (bench/file-pipelines.sh)"
  BENCH_BUILD="$build" BENCH_OUT="$out/files" "$root/bench/file-pipelines.sh"
fi
if wanted exec; then
  section "exec through cat (bench/exec-throughput.sh)"
  BENCH_BUILD="$build" "$root/bench/exec-throughput.sh"
fi

section "done"
echo "results in $out"
