#!/bin/sh
# Records the golden traces: runs oracle.js (Node) on every spec under specs/<folder>/ and
# writes golden/<folder>/<name>.jsonl. Refuses to run unless `node --version` is v20.20.2,
# the version the goldens are defined against. Removes stale goldens whose spec is gone.
#   tests/conformance/record-goldens.sh
set -e
here=$(cd "$(dirname "$0")" && pwd)
want=v20.20.2
have=$(node --version)
if [ "$have" != "$want" ]; then
  echo "record-goldens: node is $have, goldens must be recorded with $want" >&2
  exit 1
fi
rm -rf "$here/golden"
total=0
for dir in "$here"/specs/*/; do
  folder=$(basename "$dir")
  mkdir -p "$here/golden/$folder"
  n=0
  for spec in "$dir"*.json; do
    [ -f "$spec" ] || continue
    name=$(basename "$spec" .json)
    node "$here/oracle.js" "$spec" > "$here/golden/$folder/$name.jsonl"
    n=$((n + 1))
  done
  echo "golden/$folder: $n traces"
  total=$((total + n))
done
echo "total: $total traces"
