#!/bin/sh
# `POST /v1/plan` of child-birth over HTTP with wrk (keep-alive), beside in-process planning
# measured in the same run (make_plan alone, with varied facts and with the request's facts,
# and the whole answer without the network), and the
# server's memory over many requests (docs/performance.md).
#
#   bench/serve_wrk.sh --bin DIR --onething FILE [--duration SECONDS] [--connections N]
#
# DIR given to --bin holds onething_bench (build-bench/bench); FILE is the onething command
# (build-bench/cli/onething). The server runs with --threads 2 on 127.0.0.1; wrk (Debian's wrk)
# runs two threads on the same machine, so client and server share the cores. wrk runs twice:
# as it is, and as a batch task, whose wake-ups do not preempt the server's workers. Then the
# reference, bench/http_floor (in DIR too): the same number of bytes sent by a server that does
# nothing else, by one that spins for the CPU time of an in-process answer before each, and by
# one that makes each answer with the request layer (the in-process answer behind the least HTTP).
set -eu

bin=
onething=
duration=20
connections=16
while [ $# -gt 0 ]; do
    case "$1" in
        --bin) bin=$2; shift 2 ;;
        --onething) onething=$2; shift 2 ;;
        --duration) duration=$2; shift 2 ;;
        --connections) connections=$2; shift 2 ;;
        *) echo "usage: serve_wrk.sh --bin DIR --onething FILE [--duration S] [--connections N]" >&2
           exit 2 ;;
    esac
done
if [ -z "$bin" ] || [ -z "$onething" ]; then
    echo "usage: serve_wrk.sh --bin DIR --onething FILE [--duration S] [--connections N]" >&2
    exit 2
fi
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

body='{"bundle": "child-birth", "facts": {"mother.maternity_insured": true, "parents.hukou_local": true}, "lang": "en"}'
cat >"$work/plan.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '$body'
LUA
# A free port of 127.0.0.1.
free_port() {
    /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
# `wait_until_serving URL NAME`: waits up to 10 s for URL to answer (any status).
wait_until_serving() {
    tries=0
    until curl -s -o /dev/null "$1"; do
        tries=$((tries + 1))
        [ "$tries" -lt 100 ] || { echo "$2 did not start" >&2; exit 1; }
        sleep 0.1
    done
}
port=$(free_port)
"$onething" serve "$root/rules" --threads 2 --listen "127.0.0.1:$port" 2>/dev/null &
server=$!
wait_until_serving "http://127.0.0.1:$port/healthz" "the server"
rss() { sed -n "s/^$1:[[:space:]]*\([0-9]*\) kB/\1/p" "/proc/$server/status"; }
# Context switches of every server thread so far: "voluntary involuntary".
switches() {
    cat /proc/"$server"/task/*/status |
        awk '/^voluntary_ctxt_switches/ { v += $2 } /^nonvoluntary_ctxt_switches/ { n += $2 }
             END { print v, n }'
}
# CPU time of the server so far, in clock ticks (user and system).
ticks() { awk '{ print $14 + $15 }' "/proc/$server/stat"; }
# One measured wrk run after a 3 s warm-up: `measure LABEL` runs wrk under $prefix (a
# scheduling class, or nothing) and prints its rate, latency, errors and the server's cost per
# request.
measure() {
    label=$1
    $prefix wrk -t2 -c"$connections" -d3s -s "$work/plan.lua" "http://127.0.0.1:$port/v1/plan" >/dev/null
    set -- $(switches) $(ticks)
    voluntary=$1 involuntary=$2 cpu=$3
    before=$(rss VmRSS)
    $prefix wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$work/plan.lua" \
        "http://127.0.0.1:$port/v1/plan" >"$work/wrk.txt"
    after=$(rss VmRSS)
    set -- $(switches) $(ticks)
    requests=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$work/wrk.txt")
    rate=$(sed -n 's/^Requests\/sec: *//p' "$work/wrk.txt")
    p50=$(awk '$1 == "50%" { print $2 }' "$work/wrk.txt")
    p99=$(awk '$1 == "99%" { print $2 }' "$work/wrk.txt")
    errors=$(grep -c "Non-2xx\|Socket errors" "$work/wrk.txt" || true)
    hz=$(getconf CLK_TCK)
    echo "$label:"
    echo "  $requests requests, $rate requests/s, latency p50 $p50, p99 $p99, error lines $errors"
    awk -v r="$requests" -v c=$(($3 - cpu)) -v hz="$hz" -v v=$(($1 - voluntary)) \
        -v n=$(($2 - involuntary)) 'BEGIN {
            printf "  server per request: %.1f us of CPU, %.2f voluntary and %.2f involuntary context switches\n",
                c * 1e6 / hz / r, v / r, n / r }'
    echo "  server RSS $before kB before the run, $after kB after"
    rates="$rates $rate"
}
rates=
echo "POST /v1/plan child-birth (keep-alive), server --threads 2, wrk -t2 -c$connections -d${duration}s:"
prefix=
measure "wrk as it is (a normal task: each answer it wakes for preempts a server worker)"
# A batch task does not preempt on waking (sched(7), SCHED_BATCH): the client then takes its
# turn as a client on another machine would, instead of cutting into a request being answered.
prefix="chrt --batch 0"
measure "wrk as a batch task (chrt --batch 0: its wake-ups do not preempt the server)"
echo "  server peak RSS $(rss VmHWM) kB"
answer_bytes=$(curl -s -o /dev/null -w '%{size_download}' -H 'Content-Type: application/json' \
    --data-binary "$body" "http://127.0.0.1:$port/v1/plan")
