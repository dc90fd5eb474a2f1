#!/bin/sh
# Rebuild the fixtures into a temporary directory and compare them with the
# ones in Fixtures/ (the committed ones on a clean checkout). Exit 0 when
# identical, 1 on any difference or build failure.
# Usage: scripts/fixtures_check.sh [--source PATH/2024.json]
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/placer-fixtures.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

status=0
python3 "$here/build_gsoc_fixture.py" "$@" --out "$tmp/gsoc-2024" || status=1
python3 "$here/build_sample_fixture.py" --out "$tmp/sample" || status=1
python3 "$here/build_invalid_fixtures.py" --out "$tmp/invalid" || status=1
if [ "$status" -ne 0 ]; then
  echo "fixtures_check: a build script failed" >&2
  exit 1
fi
for name in gsoc-2024 sample invalid; do
  if ! diff -r "$root/Fixtures/$name" "$tmp/$name" >/dev/null; then
    echo "fixtures_check: Fixtures/$name differs from a fresh build:" >&2
    diff -r "$root/Fixtures/$name" "$tmp/$name" | head -n 40 >&2
    status=1
  fi
done
[ "$status" -eq 0 ] && echo "fixtures_check: committed fixtures match a fresh build" >&2
exit "$status"
