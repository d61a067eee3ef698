#!/usr/bin/env python3
"""Writes the labelled accuracy set: leaking and bounded scenarios, each with its true verdict.

    generate.py OUTDIR

OUTDIR/scenarios/ receives one scenario file per case (expect.memory is the label, so
`bpharness run` also reports pass/fail) and OUTDIR/labels.json: {name: {label, family,
leak_rate, total, driver}}.
Standard library only. The set is fixed (no randomness here; seeds are written into the
scenarios), so every run of it is the same experiment.

Leaks (label "grows"), at rates from 0.1% to 100% of the input:
  - a speed gap under the drivers that ignore backpressure (on-data-ignore, push-ignore,
    for-await-ignore): a sink at (1 - r) times the source's rate keeps r of every input byte
    buffered, so the heap grows by r per input byte;
  - `retain` stages keeping a fraction r of the chunks alive (pipeline, pipe, 1 KiB chunks).
  Leaks of 1% or more get 64 MiB of input (the target: detected within 64 MiB); smaller ones
  get 1 GiB, the most the set allows, so the smallest detectable rate can show. Every leak
  runs under a 512 MiB ceiling.
Bounded (label "bounded"), made hard: bursts, jitter, stalls, steps to zero, slow sinks up to
1000x, high-water marks from 0 to 64 MiB (some filling slowly, so the heap still rises late in
the run), 1-byte and 1 MiB chunks, object mode, gzip, expand/shrink, batching, cost stages,
retain with fraction 0, and the leaky drivers with a sink that is faster than the source at every
instant (the leak needs a gap).
"""
import json
import os
import sys

MiB = 1 << 20
KiB = 1 << 10
GiB = 1 << 30

LEAK_RATES = [0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0]
CEILING = "512MiB"


def rate_tag(r):
    """0.001 -> '0.1pct', 1.0 -> '100pct' (for names)."""
    pct = r * 100
    text = f"{pct:g}"
    return text.replace(".", "p") + "pct"


class Set:
    def __init__(self):
        self.cases = {}

    def add(self, name, label, family, scenario, leak_rate=0.0, note=""):
        assert name not in self.cases, name
        doc = {"version": 1, "name": name}
        if note:
            doc["description"] = note
        doc.update(scenario)
        doc["expect"] = {"memory": label}
        self.cases[name] = {
            "doc": doc,
            "label": label,
            "family": family,
            "leak_rate": leak_rate,
            "total": scenario["source"]["total"],
            "driver": scenario["driver"],
        }


def leak_total(r):
    return 64 * MiB if r >= 0.01 else GiB


def add_leaks(s):
    # Speed gaps under the three drivers that ignore backpressure.
    src_rate = 640 * MiB
    for driver in ("on-data-ignore", "push-ignore", "for-await-ignore"):
        for r in LEAK_RATES:
            total = leak_total(r)
            chunk = 16 * KiB if total <= 64 * MiB else 64 * KiB
            sink_rate = int(round(src_rate * (1 - r)))  # bytes/s; 0 for r = 100%
            s.add(
                f"leak-gap-{driver}-{rate_tag(r)}",
                "grows",
                f"gap/{driver}",
                {
                    "source": {"chunk": chunk, "total": total, "rate": src_rate},
                    "sink": {"rate": sink_rate},
                    "driver": driver,
                    "limits": {"ceiling": CEILING},
                },
                leak_rate=r,
                note=f"{driver} with a sink {r:.1%} slower than the source: {r:.1%} of the input stays buffered",
            )
    # retain under pipeline(): the streams are bounded, the application is not.
    for i, r in enumerate(LEAK_RATES):
        total = leak_total(r)
        chunk = 16 * KiB if total <= 64 * MiB else 64 * KiB
        s.add(
            f"leak-retain-pipeline-{rate_tag(r)}",
            "grows",
            "retain/pipeline",
            {
                "source": {"chunk": chunk, "total": total, "rate": "640MiB/s"},
                "stages": [{"kind": "retain", "fraction": r, "seed": 11 + i}],
                "sink": {"rate": "640MiB/s"},
                "driver": "pipeline",
                "limits": {"ceiling": CEILING},
            },
            leak_rate=r,
        )
    # retain behind a passthrough under pipe(), into a bursty sink (buffers swing as it leaks).
    for i, r in enumerate(LEAK_RATES):
        total = leak_total(r)
        s.add(
            f"leak-retain-pipe-bursty-{rate_tag(r)}",
            "grows",
            "retain/pipe-bursty",
            {
                "source": {"chunk": 64 * KiB, "total": total, "rate": "512MiB/s"},
                "stages": [{"kind": "passthrough"}, {"kind": "retain", "fraction": r, "seed": 31 + i}],
                "sink": {"rate": {"profile": "bursts", "rate": "1GiB/s", "on": "20ms", "off": "30ms"}},
                "driver": "pipe",
                "limits": {"ceiling": CEILING},
            },
            leak_rate=r,
        )
    # retain of small chunks (1 KiB: per-chunk overhead dominates) under await-drain.
    for i, r in enumerate(LEAK_RATES):
        total = 64 * MiB if r >= 0.01 else 256 * MiB
        s.add(
            f"leak-retain-1k-await-drain-{rate_tag(r)}",
            "grows",
            "retain/1KiB-await-drain",
            {
                "source": {"chunk": KiB, "total": total, "rate": "256MiB/s"},
                "stages": [{"kind": "retain", "fraction": r, "seed": 51 + i}],
                "sink": {"rate": {"profile": "jitter", "rate": "256MiB/s", "spread": 0.5, "every": "5ms", "seed": 3}},
                "driver": "await-drain",
                "limits": {"ceiling": CEILING},
            },
            leak_rate=r,
        )


