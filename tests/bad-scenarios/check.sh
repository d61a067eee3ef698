#!/bin/sh
# Checks one malformed scenario of this folder: `bpharness validate FILE` and
# `bpharness run FILE --out DIR` must both exit 2, print on stderr every line of FILE's
# sidecar NAME.expected (each a fragment holding the location and the message), print
# nothing on stdout for run (no scenario ran), and leave DIR absent.
#   tests/bad-scenarios/check.sh BPHARNESS FILE
bpharness=$1
file=$2
expected="${file%.json}.expected"
[ -s "$expected" ] || { echo "no expected messages in $expected"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0

check_stderr() {  # what, stderr file
  while IFS= read -r fragment; do
    [ -n "$fragment" ] || continue
    if ! grep -qF -- "$fragment" "$2"; then
      echo "$1: stderr lacks: $fragment"
      status=1
    fi
  done < "$expected"
}

"$bpharness" validate "$file" > "$tmp/validate.out" 2> "$tmp/validate.err"
code=$?
[ "$code" -eq 2 ] || { echo "validate: exit $code, expected 2"; status=1; }
check_stderr validate "$tmp/validate.err"

"$bpharness" run "$file" --out "$tmp/out" > "$tmp/run.out" 2> "$tmp/run.err"
code=$?
[ "$code" -eq 2 ] || { echo "run: exit $code, expected 2"; status=1; }
check_stderr run "$tmp/run.err"
grep -qF "nothing was run" "$tmp/run.err" || { echo "run: stderr does not say nothing was run"; status=1; }
[ -s "$tmp/run.out" ] && { echo "run: printed on stdout:"; cat "$tmp/run.out"; status=1; }
[ -e "$tmp/out" ] && { echo "run: wrote to --out:"; ls -la "$tmp/out"; status=1; }

if [ "$status" -ne 0 ]; then
  echo "--- validate stderr"; cat "$tmp/validate.err"
  echo "--- run stderr"; cat "$tmp/run.err"
fi
exit "$status"