kill -TERM "$server"
wait "$server" || true
"$bin/onething_bench" --rules "$root/rules" \
    --benchmark_filter='^(plan|plan_request|answer)/child-birth' \
    --repetitions 1 >"$work/inprocess.txt" 2>&1

echo "in-process, same run (onething_bench): make_plan alone (plan/child-birth, varied facts;"
echo "plan_request/child-birth, the request's facts), and the same request answered without"
echo "the network (answer/child-birth, the same bytes):"
grep "child-birth" "$work/inprocess.txt" | sed 's/^/  /'
# The one-thread in-process rate of ROW (its plans_per_s or answers_per_s), per second.
inprocess_rate() {
    awk -v row="$1" '$1 == row {
        for (i = 2; i <= NF; ++i) if ($i ~ /^(plans|answers)_per_s=/) value = $i
        sub(/^[a-z_]*=/, "", value); scale = 1
        if (value ~ /k\/s$/) scale = 1000
        if (value ~ /M\/s$/) scale = 1000000
        sub(/[kM]?\/s$/, "", value); printf "%.0f", value * scale }' "$work/inprocess.txt"
}
# `ratios ROW`: ROW's in-process rate and each of $rates as a percentage of it.
ratios() {
    awk -v row="$1" -v inprocess="$(inprocess_rate "$1")" -v rates="$rates" 'BEGIN {
        n = split(rates, http, " ")
        printf "  %s: %.0f/s;", row, inprocess
        for (i = 1; i <= n; ++i) printf " %.0f%%", 100 * http[i] / inprocess
        printf "\n" }'
}
# The ratios the target is stated in: each HTTP rate over each one-thread in-process rate.
echo "HTTP requests/s over one-thread in-process rates (wrk as it is; wrk as a batch task):"
for row in answer/child-birth plan/child-birth plan_request/child-birth; do
    ratios "$row"
done

# The reference (bench/http_floor.cpp): a server that only sends the same number of bytes, then
# the same with a busy wait of one in-process answer's CPU time (answer/child-birth) before each:
# what any server doing the answer's work could reach here with wrk on the same cores.
answer_us=$(awk -v rate="$(inprocess_rate answer/child-birth)" 'BEGIN { printf "%.1f", 1e6 / rate }')
# `floor [BUSY_US]`: starts the reference on a free port (its pid in $server, its port in $port).
floor() {
    port=$(free_port)
    "$bin/http_floor" "$port" "$answer_bytes" "$@" &
    server=$!
    wait_until_serving "http://127.0.0.1:$port/" http_floor
}
echo "reference: bench/http_floor, answering $answer_bytes bytes to every request (2 threads, epoll):"
rates=
prefix=
floor
measure "nothing else, wrk as it is"
kill "$server"
floor "$answer_us"
measure "a busy wait of $answer_us us of CPU (one in-process answer) before each answer, wrk as it is"
prefix="chrt --batch 0"
measure "the same busy wait, wrk as a batch task"
kill "$server"
# The same least HTTP, each answer made by the request layer from the request's body, as
# `onething serve` makes it: what the answer's real work costs between network calls, on the
# caches the kernel and wrk leave cold (a busy wait does not feel them).
port=$(free_port)
"$bin/http_floor" "$port" --answer "$root/rules" &
server=$!
wait_until_serving "http://127.0.0.1:$port/" http_floor
floor_bytes=$(curl -s -o /dev/null -w '%{size_download}' -H 'Content-Type: application/json' \
    --data-binary "$body" "http://127.0.0.1:$port/v1/plan")
if [ "$floor_bytes" != "$answer_bytes" ]; then
    echo "http_floor --answer sent $floor_bytes bytes, not the service's $answer_bytes" >&2
    exit 1
fi
prefix=
measure "each answer made by the request layer (http_floor --answer), wrk as it is"
prefix="chrt --batch 0"
measure "the same, wrk as a batch task"
kill "$server"
echo "the reference's rates over make_plan (nothing else; busy, as it is; busy, batch; answered,"
echo "as it is; answered, batch):"
ratios plan/child-birth
ratios plan_request/child-birth
