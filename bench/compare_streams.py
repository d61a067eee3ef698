#!/usr/bin/env python3
"""Side-by-side table of streams_bench (C++) and pipeline-bench.js (Node).

    compare_streams.py DIR

DIR holds one folder per round, r1/ r2/ ..., each with, per shape (k PassThroughs, chunk bytes):
  cpp_k<K>_c<S>.json    streams_bench --benchmark_format=json (glibc malloc)
  cppje_k<K>_c<S>.json  streams_bench_jemalloc, the same (optional)
  node_k<K>_c<S>.json   pipeline-bench.js --json --k K --chunk S
run-all.sh runs a shape's three programs back to back, so within a round they share the
machine's state; the load on a shared machine changes on a scale of minutes. The headline is
therefore the median over rounds of the per-round ratio C++ / Node (each side's median in that
round), next to each side's median over all its runs. Rates are chunks per second of CPU time
(robust on a shared machine); wall-time rates are shown too. The issue's target: >= 5x Node for
every k.
"""
import glob
import json
import os
import re
import statistics
import sys

SHAPES = [(k, size) for size in (64, 65536) for k in (0, 1, 4)]


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def cpp_runs(path):
    """(cpu rates, wall rates) of every repetition in a Google Benchmark JSON file."""
    with open(path) as fh:
        data = json.load(fh)
    cpu, wall = [], []
    for b in data["benchmarks"]:
        if b.get("run_type") == "iteration":
            cpu.append(b["items_per_second"])
            wall.append(b["wall_chunks_per_s"])
    return cpu, wall


def node_runs(path):
    with open(path) as fh:
        data = json.load(fh)
    cpu, wall = [], []
    for r in data["results"]:
        cpu += [x["cpu"] for x in r["runs"]]
        wall += [x["wall"] for x in r["runs"]]
    return cpu, wall, data["node"]


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    rounds = sorted(glob.glob(os.path.join(argv[1], "r*")),
                    key=lambda p: int(re.sub(r"\D", "", os.path.basename(p)) or 0))
    version = "?"
    rows = []
    all_met = True
    for k, size in SHAPES:
        tag = f"k{k}_c{size}"
        pooled = {"cpp": ([], []), "cppje": ([], []), "node": ([], [])}
        ratios = {"cpp": [], "cppje": [], "cpp_wall": []}
        for rd in rounds:
            got = {}
            for side in ("cpp", "cppje", "node"):
                path = os.path.join(rd, f"{side}_{tag}.json")
                if not os.path.exists(path):
                    continue
                if side == "node":
                    cpu, wall, version = node_runs(path)
                else:
                    cpu, wall = cpp_runs(path)
                pooled[side][0].extend(cpu)
                pooled[side][1].extend(wall)
                got[side] = (med(cpu), med(wall))
            if "node" in got:
                for side in ("cpp", "cppje"):
                    if side in got:
                        ratios[side].append(got[side][0] / got["node"][0])
                if "cpp" in got:
                    ratios["cpp_wall"].append(got["cpp"][1] / got["node"][1])
        r = med(ratios["cpp"])
        all_met = all_met and r >= 5
        rows.append((k, size, pooled, ratios))

    m = lambda x: f"{x / 1e6:.2f}M"
    span = lambda xs: f"{min(xs) / 1e6:.1f}–{max(xs) / 1e6:.1f}" if xs else "—"
    print(f"Node {version}; {len(rounds)} rounds; chunks/s per CPU second, median over all runs "
          "[min–max]; ratio = median over rounds of the per-round ratio [min–max]\n")
    print("| k | chunk | Node | C++ (glibc malloc) | **C++/Node** | C++ (jemalloc) | jemalloc/Node | C++/Node, wall time |")
    print("|---|---|---|---|---|---|---|---|")
    for k, size, pooled, ratios in rows:
        n_cpu, c_cpu, j_cpu = pooled["node"][0], pooled["cpp"][0], pooled["cppje"][0]
        rr = lambda xs: f"{med(xs):.2f}× [{min(xs):.2f}–{max(xs):.2f}]" if xs else "—"
        print(f"| {k} | {size} B | {m(med(n_cpu))} [{span(n_cpu)}] | {m(med(c_cpu))} [{span(c_cpu)}] | "
              f"**{rr(ratios['cpp'])}** | {m(med(j_cpu)) if j_cpu else '—'} | {rr(ratios['cppje'])} | "
              f"{rr(ratios['cpp_wall'])} |")
    print()
    print("target (C++ >= 5x Node for every k, both chunk sizes):", "MET" if all_met else "MISSED")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
