#!/usr/bin/env bash
# Compares two builds of the server on one workload in the same minutes: the A/B method of
# BENCHMARKS.md. Both servers run at once (fresh data directories, SQLite, the same keys made and
# served once), and timed runs alternate A, B, A, B... so that the machine's other load falls on
# both alike. Prints, per run, the server's CPU time per operation (user + system, from
# /proc/PID/stat) and operations per second, then the median of each.
#
#   scripts/bench-ab.sh --a BIN --b BIN [--workload get|vcenter|create|locate] [--rounds N]
#                       [--duration SECS] [--concurrency C] [--keys K]
#
# The load generator is the `bench` subcommand of A's binary for both servers.
set -euo pipefail
A="" B="" WORKLOAD=get ROUNDS=4 DURATION=5 CONC=8 KEYS=1000
while [ $# -gt 0 ]; do
    case "$1" in
    --a) A="$2"; shift 2 ;;
    --b) B="$2"; shift 2 ;;
    --workload) WORKLOAD="$2"; shift 2 ;;
    --rounds) ROUNDS="$2"; shift 2 ;;
    --duration) DURATION="$2"; shift 2 ;;
    --concurrency) CONC="$2"; shift 2 ;;
    --keys) KEYS="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
[ -x "$A" ] && [ -x "$B" ] || { echo "--a and --b name two server binaries" >&2; exit 2; }
W="$(mktemp -d /tmp/keyhaven-ab.XXXXXX)"
PIDS=()
cleanup() { # stop the servers, let them finish, then remove their data
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${PIDS[@]}"; do
        for _ in $(seq 1 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    done
    rm -rf "$W"
}
trap cleanup EXIT
cpu_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }

declare -A PID ADDR
for side in a b; do
    bin="$A"; [ "$side" = b ] && bin="$B"
    "$bin" --data-dir "$W/$side" client issue --name ab --out "$W/c-$side" >/dev/null
    "$bin" --data-dir "$W/$side" serve --listen 127.0.0.1:0 --ready-file "$W/$side.ready" --log warn \
        --max-connections-per-ip 12000 --max-handshakes-per-ip 12000 >"$W/$side.log" 2>&1 &
    PID[$side]=$!
    PIDS+=("$!")
    for _ in $(seq 1 300); do [ -s "$W/$side.ready" ] && break; sleep 0.1; done
    [ -s "$W/$side.ready" ] || { echo "server $side did not start" >&2; cat "$W/$side.log" >&2; exit 1; }
    ADDR[$side]="$(head -n 1 "$W/$side.ready")"
done
bench() { # side args...
    local side="$1"; shift
    "$A" bench --server "${ADDR[$side]}" --server-name localhost --ca "$W/c-$side/ca.crt" \
        --cert "$W/c-$side/ab.crt" --key "$W/c-$side/ab.key" "$@"
}
ARGS=()
case "$WORKLOAD" in
get | vcenter)
    for side in a b; do
        bench "$side" --workload create --concurrency 4 --count "$KEYS" --save-uids "$W/uids-$side" >/dev/null
        bench "$side" --workload get --concurrency 4 --count "$KEYS" --uids-file "$W/uids-$side" >/dev/null
    done
    ;;
locate)
    for side in a b; do bench "$side" --workload locate --concurrency "$CONC" --keys 100 --count 10 >/dev/null; done
    ARGS=(--keys 100)
    ;;
esac
echo "workload $WORKLOAD, $CONC connections, $DURATION s per run, $ROUNDS rounds"
printf '%-6s %-4s %10s %12s\n' round side ops/s "cpu us/op"
for r in $(seq 1 "$ROUNDS"); do
    for side in a b; do
        extra=("${ARGS[@]}")
        [ "$WORKLOAD" = get ] || [ "$WORKLOAD" = vcenter ] && extra=(--uids-file "$W/uids-$side")
        c0="$(cpu_ticks "${PID[$side]}")"
        bench "$side" --workload "$WORKLOAD" --concurrency "$CONC" --duration "$DURATION" "${extra[@]}" \
            --json >"$W/run.json"
        c1="$(cpu_ticks "${PID[$side]}")"
        python3 - "$W/run.json" "$r" "$side" "$((c1 - c0))" <<'EOF' | tee -a "$W/rows"
import json, sys
j = json.load(open(sys.argv[1]))
ops = max(j["ops"], 1)
print(f'{sys.argv[2]:<6} {sys.argv[3]:<4} {j["ops_per_sec"]:>10.0f} {int(sys.argv[4]) * 1e4 / ops:>12.1f}')
EOF
    done
done
python3 - "$W/rows" <<'EOF'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
for side in "ab":
    ops = [float(r[2]) for r in rows if r[1] == side]
    cpu = [float(r[3]) for r in rows if r[1] == side]
    print(f"median {side}: {statistics.median(ops):.0f} ops/s, {statistics.median(cpu):.1f} us of server CPU per op")
EOF
