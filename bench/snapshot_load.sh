#!/bin/sh
# Loading a catalog from its rule files and from its snapshot, side by side in one run: time and
# peak memory, each load in a process of its own (docs/performance.md, docs/snapshots.md).
#
#   bench/snapshot_load.sh --bin DIR --catalog DIR [--runs N]
#
# DIR given to --bin holds peak_memory (build-bench/bench). Writes CATALOG.snapshot, then loads
# the YAML and the snapshot in turn N times (default 3) and prints the medians and the ratios.
set -eu

bin=
catalog=
runs=3
while [ $# -gt 0 ]; do
    case "$1" in
        --bin) bin=$2; shift 2 ;;
        --catalog) catalog=${2%/}; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        *) echo "usage: snapshot_load.sh --bin DIR --catalog DIR [--runs N]" >&2; exit 2 ;;
    esac
done
if [ -z "$bin" ] || [ -z "$catalog" ]; then
    echo "usage: snapshot_load.sh --bin DIR --catalog DIR [--runs N]" >&2
    exit 2
fi

snapshot=$catalog.snapshot
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$bin/peak_memory" --compile "$snapshot" "$catalog" | sed 's/^/compile /' >>"$out"
run=1
while [ "$run" -le "$runs" ]; do
    "$bin/peak_memory" "$catalog" | sed 's/^/yaml /' >>"$out"
    "$bin/peak_memory" "$snapshot" | sed 's/^/snapshot /' >>"$out"
    run=$((run + 1))
done

# value KIND KEY: the median of KEY over the runs of KIND.
value() {
    grep "^$1 " "$out" | tr ' ' '\n' | sed -n "s/^$2=//p" | sort -g |
        awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
items=$(value yaml items)
yaml_bytes=$(value yaml bytes)
snapshot_bytes=$(value compile snapshot_bytes)
compile_ms=$(value compile compile_ms)
yaml_ms=$(value yaml load_ms)
snapshot_ms=$(value snapshot load_ms)
yaml_kib=$(value yaml maxrss_kib)
snapshot_kib=$(value snapshot maxrss_kib)
echo "catalog $catalog: $items items, $yaml_bytes bytes of YAML, snapshot $snapshot_bytes bytes" \
    "(written in $compile_ms ms); $runs runs each, medians"
echo "| load | time | peak memory (ru_maxrss) |"
echo "|---|---:|---:|"
awk -v ym="$yaml_ms" -v sm="$snapshot_ms" -v yk="$yaml_kib" -v sk="$snapshot_kib" 'BEGIN {
    printf "| rule files (YAML) | %.0f ms | %.0f MiB |\n", ym, yk / 1024
    printf "| snapshot | %.1f ms | %.0f MiB |\n", sm, sk / 1024
    printf "| snapshot vs YAML | %.1fx faster | %.2fx the memory |\n", ym / sm, sk / yk
}'
