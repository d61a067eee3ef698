#!/bin/sh
# Runs oracle.js on every shared example spec and diffs its trace with what Node v20.20.2
# printed (examples/*.expected.jsonl); also checks that the recorded goldens of the shared
# examples (golden/shared/) equal those files. Exit status 1 on any difference.
#   tests/conformance/check-oracle.sh [EXAMPLES_DIR]
here=$(cd "$(dirname "$0")" && pwd)
examples=${1:-/work/shared/conformance/examples}
count=0
bad=0
badgolden=0
tmp=$(mktemp)
for spec in "$examples"/*.json; do
  name=$(basename "$spec" .json)
  expected="$examples/$name.expected.jsonl"
  [ -f "$expected" ] || continue
  count=$((count + 1))
  if ! node "$here/oracle.js" "$spec" | diff -u "$expected" - > "$tmp"; then
    echo "DIFF $name"
    head -n 20 "$tmp"
    bad=$((bad + 1))
  fi
  if [ -d "$here/golden/shared" ] && ! cmp -s "$expected" "$here/golden/shared/$name.jsonl"; then
    echo "GOLDEN DIFF golden/shared/$name.jsonl"
    badgolden=$((badgolden + 1))
  fi
done
rm -f "$tmp"
echo "oracle: $((count - bad))/$count examples match"
[ -d "$here/golden/shared" ] && echo "golden/shared: $((count - badgolden))/$count equal the expected files"
[ "$count" -gt 0 ] && [ "$bad" -eq 0 ] && [ "$badgolden" -eq 0 ]
