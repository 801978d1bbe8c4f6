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
# runs two threads on the same machine, so client and server share the cores.
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

cat >"$work/plan.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"bundle": "child-birth", "facts": {"mother.maternity_insured": true, "parents.hukou_local": true}, "lang": "en"}'
LUA
port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$onething" serve "$root/rules" --threads 2 --listen "127.0.0.1:$port" 2>/dev/null &
server=$!
tries=0
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; do
    tries=$((tries + 1))
    [ "$tries" -lt 100 ] || { echo "the server did not start" >&2; exit 1; }
    sleep 0.1
done
rss() { sed -n "s/^$1:[[:space:]]*\([0-9]*\) kB/\1/p" "/proc/$server/status"; }
wrk -t2 -c"$connections" -d3s -s "$work/plan.lua" "http://127.0.0.1:$port/v1/plan" >/dev/null
before=$(rss VmRSS)
wrk -t2 -c"$connections" -d"${duration}s" --latency -s "$work/plan.lua" \
    "http://127.0.0.1:$port/v1/plan" >"$work/wrk.txt"
after=$(rss VmRSS)
peak=$(rss VmHWM)
kill -TERM "$server"
wait "$server" || true
requests=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$work/wrk.txt")
rate=$(sed -n 's/^Requests\/sec: *//p' "$work/wrk.txt")
p50=$(awk '$1 == "50%" { print $2 }' "$work/wrk.txt")
p99=$(awk '$1 == "99%" { print $2 }' "$work/wrk.txt")
errors=$(grep -c "Non-2xx\|Socket errors" "$work/wrk.txt" || true)
echo "wrk -t2 -c$connections -d${duration}s POST /v1/plan child-birth (keep-alive), server --threads 2:"
echo "  $requests requests, $rate requests/s, latency p50 $p50, p99 $p99, error lines $errors"
echo "  server RSS $before kB after warm-up, $after kB after the run, peak $peak kB"
"$bin/onething_bench" --rules "$root/rules" \
    --benchmark_filter='^(plan|plan_request|answer)/child-birth' \
    --repetitions 1 >"$work/inprocess.txt" 2>&1

echo "in-process, same run (onething_bench): make_plan alone (plan/child-birth, varied facts;"
echo "plan_request/child-birth, the request's facts), and the same request answered without"
echo "the network (answer/child-birth, the same bytes):"
grep "child-birth" "$work/inprocess.txt" | sed 's/^/  /'
