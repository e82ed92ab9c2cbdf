#!/usr/bin/env bash
# Issue 12's workloads against Keyhaven on the SQLite store and on the PostgreSQL store, in one run,
# with the server's CPU time per operation (user + system, from /proc) and its memory.
#
#   scripts/bench-workloads.sh [--duration SECS] [--fill N] [--storm-hosts H] [--storm-wave W]
#                              [--idle-conns C] [--million] [--stores "sqlite postgres"] [--out DIR]
#                              [--bin PATH]   (a release binary already built; default: build one)
#
# Per store, in this order, on a fresh server (release build, default settings, --log warn,
# --max-connections 12000, and the per-address limits raised to 12000: the load generator stands
# in for thousands of hosts from one address):
#   get       Get of one of 1,000 keys, 8 persistent connections
#   vcenter   new TLS connection per flow (resumed), Discover Versions, Get, Get Attributes(State)
#   create-8  durable Create, 8 persistent connections
#   create-64 durable Create, 64 persistent connections
#   fill      N more keys (--fill, default 100,000) made with Create at 64 connections
#   locate    Locate by Name of one of 100 named keys, 8 connections, with the N keys stored
#   storm     H hosts (default 10,000) x 4 keys, full handshakes, in waves of W (default 2,000)
#   idle      C connections (default 10,000) opened and held idle 10 s; server RSS sampled
# --million: then (SQLite only) fills the store to 1,000,000 keys and measures get, locate, one
# page of `keyhaven key list --limit 100` (all keys, and Active ones: counted with the date
# indexes) and the database size per key (takes minutes).
#
# Needs what scripts/install-test-deps.sh installs (PostgreSQL). Everything listens on 127.0.0.1
# and stops at exit. Output: a table on stdout, JSON reports and table.txt in --out (default
# target/bench-workloads/<date>).
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"

DURATION=10
FILL=100000
STORM_HOSTS=10000
STORM_WAVE=2000
IDLE_CONNS=10000
MILLION=0
STORES="sqlite postgres"
OUT=""
BIN=""
usage() { sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
    case "$1" in
    --duration) DURATION="$2"; shift 2 ;;
    --fill) FILL="$2"; shift 2 ;;
    --storm-hosts) STORM_HOSTS="$2"; shift 2 ;;
    --idle-conns) IDLE_CONNS="$2"; shift 2 ;;
    --storm-wave) STORM_WAVE="$2"; shift 2 ;;
    --million) MILLION=1; shift ;;
    --stores) STORES="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --bin) BIN="$2"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "unknown option $1" >&2; usage >&2; exit 2 ;;
    esac
done
OUT="${OUT:-target/bench-workloads/$(date +%Y%m%d-%H%M%S)}"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"

if [[ " $STORES " == *" postgres "* ]]; then ./scripts/install-test-deps.sh >/dev/null; fi
if [ -z "${BIN:-}" ]; then
    cargo build --release -q -p keyhaven
    BIN="$REPO_ROOT/target/release/keyhaven"
