#!/usr/bin/env bash
# Instruction counts per operation of the Keyhaven server (release build) under callgrind, for
# one workload of `keyhaven bench`: the figures BENCHMARKS.md's profiles come from.
#
#   scripts/profile-server.sh [--workload get|create|locate|vcenter] [--count N] [--keys K]
#                             [--concurrency C] [--fill N] [--bin PATH] [--out DIR] [--perf]
#
# Starts the server under `valgrind --tool=callgrind` with instrumentation off, creates the workload's
# keys (and --fill more keys first, for locate), switches instrumentation on, runs --count operations
# (default 2,000), dumps, and prints the total instructions per operation and the top functions
# (inclusive) with `callgrind_annotate`. Callgrind sees user space only; the machine's other load
# does not change the counts. Needs valgrind (installed from Debian when missing and run as root).
#
# Valgrind's virtual CPU hides SHA-NI and ADX, so under callgrind ring and sha2 take their slower
# generic paths (X25519, SHA-256): crypto shows larger there than on the real CPU. `--perf`
# samples the real server instead (`perf record`, kernel included: the syscalls, TCP, futexes
# that callgrind does not see) and prints the server's CPU time per operation, the share of
# kernel and user time, context switches per operation by thread (threads that ended during the
# run are not counted), the samples by thread (the audit writer's share) and the top symbols. Needs perf (linux-perf, installed likewise).
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"
WORKLOAD=get
COUNT=2000
KEYS=100
CONC=1
FILL=0
BIN=""
OUT=""
PERF=0
while [ $# -gt 0 ]; do
    case "$1" in
    --workload) WORKLOAD="$2"; shift 2 ;;
    --count) COUNT="$2"; shift 2 ;;
    --keys) KEYS="$2"; shift 2 ;;
    --concurrency) CONC="$2"; shift 2 ;;
    --fill) FILL="$2"; shift 2 ;;
    --bin) BIN="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --perf) PERF=1; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
# The profiler, installed from Debian when missing (as root).
need() { # command package
    command -v "$1" >/dev/null 2>&1 && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "installing $2 (for $1)" >&2
        { apt-get install -y -qq "$2" || { apt-get update -qq && apt-get install -y -qq "$2"; }; } >/dev/null
    fi
    command -v "$1" >/dev/null 2>&1 || { echo "$1 is missing: apt-get install $2" >&2; exit 1; }
}
if [ "$PERF" = 1 ]; then need perf linux-perf; else need valgrind valgrind; fi
if [ -z "$BIN" ]; then
    cargo build --release -q -p keyhaven
    BIN="$REPO_ROOT/target/release/keyhaven"
fi
OUT="${OUT:-target/profile-server/$WORKLOAD-$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
W="$(mktemp -d /tmp/keyhaven-profile.XXXXXX)"
PID=""
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null || true; }
trap cleanup EXIT

"$BIN" --data-dir "$W/data" client issue --name prof --out "$W/c" >/dev/null
RUNNER=(valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$OUT/callgrind.out")
[ "$PERF" = 1 ] && RUNNER=()
"${RUNNER[@]}" "$BIN" --data-dir "$W/data" serve --listen 127.0.0.1:0 --ready-file "$W/ready" --log warn \
    >"$OUT/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 1200); do [ -s "$W/ready" ] && break; sleep 0.1; done
[ -s "$W/ready" ] || { echo "server did not start" >&2; cat "$OUT/server.log" >&2; exit 1; }
ADDR="$(head -n 1 "$W/ready")"
bench() {
    "$BIN" bench --server "$ADDR" --server-name localhost --ca "$W/c/ca.crt" --cert "$W/c/prof.crt" \
        --key "$W/c/prof.key" --timeout 120 "$@"
}
if [ "$FILL" -gt 0 ]; then bench --workload create --concurrency 16 --count "$FILL" >/dev/null; fi
# Keys made (and served once, so Fresh is cleared) before collection starts.
case "$WORKLOAD" in
get | vcenter)
    bench --workload create --concurrency 4 --count "$KEYS" --save-uids "$W/uids" >/dev/null
    bench --workload get --concurrency 4 --count "$KEYS" --uids-file "$W/uids" >/dev/null
    ARGS=(--uids-file "$W/uids")
    ;;
