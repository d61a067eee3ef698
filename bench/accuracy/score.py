#!/usr/bin/env python3
"""Scores the accuracy set: confusion matrix, misses with their numbers, determinism.

    score.py LABELS.json RUN_DIR [RUN_DIR ...] [--json OUT.json]

Each RUN_DIR holds the <name>.report.json files of one `bpharness run` of the set written by
generate.py. The first run is the one scored; every further run is compared with it verdict by
verdict. Prints Markdown (it goes into bench/RESULTS.md as is). Targets (issue 3): no false
positive at all; every leak >= 1% detected within 64 MiB of input; the same verdicts on every run.
"""
import json
import os
import sys

VERDICTS = ["bounded", "grows", "stalled", "error", "missing"]
MiB = 1 << 20


def load_run(run_dir, names):
    out = {}
    for name in names:
        path = os.path.join(run_dir, name + ".report.json")
        if not os.path.exists(path):
            out[name] = None
            continue
        with open(path) as fh:
            out[name] = json.load(fh)
    return out


def verdict(r):
    return r["verdict"] if r else "missing"


def fmt_bytes(n):
    n = float(n)
    for unit, size in (("GiB", 1 << 30), ("MiB", MiB), ("KiB", 1 << 10)):
        if abs(n) >= size:
            return f"{n / size:.2f} {unit}"
    return f"{n:.0f} B"


def pct(r):
    return f"{r * 100:g}%"


def numbers(r):
    h = r["heap"]
    allowed = h["bound"] * h["tolerance"] + h["noise_floor"]
    return (f"peak {fmt_bytes(h['peak_growth'])}, bound {fmt_bytes(h['bound'])} "
            f"(bound×tol+floor {fmt_bytes(allowed)}), slope {h['slope']:.5f}, "
            f"2nd-half slope {h['slope_second_half']:.5f} (threshold {h['slope_threshold']}), "
            f"ceiling hit {h['ceiling_hit']}, input {fmt_bytes(r['input_bytes'])}")


