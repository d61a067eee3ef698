#!/usr/bin/env python3
"""Side-by-side table of streams_bench (C++) and pipeline-bench.js (Node) results.

    compare_streams.py --cpp A.json [B.json ...] --node X.json [Y.json ...] [--label NAME.json ...]

Each --cpp file is Google Benchmark's JSON output (--benchmark_format=json); each --node file is
pipeline-bench.js --json. More C++ variants may be given as --cpp-variant NAME FILE... (e.g. the
jemalloc build). Every repetition of every file is pooled and the median taken per shape.
Rates are chunks per CPU second (the headline: robust on a shared machine) and per wall
second. The ratio is C++ / Node; the issue's target is >= 5 for every k.
"""
import argparse
import json
import statistics
import sys

SHAPES = [(k, size) for size in (64, 65536) for k in (0, 1, 4)]


def cpp_rates(files):
    cpu, wall = {}, {}
    for f in files:
        with open(f) as fh:
            data = json.load(fh)
        for b in data["benchmarks"]:
            if b.get("run_type") != "iteration":
                continue
            shape = (int(b["k"]), int(b["chunk_bytes"]))
            cpu.setdefault(shape, []).append(b["items_per_second"])
            wall.setdefault(shape, []).append(b["wall_chunks_per_s"])
    return cpu, wall


def node_rates(files):
    cpu, wall, version = {}, {}, "?"
    for f in files:
        with open(f) as fh:
            data = json.load(fh)
        version = data["node"]
        for r in data["results"]:
            shape = (r["k"], r["chunk"])
            cpu.setdefault(shape, []).extend(x["cpu"] for x in r["runs"])
            wall.setdefault(shape, []).extend(x["wall"] for x in r["runs"])
    return cpu, wall, version


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cpp", nargs="+", required=True)
    ap.add_argument("--node", nargs="+", required=True)
    ap.add_argument("--cpp-variant", nargs="+", action="append", default=[],
                    metavar=("NAME", "FILE"))
    args = ap.parse_args()

    c_cpu, c_wall = cpp_rates(args.cpp)
    n_cpu, n_wall, version = node_rates(args.node)
    variants = [(v[0], cpp_rates(v[1:])) for v in args.cpp_variant]

    m = lambda x: f"{x / 1e6:7.2f}M"
    head = "| k | chunk | Node cpu | C++ cpu | C++/Node | Node wall | C++ wall | C++/Node (wall) |"
    for name, _ in variants:
        head += f" {name} cpu | {name}/Node |"
    print(f"Node {version}; medians over {len(args.cpp)} C++ file(s) and {len(args.node)} Node file(s); "
          "rates in chunks/s")
    print(head)
    print("|" + "---|" * (head.count("|") - 1))
    all_met = True
    for shape in SHAPES:
        k, size = shape
        nc, cc = med(n_cpu.get(shape, [])), med(c_cpu.get(shape, []))
        nw, cw = med(n_wall.get(shape, [])), med(c_wall.get(shape, []))
        ratio = cc / nc
        if ratio < 5:
            all_met = False
        row = (f"| {k} | {size} B | {m(nc)} | {m(cc)} | {ratio:5.2f}x | {m(nw)} | {m(cw)} | "
               f"{cw / nw:5.2f}x |")
        for _, (v_cpu, _) in variants:
            vc = med(v_cpu.get(shape, []))
            row += f" {m(vc)} | {vc / nc:5.2f}x |"
        print(row)
    print()
    print("target (C++ >= 5x Node on CPU rate, every shape):", "MET" if all_met else "MISSED")
    return 0


if __name__ == "__main__":
    sys.exit(main())
