#!/bin/sh
# Runs every benchmark and prints one summary table (docs/performance.md).
#
#   bench/run_all.sh --bin DIR --work DIR [--sizes "1000 2000 ..."]
#
# DIR given to --bin holds generate_catalog, onething_bench, peak_memory and bench_summary
# (build-bench/bench); --work is where catalogs and results go (never committed). The CMake
# target `bench` runs this: cmake --preset bench && cmake --build --preset bench --target bench
#
# Environment: ONETHING_BENCH_SWEEP_REPETITIONS (default 1) repeats the load sweep,
# ONETHING_BENCH_REPETITIONS (default 5) the plan, form and dispatch benchmarks,
# ONETHING_BENCH_FILTER narrows the benchmarks run (a regular expression on their names).
set -eu

bin=
work=
sizes="1000 2000 5000 10000 20000 50000 100000 200000"
while [ $# -gt 0 ]; do
    case "$1" in
        --bin) bin=$2; shift 2 ;;
        --work) work=$2; shift 2 ;;
        --sizes) sizes=$2; shift 2 ;;
        *) echo "usage: run_all.sh --bin DIR --work DIR [--sizes \"N ...\"]" >&2; exit 2 ;;
    esac
done
if [ -z "$bin" ] || [ -z "$work" ]; then
    echo "usage: run_all.sh --bin DIR --work DIR [--sizes \"N ...\"]" >&2
    exit 2
fi

catalogs=$work/catalogs
mkdir -p "$catalogs"

# generate SIZE DIR [OPTIONS...]: a catalog, regenerated only when the generator is newer.
generate() {
    size=$1
    dir=$2
    shift 2
    if [ ! -f "$dir/.stamp" ] || [ "$bin/generate_catalog" -nt "$dir/.stamp" ]; then
        rm -rf "$dir"
        "$bin/generate_catalog" --items "$size" --seed 1 "$@" --out "$dir" 2>>"$work/generate.log"
        touch "$dir/.stamp"
    fi
}

echo "generating catalogs into $catalogs ($sizes items) ..."
largest=0
for size in $sizes; do
    generate "$size" "$catalogs/catalog-$size"
    if [ "$size" -gt "$largest" ]; then
        largest=$size
    fi
done
floor=$catalogs/single-option-20000
generate 20000 "$floor" --multi-producers 0 --paper-or-inside no
# Planning on the 20,000-item catalog (the size issue 3's target names), else the largest.
plan=$catalogs/catalog-$largest
if [ -d "$catalogs/catalog-20000" ]; then
    plan=$catalogs/catalog-20000
fi

load=$(cut -d' ' -f1-3 /proc/loadavg)
echo "load average $load; running the benchmarks (several minutes; raw output: $work/*.log) ..."
# Two processes: the load sweep, then planning, forms and dispatch in a process that holds
# only the catalogs it plans on, as a server would (the sweep's heap would slow them down).
sweep='^(yaml_events|yaml_cpp|load|lint)/'
rest='^(plan|plan_thorough|plan_greedy|plan_floor|plan_everyday|form|answers|dispatch)/'
parts="sweep rest"
if [ -n "${ONETHING_BENCH_FILTER:-}" ]; then
    custom=$ONETHING_BENCH_FILTER
    parts=custom
fi
results=
for part in $parts; do
    eval "filter=\$$part"
    results="$results --results $work/$part.json"
    "$bin/onething_bench" --catalogs "$catalogs" --plan-catalog "$plan" --floor-catalog "$floor" \
        --everyday-catalog "$catalogs/catalog-$largest" \
        --sweep-repetitions "${ONETHING_BENCH_SWEEP_REPETITIONS:-1}" \
        --repetitions "${ONETHING_BENCH_REPETITIONS:-5}" \
        --benchmark_filter="$filter" \
        --benchmark_out="$work/$part.json" --benchmark_out_format=json >"$work/$part.log" 2>&1
done

echo "peak memory, one process per catalog ..."
: >"$work/memory.txt"
for size in $sizes; do
    "$bin/peak_memory" "$catalogs/catalog-$size" >>"$work/memory.txt"
done

echo "loading from rule files and from a snapshot, catalog-$largest ..."
"$(dirname "$0")/snapshot_load.sh" --bin "$bin" --catalog "$catalogs/catalog-$largest" \
    >"$work/snapshot.txt"

echo
# shellcheck disable=SC2086 # $results is a list of options
"$bin/bench_summary" $results --memory "$work/memory.txt" \
    --tsv "$work/scaling.tsv" --load "$load"
echo
cat "$work/snapshot.txt"
echo
echo "curve for the plot: $work/scaling.tsv (gnuplot -e \"data='$work/scaling.tsv'\" bench/plot_scaling.gp)"