fi
W="$(mktemp -d /tmp/keyhaven-bench-workloads.XXXXXX)"
chmod 755 "$W"
PIDS=()
PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    if [ -d "$W/pg/data" ]; then
        runuser -u postgres -- "$PGBIN/pg_ctl" -D "$W/pg/data" -m fast stop >/dev/null 2>&1 || true
    fi
}
trap cleanup EXIT
say() { echo "== $*" >&2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# CPU ticks (1/100 s, user + system) of a process.
cpu_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{print $12 + $13}'; }
# Resident memory of a process in KiB: VmRSS, or a part of it (RssAnon: the process's own memory;
# RssFile: mapped files, here the SQLite database pages read through its memory map, which are the
# kernel's page cache and bounded by the map's size).
rss_kib() { awk -v f="^${2:-VmRSS}:" '$0 ~ f {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

start() { # name data-dir [global args...]: starts a server; sets SERVER_PID and SERVER_ADDR
    local name="$1" data="$2"; shift 2
    "$BIN" --data-dir "$data" "$@" serve --listen 127.0.0.1:0 --ready-file "$W/$name.ready" \
        --log warn --max-connections 12000 --max-connections-per-ip 12000 \
        --max-handshakes-per-ip 12000 >"$OUT/$name.out" 2>"$OUT/$name.log" &
    SERVER_PID=$!
    PIDS+=("$SERVER_PID")
    for _ in $(seq 1 600); do [ -s "$W/$name.ready" ] && break; sleep 0.1; done
    [ -s "$W/$name.ready" ] || { echo "server $name did not start:" >&2; cat "$OUT/$name.log" >&2; exit 1; }
    SERVER_ADDR="$(head -n 1 "$W/$name.ready")"
}

run() { # store label [bench args...]: one bench run, annotated with the server's CPU and RSS
    local store="$1" label="$2"; shift 2
    local json="$OUT/$store-$label.json" c0 c1 rc=0 peak=0 sampler
    say "$store: $label"
    c0="$(cpu_ticks "$SERVER_PID")"
    # Peak RSS of the server during the run, sampled every 0.2 s.
    echo 0 >"$W/peak"
    echo 0 >"$W/peak-anon"
    ( p=0; pa=0; while kill -0 "$SERVER_PID" 2>/dev/null; do
        r="$(rss_kib "$SERVER_PID")"
        if [ "${r:-0}" -gt "$p" ]; then p="$r"; echo "$p" >"$W/peak.tmp" && mv "$W/peak.tmp" "$W/peak"; fi
        r="$(rss_kib "$SERVER_PID" RssAnon)"
        if [ "${r:-0}" -gt "$pa" ]; then pa="$r"; echo "$pa" >"$W/peak.tmp" && mv "$W/peak.tmp" "$W/peak-anon"; fi
        sleep 0.2
    done ) &
    sampler=$!
    "$BIN" bench --server "$SERVER_ADDR" --server-name localhost --ca "$CLIENT/ca.crt" \
        --cert "$CLIENT/bench.crt" --key "$CLIENT/bench.key" "$@" --json >"$json" \
        2>"$OUT/$store-$label.stderr" || rc=$?
    c1="$(cpu_ticks "$SERVER_PID")"
    kill "$sampler" 2>/dev/null || true
    wait "$sampler" 2>/dev/null || true
    peak="$(cat "$W/peak" 2>/dev/null || true)"
    peak_anon="$(cat "$W/peak-anon" 2>/dev/null || true)"
    [ -s "$json" ] || printf '{"workload":"%s","error":"bench exited with %s"}\n' "$label" "$rc" >"$json"
    python3 - "$json" "$label" "$((c1 - c0))" "$(rss_kib "$SERVER_PID")" "$peak" "$peak_anon" <<'EOF'
import json, sys
path, label = sys.argv[1], sys.argv[2]
ticks, rss, peak, peak_anon = (int(x or 0) for x in sys.argv[3:7])
r = json.load(open(path))
r["label"] = label
r["server_cpu_secs"] = ticks / 100.0
r["server_rss_mib"] = round(rss / 1024.0, 1)
r["server_peak_rss_mib"] = round(peak / 1024.0, 1)
r["server_peak_anon_mib"] = round(peak_anon / 1024.0, 1)
json.dump(r, open(path, "w"))
EOF
}

db_report() { # sqlite-file: size per key of each table and index (SQLite's dbstat)
    python3 - "$1" <<'EOF'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
n = c.execute("select count(*) from objects").fetchone()[0]
page = c.execute("pragma page_size").fetchone()[0]
pages = c.execute("pragma page_count").fetchone()[0]
print(f"objects {n}, database {page * pages} bytes ({page * pages / max(n, 1):.0f} bytes per key, audit included)")
try:
    for name, size in c.execute("select name, sum(pgsize) from dbstat group by name order by 2 desc"):
        if size > 4096:
            print(f"  {name}: {size} bytes, {size / max(n, 1):.0f} bytes per key")
except sqlite3.OperationalError:
    pass
a, w = c.execute("select avg(length(attributes)), avg(length(wrapped_material)) from objects").fetchone()
print(f"  per object: stored attributes {a or 0:.0f} bytes, wrapped material {w or 0:.0f} bytes")
EOF
}

workloads() { # store
    local s="$1" d=(--duration "$DURATION")
    run "$s" get --workload get --concurrency 8 --keys 1000 "${d[@]}"
    run "$s" vcenter --workload vcenter --concurrency 8 --keys 100 "${d[@]}"
    run "$s" create-8 --workload create --concurrency 8 "${d[@]}"
    run "$s" create-64 --workload create --concurrency 64 "${d[@]}"
    run "$s" fill --workload create --concurrency 64 --count "$FILL"
    run "$s" locate --workload locate --concurrency 8 --keys 100 "${d[@]}"
    run "$s" storm --workload storm --hosts "$STORM_HOSTS" --keys 4 --wave "$STORM_WAVE"
    run "$s" idle --workload idle --hosts "$IDLE_CONNS" --wave 1000 --duration 10
}

for store in $STORES; do
    case "$store" in
    sqlite)
        "$BIN" --data-dir "$W/sqlite" client issue --name bench --out "$W/c-sqlite" >/dev/null
        CLIENT="$W/c-sqlite"
        start sqlite "$W/sqlite"
        ;;
    postgres)
        PGPORT="$(free_port)"
        mkdir -p "$W/pg" && chown postgres "$W/pg"
        runuser -u postgres -- "$PGBIN/initdb" -D "$W/pg/data" -A trust -U postgres >/dev/null
        runuser -u postgres -- "$PGBIN/pg_ctl" -D "$W/pg/data" -l "$W/pg/log" -w \
            -o "-p $PGPORT -k $W/pg -c listen_addresses=127.0.0.1" start >/dev/null
        runuser -u postgres -- "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres keyhaven
        DBURL="postgres://postgres@127.0.0.1:$PGPORT/keyhaven"
        "$BIN" --data-dir "$W/pgnode" --database-url "$DBURL" client issue --name bench --out "$W/c-pg" >/dev/null
        CLIENT="$W/c-pg"
        start postgres "$W/pgnode" --database-url "$DBURL"
        ;;
    *) echo "unknown store $store" >&2; exit 2 ;;
    esac
    workloads "$store"
    if [ "$store" = sqlite ]; then
        db_report "$W/sqlite/keyhaven.db" >"$OUT/sqlite-db.txt"
        if [ "$MILLION" = 1 ]; then
            have="$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from objects").fetchone()[0])' "$W/sqlite/keyhaven.db")"
            run sqlite million-fill --workload create --concurrency 64 --count "$((1000000 - have))"
            run sqlite million-get --workload get --concurrency 8 --keys 1000 --duration "$DURATION"
            run sqlite million-locate --workload locate --concurrency 8 --keys 100 --duration "$DURATION"
            # One page of the inventory, the whole command timed (process start and store open
            # included): as listed by default (counts stop at 10,000), by effective state, and
            # with the exact count over the million rows.
            list_page() { # label args...
                local label="$1" t0 t1; shift
                t0=$(date +%s%N)
                "$BIN" --data-dir "$W/sqlite" key list --tenant default --limit 100 "$@" \
                    >"$OUT/list-$label.out" 2>>"$OUT/list.stderr"
                t1=$(date +%s%N)
                echo "$label: $(((t1 - t0) / 1000000)) ms; $(tail -n 1 "$OUT/list-$label.out")" >>"$OUT/million-list-page-ms"
            }
            : >"$OUT/million-list-page-ms"
            for _ in 1 2 3; do
                list_page default
                list_page active --state Active
                list_page exact --count
            done
            db_report "$W/sqlite/keyhaven.db" >"$OUT/million-db.txt"
        fi
    fi
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
done

