#!/usr/bin/env bash
# Writes the seeds of the `snapshot` fuzz target into tests/data/fuzz/snapshot/ (docs/fuzzing.md):
# for each catalog below, its snapshot as a whole file (first byte 0) and its payload alone
# (first byte 1, read behind a valid header). Run again whenever the snapshot format or the
# library version changes: older seeds are then refused at the header and reach no section.
# Usage: fuzz/snapshot_seeds.sh ONETHING
set -euo pipefail
onething="$1"
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/tests/data/fuzz/snapshot"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
cd "$root"
for catalog in rules examples/reform tests/data/coverage/catalog.yaml tests/data/expect/catalog.yaml \
    tests/data/limits/catalog.yaml tests/data/plan/choices.yaml; do
    name="$(basename "${catalog%.yaml}")"
    case "$catalog" in rules) name=shipped ;; examples/reform) name=dated ;; */catalog.yaml) name="$(basename "$(dirname "$catalog")")" ;; esac
    "$onething" compile "$catalog" -o "$work/$name.snapshot" 2>/dev/null
    { printf '\0'; cat "$work/$name.snapshot"; } > "$out/seed-$name-file"
    # The header: 8 bytes of magic, 4 of format, 4 of version length, the version, 8 + 8.
    version_length=$(od -An -tu4 -j12 -N4 "$work/$name.snapshot" | tr -d ' ')
    { printf '\1'; tail -c +$((16 + version_length + 16 + 1)) "$work/$name.snapshot"; } \
        > "$out/seed-$name-payload"
done
ls -la "$out"