*) ARGS=(--keys "$KEYS") ;;
esac
if [ "$WORKLOAD" = locate ]; then
    # The locate workload makes its named keys first: let it, uncounted, then count a second run.
    bench --workload locate --concurrency "$CONC" --count 10 "${ARGS[@]}" >/dev/null
fi
if [ "$PERF" = 1 ]; then
    cpu_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12, $13}'; }
    # Context switches (voluntary + involuntary) of the server's threads, by thread name.
    switches() {
        for t in /proc/"$PID"/task/*; do
            echo "$(tr ' ' '_' <"$t/comm") $(awk '/^voluntary_ctxt/ {v = $2} /^nonvoluntary_ctxt/ {n = $2} END {print v + n}' "$t/status")"
        done | awk '{a[$1] += $2} END {for (k in a) print k, a[k]}' | sort
    }
    switches >"$OUT/switches.before"
    read -r u0 s0 < <(cpu_ticks "$PID")
    perf record -F 2999 -p "$PID" -o "$OUT/perf.data" 2>"$OUT/perf-record.log" &
    PERF_PID=$!
    sleep 0.5
    bench --workload "$WORKLOAD" --concurrency "$CONC" --count "$COUNT" "${ARGS[@]}" --json >"$OUT/bench.json"
    read -r u1 s1 < <(cpu_ticks "$PID")
    switches >"$OUT/switches.after"
    kill -INT "$PERF_PID"
    wait "$PERF_PID" 2>/dev/null || true
    kill "$PID"
    wait "$PID" 2>/dev/null || true
    PID=""
    OPS="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["ops"])' "$OUT/bench.json")"
    perf report -i "$OUT/perf.data" --no-children --sort dso --stdio 2>/dev/null >"$OUT/dso.txt" || true
    perf report -i "$OUT/perf.data" --no-children --sort dso,sym --stdio 2>/dev/null >"$OUT/symbols.txt" || true
    python3 - "$OPS" "$u0" "$s0" "$u1" "$s1" <<'PY'
import sys
ops, u0, s0, u1, s1 = (int(x) for x in sys.argv[1:])
hz = 100.0
user, sys_ = (u1 - u0) / hz, (s1 - s0) / hz
print(f"workload: {ops} operations; server CPU {1e6 * (user + sys_) / max(ops, 1):.0f} us per operation "
      f"(user {1e6 * user / max(ops, 1):.0f} us, kernel {1e6 * sys_ / max(ops, 1):.0f} us)")
PY
    echo "context switches per operation, by thread:"
    join "$OUT/switches.before" "$OUT/switches.after" |
        awk -v n="$OPS" '$3 > $2 {printf "  %-24s %.2f\n", $1, ($3 - $2) / n}'
    echo "samples by thread:"
    perf report -i "$OUT/perf.data" --no-children --sort comm --stdio 2>/dev/null | grep -E '^ +[0-9.]+%' | head -6
    echo "samples by binary (perf, the server process):"
    grep -E '^ +[0-9.]+%' "$OUT/dso.txt" | head -8
    echo "top symbols:"
    grep -E '^ +[0-9.]+%' "$OUT/symbols.txt" | head -40
    echo "profile: $OUT"
    exit 0
fi
callgrind_control -i on "$PID" >/dev/null
bench --workload "$WORKLOAD" --concurrency "$CONC" --count "$COUNT" "${ARGS[@]}" --json >"$OUT/bench.json"
callgrind_control -d "$PID" >/dev/null
callgrind_control -i off "$PID" >/dev/null
sleep 1
kill "$PID"
wait "$PID" 2>/dev/null || true
PID=""
DUMP="$OUT/callgrind.out.1"
callgrind_annotate --inclusive=yes "$DUMP" >"$OUT/inclusive.txt" 2>/dev/null || true
callgrind_annotate "$DUMP" >"$OUT/self.txt" 2>/dev/null || true
TOTAL="$(grep -m1 -E '^[0-9,]+ .*PROGRAM TOTALS' "$OUT/self.txt" | awk '{gsub(",","",$1); print $1}')"
OPS="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["ops"])' "$OUT/bench.json")"
echo "workload $WORKLOAD: $OPS operations, $TOTAL instructions, $((TOTAL / (OPS > 0 ? OPS : 1))) instructions per operation"
echo "top functions by self cost (instructions over the run):"
grep -E '^ *[0-9,]+ ' "$OUT/self.txt" | sed -n '2,26p'
echo "profile: $OUT"