python3 - "$OUT" <<'EOF' | tee "$OUT/table.txt"
import glob, json, os, sys
out = sys.argv[1]
print("machine: %d CPUs, %s; load generator on the same machine" % (os.cpu_count(), open("/proc/cpuinfo").read().split("model name")[1].split(":")[1].split("\n")[0].strip()))
print("%-8s %-15s %10s %8s %8s %7s %10s %9s %9s %9s" % ("store", "workload", "ops/s", "p50 ms", "p99 ms", "errors", "cpu us/op", "rss MiB", "peak MiB", "anon MiB"))
for path in sorted(glob.glob(os.path.join(out, "*.json")), key=os.path.getmtime):
    r = json.load(open(path))
    store = os.path.basename(path).split("-")[0]
    if "error" in r:
        print("%-8s %-15s %s" % (store, r.get("label", "?"), r["error"]))
        continue
    ops = r.get("ops", 0)
    rate = "%.2f s" % r["total_secs"] if r.get("total_secs") is not None else "%.0f" % r["ops_per_sec"]
    cpu = "%.0f" % (1e6 * r["server_cpu_secs"] / ops) if ops else "-"
    print("%-8s %-15s %10s %8.2f %8.2f %7d %10s %9.1f %9.1f %9.1f" % (store, r["label"], rate, r["p50_ms"], r["p99_ms"], r["errors"], cpu, r["server_rss_mib"], r["server_peak_rss_mib"], r.get("server_peak_anon_mib", 0)))
for f in ("sqlite-db.txt", "million-list-page-ms", "million-db.txt"):
    p = os.path.join(out, f)
    if os.path.exists(p):
        print(f + ": " + open(p).read().strip())
print("rss: VmRSS at the end; peak: its largest sample; anon: the largest RssAnon (VmRSS without the mapped database)")
print("storm and idle: total time (to serve every host / to open every connection) instead of ops/s")
EOF
echo "results: $OUT" >&2
