#!/usr/bin/env bash
# End-to-end tests of the CI gate commands on the small scenarios in tests/cli/data:
#   gate_test.sh CASE BPHARNESS DATA_DIR WORK_DIR
# CASE is shard, merge or compare. Exits 0 when every check held, 1 otherwise, saying which.
set -uo pipefail

case_name=$1 bpharness=$2 data=$3 work=$4
rm -rf "$work" && mkdir -p "$work"
failures=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# expect_exit CODE CMD...: runs CMD (output in $work/out, $work/err) and checks its exit code.
expect_exit() {
  local want=$1; shift
  "$@" >"$work/out" 2>"$work/err"
  local got=$?
  [[ $got == "$want" ]] || { fail "exit $got, expected $want: $*"; cat "$work/out" "$work/err"; }
}

expect_in() {  # expect_in FILE TEXT
  grep -qF -- "$2" "$1" || { fail "$1 lacks '$2'"; cat "$1"; }
}

# The scenario names in a run's summary.json, sorted, one per line.
names_in() { grep -o '"name": "tiny-[a-z-]*"' "$1/summary.json" | sort; }

all_names=$(printf '"name": "tiny-%s"\n' await-drain leak pipe pipeline | sort)

case $case_name in
shard)
  # Two shards (flag, 1-based) run every scenario exactly once between them.
  expect_exit 0 "$bpharness" run "$data" --quiet --shard 1/2 --out "$work/s1"
  expect_exit 0 "$bpharness" run "$data" --quiet --shard 2/2 --out "$work/s2"
  [[ $( (names_in "$work/s1"; names_in "$work/s2") | sort) == "$all_names" ]] ||
    fail "shards 1/2 and 2/2 do not hold each scenario once"
  [[ -n $(names_in "$work/s1") && -n $(names_in "$work/s2") ]] || fail "a shard of 2 is empty"
  # GoogleTest's variables (0-based) pick the same shard, and the status file is touched.
  expect_exit 0 env GTEST_SHARD_INDEX=0 GTEST_TOTAL_SHARDS=2 GTEST_SHARD_STATUS_FILE="$work/status" \
    "$bpharness" run "$data" --quiet --out "$work/g0"
  [[ $(names_in "$work/g0") == "$(names_in "$work/s1")" ]] || fail "GTEST_SHARD_INDEX=0 differs from --shard 1/2"
  [[ -f $work/status ]] || fail "GTEST_SHARD_STATUS_FILE was not created"
  # The flag wins over the variables.
  expect_exit 0 env GTEST_SHARD_INDEX=0 GTEST_TOTAL_SHARDS=2 "$bpharness" run "$data" --quiet \
    --shard 2/2 --out "$work/both"
  [[ $(names_in "$work/both") == "$(names_in "$work/s2")" ]] || fail "--shard did not win over GTEST_*"
  # More shards than scenarios: an empty shard passes and writes an empty summary.
  expect_exit 0 "$bpharness" run "$data" --quiet --shard 9/9 --out "$work/empty"
  expect_in "$work/empty/summary.json" '"scenarios": []'
  # Bad requests: exit 2, a message, nothing run.
  for bad in 0/2 3/2 1/0 x 1/2/3; do
    expect_exit 2 "$bpharness" run "$data" --shard "$bad" --out "$work/bad"
    expect_in "$work/err" "--shard: expected I/N"
  done
  expect_exit 2 env GTEST_SHARD_INDEX=2 GTEST_TOTAL_SHARDS=2 "$bpharness" run "$data" --out "$work/bad"
  expect_in "$work/err" "GTEST_SHARD_INDEX=2, GTEST_TOTAL_SHARDS=2"
  expect_exit 2 env GTEST_SHARD_INDEX=0 "$bpharness" run "$data" --out "$work/bad"
  [[ ! -e $work/bad ]] || fail "a refused run created its --out folder"
  ;;
