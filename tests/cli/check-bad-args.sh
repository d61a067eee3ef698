#!/bin/sh
# One bad invocation of bpharness: exit code 2, FRAGMENT on stderr, nothing on stdout, and no
# report folder created in the working directory.
#   tests/cli/check-bad-args.sh BPHARNESS FRAGMENT ARGS...
bpharness=$1
fragment=$2
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
"$bpharness" "$@" > out.txt 2> err.txt
code=$?
status=0
[ "$code" -eq 2 ] || { echo "exit $code, expected 2"; status=1; }
grep -qF -- "$fragment" err.txt || { echo "stderr lacks: $fragment"; status=1; }
[ -s out.txt ] && { echo "printed on stdout:"; cat out.txt; status=1; }
[ -e bpharness-reports ] && { echo "created bpharness-reports"; status=1; }
[ "$status" -eq 0 ] || { echo "--- stderr"; cat err.txt; }
exit "$status"