def main(argv):
    args = [a for a in argv[1:]]
    json_out = None
    if "--json" in args:
        i = args.index("--json")
        json_out = args[i + 1]
        del args[i:i + 2]
    if len(args) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    with open(args[0]) as fh:
        labels = json.load(fh)
    names = sorted(labels)
    runs = [load_run(d, names) for d in args[1:]]
    first = runs[0]

    # Confusion matrix of the first run.
    matrix = {lab: {v: 0 for v in VERDICTS} for lab in ("grows", "bounded")}
    for n in names:
        matrix[labels[n]["label"]][verdict(first[n])] += 1
    n_leak = sum(1 for n in names if labels[n]["label"] == "grows")
    n_bounded = len(names) - n_leak
    print(f"### Confusion matrix ({len(names)} scenarios: {n_leak} leaking, {n_bounded} bounded; run 1)\n")
    print("| label \\ verdict | " + " | ".join(VERDICTS) + " |")
    print("|---|" + "---|" * len(VERDICTS))
    for lab in ("grows", "bounded"):
        print(f"| **{lab}** | " + " | ".join(str(matrix[lab][v]) for v in VERDICTS) + " |")
    tp = matrix["grows"]["grows"]
    fp = matrix["bounded"]["grows"]
    other_bounded = n_bounded - matrix["bounded"]["bounded"] - fp
    print()
    print(f"- true positives {tp}/{n_leak}; false positives (bounded judged grows) **{fp}**; "
          f"bounded judged stalled/error/missing {other_bounded}")

    # False positives and misclassified bounded scenarios.
    wrong_bounded = [n for n in names if labels[n]["label"] == "bounded" and verdict(first[n]) != "bounded"]
    if wrong_bounded:
        print("\nBounded scenarios not judged bounded:\n")
        for n in wrong_bounded:
            r = first[n]
            print(f"- `{n}`: {verdict(r)}" + (f" — {r['reason']}; {numbers(r)}" if r else ""))

    # Leaks: detection by rate and family.
    leaks = [n for n in names if labels[n]["label"] == "grows"]
    detected = {n: verdict(first[n]) == "grows" for n in leaks}
    rates = sorted({labels[n]["leak_rate"] for n in leaks})
    families = sorted({labels[n]["family"] for n in leaks})
    print("\n### Leaks detected, by rate and family (run 1; ✓ detected, ✗ missed; input per scenario)\n")
    print("| rate | input | " + " | ".join(families) + " |")
    print("|---|---|" + "---|" * len(families))
    for rate in rates:
        cells, totals = [], set()
        for fam in families:
            ns = [n for n in leaks if labels[n]["leak_rate"] == rate and labels[n]["family"] == fam]
            cells.append(" ".join("✓" if detected[n] else "✗" for n in ns) or "—")
            totals.update(fmt_bytes(labels[n]["total"]) for n in ns)
        print(f"| {pct(rate)} | {', '.join(sorted(totals))} | " + " | ".join(cells) + " |")
    det_rates = [labels[n]["leak_rate"] for n in leaks if detected[n]]
    smallest = min(det_rates) if det_rates else None
    missed = [n for n in leaks if not detected[n]]
    all_above = None
    for rate in rates:
        if all(detected[n] for n in leaks if labels[n]["leak_rate"] >= rate):
            all_above = rate
            break
    print()
    print(f"- smallest leak rate detected: **{pct(smallest) if smallest is not None else 'none'}**"
          f"; every leak detected from **{pct(all_above) if all_above is not None else 'none'}** up")
    big = [n for n in leaks if labels[n]["leak_rate"] >= 0.01]
    big_ok = all(detected[n] for n in big)
    big_within = all(labels[n]["total"] <= 64 * MiB for n in big)
    print(f"- leaks ≥ 1%: {sum(detected[n] for n in big)}/{len(big)} detected, each with at most "
          f"{fmt_bytes(max(labels[n]['total'] for n in big))} of input"
          f" → target {'MET' if big_ok and big_within else 'MISSED'}")
    if big:
        # The closest call among detected >= 1% leaks: peak over the noise floor.
        close = sorted(big, key=lambda n: first[n]["heap"]["peak_growth"] / first[n]["heap"]["noise_floor"] if first[n] else 0)[:3]
        print("- closest calls among leaks ≥ 1% (lowest peak / noise floor): " + "; ".join(
            f"`{n}` peak {fmt_bytes(first[n]['heap']['peak_growth'])} = "
            f"{first[n]['heap']['peak_growth'] / first[n]['heap']['noise_floor']:.2f}× floor, "
            f"2nd-half slope {first[n]['heap']['slope_second_half']:.4f}" for n in close if first[n]))
    if missed:
        print("\nMissed leaks (label grows, verdict not grows), with the numbers the verdict used:\n")
        for n in missed:
            r = first[n]
            print(f"- `{n}` ({pct(labels[n]['leak_rate'])}, {labels[n]['family']}): {verdict(r)}"
                  + (f" — {numbers(r)}" if r else ""))

    # The tightest bounded scenarios: how close they came to a false positive.
    bounded_ok = [n for n in names if labels[n]["label"] == "bounded" and first[n]]
    def closeness(n):
        h = first[n]["heap"]
        return h["peak_growth"] / (h["bound"] * h["tolerance"] + h["noise_floor"])
    tight = sorted(bounded_ok, key=closeness, reverse=True)[:5]
    print("\nClosest bounded scenarios (peak growth / (bound × tolerance + noise floor); 1.0 would be flagged):\n")
    for n in tight:
        h = first[n]["heap"]
        print(f"- `{n}`: {closeness(n):.2f} — peak {fmt_bytes(h['peak_growth'])}, bound {fmt_bytes(h['bound'])}, "
              f"2nd-half slope {h['slope_second_half']:.5f}")

    # Determinism across runs.
    print(f"\n### Determinism ({len(runs)} runs)\n")
    same = True
    for i, other in enumerate(runs[1:], start=2):
        diff = [n for n in names if verdict(first[n]) != verdict(other[n])]
        peak_diff = [n for n in names if first[n] and other[n]
                     and first[n]["heap"]["peak_growth"] != other[n]["heap"]["peak_growth"]]
        same = same and not diff
        print(f"- run {i} vs run 1: {len(names) - len(diff)}/{len(names)} verdicts identical"
              + (f"; differing: {', '.join(diff)}" if diff else "")
              + f"; peak growth byte-identical in {len(names) - len(peak_diff)}/{len(names)}")
    if len(runs) == 1:
        print("- only one run given")

    walls = [first[n]["wall_ms"] for n in names if first[n]]
    print(f"\n- run 1 scenario wall time: sum {sum(walls) / 1000:.1f} s, max {max(walls) / 1000:.2f} s "
          f"(`{max(names, key=lambda n: first[n]['wall_ms'] if first[n] else 0)}`)")

    fp_ok = fp == 0 and not wrong_bounded
    print("\n### Targets\n")
    print(f"- no false positive: {'MET' if fp == 0 else 'MISSED'}"
          + ("" if fp_ok else f" ({fp} bounded judged grows, {other_bounded} judged otherwise)"))
    print(f"- every leak ≥ 1% detected within 64 MiB: {'MET' if big_ok and big_within else 'MISSED'}")
    print(f"- same verdicts on every run: {'MET' if same and len(runs) > 1 else ('not measured' if len(runs) == 1 else 'MISSED')}")

    if json_out:
        with open(json_out, "w") as fh:
            json.dump({
                "matrix": matrix, "false_positives": fp, "smallest_detected": smallest,
                "all_detected_from": all_above, "leaks_ge_1pct_detected": big_ok,
                "missed": missed, "wrong_bounded": wrong_bounded, "deterministic": same,
                "verdicts": [{n: verdict(run[n]) for n in names} for run in runs],
            }, fh, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