SINK_PROFILES = {
    "const10x": "64MiB/s",
    "const1000x": "640KiB/s",
    "bursts": {"profile": "bursts", "rate": "1GiB/s", "on": "20ms", "off": "180ms"},
    "stalls": {"profile": "stalls", "rate": "256MiB/s", "every": "1s", "stall": "900ms"},
    "jitter": {"profile": "jitter", "rate": "64MiB/s", "spread": 1.0, "every": "5ms", "seed": 7},
    "steps-to-zero": {
        "profile": "steps",
        "steps": [{"rate": "512MiB/s", "for": "100ms"}, {"rate": 0, "for": "400ms"}],
        "repeat": True,
    },
}


def add_bounded(s):
    B = "bounded"
    # B1: the drivers that respect backpressure, against hard sinks.
    for driver in ("pipeline", "pipe", "await-drain"):
        for prof, rate in SINK_PROFILES.items():
            total = 32 * MiB if prof == "const1000x" else 128 * MiB
            s.add(
                f"bounded-{driver}-{prof}",
                B,
                f"sinks/{driver}",
                {
                    "source": {"chunk": 16 * KiB, "total": total, "rate": "640MiB/s"},
                    "sink": {"rate": rate},
                    "driver": driver,
                },
            )
    # B2: high-water marks up to 64 MiB (1 GiB of input, so a full buffer is a small part of it).
    big = [
        ("sink-hwm-1MiB", "pipeline", {}, [], {"highWaterMark": "1MiB"}),
        ("sink-hwm-16MiB", "pipeline", {}, [], {"highWaterMark": "16MiB"}),
        ("sink-hwm-64MiB", "pipeline", {}, [], {"highWaterMark": "64MiB"}),
        ("source-hwm-64MiB", "pipeline", {"highWaterMark": "64MiB"}, [], {}),
        ("stage-hwm-64MiB", "pipeline", {}, [{"kind": "passthrough", "highWaterMark": "64MiB"}], {}),
        ("all-hwm-64MiB-pipe", "pipe", {"highWaterMark": "64MiB"},
         [{"kind": "passthrough", "highWaterMark": "64MiB"}], {"highWaterMark": "64MiB"}),
    ]
    for tag, driver, src_extra, stages, sink_extra in big:
        src = {"chunk": 64 * KiB, "total": GiB, "rate": "1GiB/s"}
        src.update(src_extra)
        sink = {"rate": "128MiB/s"}
        sink.update(sink_extra)
        doc = {"source": src, "sink": sink, "driver": driver,
               "sampling": {"everyBytes": "4MiB", "every": "50ms"}}
        if stages:
            doc["stages"] = stages
        s.add(f"bounded-{tag}", B, "hwm/large", doc)
    # B2b: large buffers that fill slowly, so they are still filling in the second half of the
    # run: bounded by the configuration (the buffer stops at its high-water mark), but the heap
    # rises with the input for most of the run.
    slow_fill = [
        # tag, source rate, sink rate (MiB/s), stages, sink high-water mark
        ("sink-hwm-64MiB-gap-9pct", 110, 100, [], "64MiB"),   # full after ~704 MiB of input
        ("sink-hwm-64MiB-gap-20pct", 125, 100, [], "64MiB"),  # full after ~320 MiB
        ("sink-hwm-16MiB-gap-2pct", 102, 100, [], "16MiB"),   # full after ~816 MiB
        ("stage-hwm-64MiB-gap-13pct", 115, 100, [{"kind": "passthrough", "highWaterMark": "64MiB"}], None),
        ("sink-hwm-16MiB-gap-20pct", 125, 100, [], "16MiB"),
        ("sink-hwm-4MiB-gap-20pct", 125, 100, [], "4MiB"),
    ]
    for tag, src_rate, sink_rate, stages, sink_hwm in slow_fill:
        sink = {"rate": f"{sink_rate}MiB/s"}
        if sink_hwm:
            sink["highWaterMark"] = sink_hwm
        doc = {"source": {"chunk": 64 * KiB, "total": GiB, "rate": f"{src_rate}MiB/s"},
               "sink": sink, "driver": "pipeline",
               "sampling": {"everyBytes": "4MiB", "every": "50ms"}}
        if stages:
            doc["stages"] = stages
        s.add(f"bounded-slow-fill-{tag}", B, "hwm/slow-fill", doc,
              note="a large buffer filling slowly up to its high-water mark: bounded, but still rising late in the run")
    # B3: tiny high-water marks.
    for tag, src_extra, stages, sink_extra in [
        ("sink-hwm-0", {}, [], {"highWaterMark": 0}),
        ("stage-hwm-1B", {}, [{"kind": "passthrough", "highWaterMark": 1}], {}),
        ("source-hwm-0", {"highWaterMark": 0}, [], {}),
    ]:
        src = {"chunk": 16 * KiB, "total": 64 * MiB, "rate": "640MiB/s"}
        src.update(src_extra)
        sink = {"rate": "64MiB/s"}
        sink.update(sink_extra)
        doc = {"source": src, "sink": sink, "driver": "pipeline"}
        if stages:
            doc["stages"] = stages
        s.add(f"bounded-{tag}", B, "hwm/tiny", doc)
    # B4: 1-byte chunks (per-chunk overhead is 50x the data).
    one = [
        ("pipeline-slow-sink", "pipeline", [], {"rate": "100KiB/s"}, "1MiB/s"),
        ("pipe-passthrough", "pipe", [{"kind": "passthrough"}], {"rate": "100KiB/s"}, "1MiB/s"),
        ("await-drain-bursty", "await-drain", [],
         {"rate": {"profile": "bursts", "rate": "1MiB/s", "on": "50ms", "off": "200ms"}}, "1MiB/s"),
        ("on-data-ignore-fast-sink", "on-data-ignore", [], {"rate": "unlimited"}, "1MiB/s"),
    ]
    for tag, driver, stages, sink, src_rate in one:
        doc = {"source": {"chunk": 1, "total": 512 * KiB, "rate": src_rate}, "sink": sink,
               "driver": driver, "sampling": {"everyBytes": "16KiB", "every": "10ms"}}
        if stages:
            doc["stages"] = stages
        s.add(f"bounded-1B-{tag}", B, "chunk/1B", doc)
    # B5: 1 MiB chunks (every buffer holds one chunk far above its high-water mark).
    mb = [
        ("pipeline-slow-sink", "pipeline", [], {"rate": "64MiB/s"}),
        ("pipe-2-passthrough-bursty", "pipe", [{"kind": "passthrough"}, {"kind": "passthrough"}],
         {"rate": {"profile": "bursts", "rate": "1GiB/s", "on": "20ms", "off": "180ms"}}),
        ("pipeline-sink-hwm-64MiB", "pipeline", [], {"rate": "64MiB/s", "highWaterMark": "64MiB"}),
        ("await-drain-stalls", "await-drain", [],
         {"rate": {"profile": "stalls", "rate": "256MiB/s", "every": "1s", "stall": "900ms"}}),
        ("push-ignore-fast-sink", "push-ignore", [], {"rate": "unlimited"}),
    ]
    for tag, driver, stages, sink in mb:
        doc = {"source": {"chunk": MiB, "total": 512 * MiB, "rate": "640MiB/s"}, "sink": sink,
               "driver": driver, "sampling": {"everyBytes": "4MiB", "every": "10ms"}}
        if stages:
            doc["stages"] = stages
        s.add(f"bounded-1MiB-{tag}", B, "chunk/1MiB", doc)
    # B6: the leaky drivers with a sink faster than the source at every instant.
    fast = {
        "const-2x": ({"rate": "100MiB/s"}, {"rate": "200MiB/s"}),
        "jitter": ({"rate": {"profile": "jitter", "rate": "100MiB/s", "spread": 0.2, "every": "5ms", "seed": 5}},
                   {"rate": {"profile": "jitter", "rate": "300MiB/s", "spread": 0.4, "every": "3ms", "seed": 9}}),
        "source-bursts": ({"rate": {"profile": "bursts", "rate": "256MiB/s", "on": "50ms", "off": "50ms"}},
                          {"rate": "512MiB/s"}),
        "unlimited-sink": ({"rate": "640MiB/s"}, {"rate": "unlimited"}),
    }
    for driver in ("on-data-ignore", "push-ignore", "for-await-ignore"):
        for tag, (src_rate, sink) in fast.items():
            src = {"chunk": 16 * KiB, "total": 128 * MiB}
            src.update(src_rate)
            s.add(f"bounded-{driver}-fast-{tag}", B, f"fast-sink/{driver}",
                  {"source": src, "sink": sink, "driver": driver})
    # B7: stages under pipeline into a bursty sink.
    bursty = {"rate": {"profile": "bursts", "rate": "1GiB/s", "on": "20ms", "off": "180ms"}}
    stage_sets = {
        "gzip-gunzip": [{"kind": "gzip", "level": 1}, {"kind": "gunzip"}],
        "expand-shrink": [{"kind": "expand", "ratio": 10}, {"kind": "shrink", "ratio": 0.1}],
        "batch16": [{"kind": "batch", "count": 16}],
        "cost-2ns": [{"kind": "cost", "perByte": "2ns"}],
        "four-passthrough": [{"kind": "passthrough"} for _ in range(4)],
        "retain-0": [{"kind": "retain", "fraction": 0, "seed": 1}],
    }
    for tag, stages in stage_sets.items():
        total = 64 * MiB if tag in ("gzip-gunzip", "expand-shrink") else 128 * MiB
        s.add(f"bounded-stages-{tag}", B, "stages",
              {"source": {"chunk": 16 * KiB, "total": total, "rate": "640MiB/s"},
               "stages": stages, "sink": bursty, "driver": "pipeline"})
    s.add("bounded-stages-retain-0-pipe", B, "stages",
          {"source": {"chunk": 64 * KiB, "total": 128 * MiB, "rate": "640MiB/s"},
           "stages": [{"kind": "passthrough"}, {"kind": "retain", "fraction": 0, "seed": 2}],
           "sink": {"rate": "64MiB/s"}, "driver": "pipe"})
    # B8: object mode.
    s.add("bounded-object-1KiB", B, "object",
          {"source": {"chunk": KiB, "total": 64 * MiB, "rate": "128MiB/s", "objectMode": True},
           "stages": [{"kind": "passthrough"}], "sink": {"rate": "16MiB/s"}, "driver": "pipeline"})
    s.add("bounded-object-1MiB", B, "object",
          {"source": {"chunk": MiB, "total": GiB, "rate": "1GiB/s", "objectMode": True},
           "stages": [{"kind": "passthrough"}], "sink": {"rate": "128MiB/s"}, "driver": "pipeline",
           "sampling": {"everyBytes": "16MiB", "every": "50ms"}})
    s.add("bounded-object-1B-pipe", B, "object",
          {"source": {"chunk": 1, "total": 256 * KiB, "rate": "1MiB/s", "objectMode": True},
           "sink": {"rate": {"profile": "bursts", "rate": "1MiB/s", "on": "50ms", "off": "200ms"}},
           "driver": "pipe", "sampling": {"everyBytes": "16KiB", "every": "10ms"}})
    # B9: jitter at both ends, full spread, several seeds.
    for seed in (1, 2, 3, 4):
        s.add(f"bounded-jitter-both-seed{seed}", B, "jitter",
              {"source": {"chunk": 16 * KiB, "total": 128 * MiB,
                          "rate": {"profile": "jitter", "rate": "256MiB/s", "spread": 1.0, "every": "2ms", "seed": seed}},
               "sink": {"rate": {"profile": "jitter", "rate": "128MiB/s", "spread": 1.0, "every": "7ms", "seed": seed + 100}},
               "driver": "pipeline" if seed % 2 else "pipe"})
    # B10: long stalls (95% of the time stopped).
    for driver in ("pipeline", "pipe"):
        s.add(f"bounded-long-stalls-{driver}", B, "stalls",
              {"source": {"chunk": 16 * KiB, "total": 64 * MiB, "rate": "640MiB/s"},
               "sink": {"rate": {"profile": "stalls", "rate": "1GiB/s", "every": "1s", "stall": "950ms"}},
               "driver": driver})


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    out = sys.argv[1]
    scen_dir = os.path.join(out, "scenarios")
    os.makedirs(scen_dir, exist_ok=True)
    s = Set()
    add_leaks(s)
    add_bounded(s)
    labels = {}
    for name, case in s.cases.items():
        with open(os.path.join(scen_dir, name + ".json"), "w") as fh:
            json.dump(case["doc"], fh, indent=1)
            fh.write("\n")
        labels[name] = {k: v for k, v in case.items() if k != "doc"}
    with open(os.path.join(out, "labels.json"), "w") as fh:
        json.dump(labels, fh, indent=1, sort_keys=True)
    n_leak = sum(1 for c in labels.values() if c["label"] == "grows")
    print(f"generate.py: {len(labels)} scenarios ({n_leak} leaking, {len(labels) - n_leak} bounded) in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