merge)
  expect_exit 0 "$bpharness" run "$data" --quiet --shard 1/3 --out "$work/s1"
  expect_exit 0 "$bpharness" run "$data" --quiet --shard 2/3 --out "$work/s2"
  expect_exit 0 "$bpharness" run "$data" --quiet --shard 3/3 --out "$work/s3"
  expect_exit 0 "$bpharness" merge "$work/s1" "$work/s2" "$work/s3" --out "$work/all" --junit "$work/all.xml"
  expect_in "$work/out" "4 passed, 0 failed"
  [[ $(names_in "$work/all") == "$all_names" ]] || fail "merged summary does not list every scenario once"
  expect_in "$work/all/summary.json" '"passed": 4'
  [[ $(ls "$work/all"/*.report.json | wc -l) == 4 ]] || fail "merged folder does not hold 4 reports"
  expect_in "$work/all.xml" '<testsuite name="bpharness" tests="4" failures="0" errors="0"'
  # The merged folder reads back as a run: comparing it with itself passes.
  expect_exit 0 "$bpharness" compare "$work/all" "$work/all/summary.json"
  # A scenario in two shards is refused, and nothing is written.
  expect_exit 2 "$bpharness" merge "$work/s1" "$work/s1" --out "$work/dup" --junit "$work/dup.xml"
  expect_in "$work/err" "is in both"
  [[ ! -e $work/dup && ! -e $work/dup.xml ]] || fail "a refused merge wrote output"
  # A folder that is not a run's --out folder.
  mkdir -p "$work/nothing"
  expect_exit 2 "$bpharness" merge "$work/nothing" --out "$work/none"
  expect_in "$work/err" "summary.json: not found"
  ;;
compare)
  expect_exit 0 "$bpharness" run "$data" --quiet --out "$work/base"
  expect_exit 0 "$bpharness" compare "$work/base" "$work/base"
  expect_in "$work/out" "4 compared, 0 failed"
  # A NaN threshold would pass every regression: refused.
  expect_exit 2 "$bpharness" compare "$work/base" "$work/base" --max-slope-rise nan
  expect_in "$work/err" "expected a finite number"
  # An output that cannot be written is refused before the run, and the last run's reports
  # are left as they were.
  cp -r "$work/base" "$work/before"
  expect_exit 2 "$bpharness" run "$data" --quiet --out "$work/base" --junit "$work/no-folder/x.xml"
  expect_in "$work/err" "--junit $work/no-folder/x.xml: its folder"
  diff -r "$work/before" "$work/base" >/dev/null || fail "a refused run changed $work/base"
  # A leak whose verdict changes, and a peak that rose by far more than 10% and 256 KiB.
  cp -r "$work/base" "$work/new"
  sed -i 's/"verdict": "grows"/"verdict": "bounded"/' "$work/new/tiny-leak.report.json"
  sed -i 's/"peak_growth": [0-9]*/"peak_growth": 1099511627776/' "$work/new/tiny-pipe.report.json"
  expect_exit 1 "$bpharness" compare "$work/base" "$work/new"
  expect_in "$work/out" "FAIL tiny-leak: verdict changed from grows to bounded"
  expect_in "$work/out" "FAIL tiny-pipe: peak rose by"
  expect_in "$work/out" "4 compared, 2 failed"
  # Thresholds are flags: a huge allowance forgives the peak, not the verdict.
  expect_exit 1 "$bpharness" compare "$work/base" "$work/new" --peak-allowance 2TiB
  expect_in "$work/out" "4 compared, 1 failed"
  expect_exit 2 "$bpharness" compare "$work/base" "$work/new" --peak-allowance lots
  expect_in "$work/err" "--peak-allowance"
  # Single report files; a scenario missing from the new side fails only when asked.
  expect_exit 0 "$bpharness" compare "$work/base" "$work/base/tiny-pipeline.report.json"
  expect_in "$work/out" "missing"
  expect_exit 1 "$bpharness" compare "$work/base" "$work/base/tiny-pipeline.report.json" --fail-on-missing
  # Bad input: exit 2 naming the file and the JSON pointer.
  sed -i 's/"slope": [-0-9.e]*/"slope": "steep"/' "$work/new/tiny-pipe.report.json"
  expect_exit 2 "$bpharness" compare "$work/base" "$work/new"
  expect_in "$work/err" "tiny-pipe.report.json: at /heap/slope"
  expect_exit 2 "$bpharness" compare "$work/base" "$work/missing-folder/summary.json"
  ;;
*)
  echo "unknown case $case_name"; exit 1 ;;
esac

[[ $failures == 0 ]] && echo "ok: $case_name" || { echo "$failures checks failed"; exit 1; }
