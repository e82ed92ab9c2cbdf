#!/usr/bin/env bash
# Compares, in one run on this machine, `get` and `create` throughput of Keyhaven:
#   - SQLite store (embedded default) vs PostgreSQL store (a local PostgreSQL started here);
#   - a tenant whose root key is a local key file vs one whose root key is in a PKCS#11 token
#     (SoftHSM2), both on the SQLite server.
#
#   scripts/bench-stores.sh [--duration SECS] [--concurrency N]
#
# Needs what scripts/install-test-deps.sh installs (PostgreSQL, SoftHSM2). Everything listens on
# 127.0.0.1 and stops at exit. Prints one table; JSON results stay in the work directory it names.
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"
DURATION=10
CONC=8
while [ $# -gt 0 ]; do
    case "$1" in
    --duration) DURATION="$2"; shift 2 ;;
    --concurrency) CONC="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

./scripts/install-test-deps.sh >/dev/null
cargo build --release -q -p keyhaven
BIN="$REPO_ROOT/target/release/keyhaven"
W="$(mktemp -d /tmp/keyhaven-bench-stores.XXXXXX)"
chmod 755 "$W"
PIDS=()
PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
cleanup() {
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    [ -d "$W/pg/data" ] && runuser -u postgres -- "$PGBIN/pg_ctl" -D "$W/pg/data" -m fast stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# PostgreSQL in the work directory, as the postgres user (it refuses to run as root).
PGPORT="$(free_port)"
mkdir -p "$W/pg" && chown postgres "$W/pg"
runuser -u postgres -- "$PGBIN/initdb" -D "$W/pg/data" -A trust -U postgres >/dev/null
runuser -u postgres -- "$PGBIN/pg_ctl" -D "$W/pg/data" -l "$W/pg/log" -w \
    -o "-p $PGPORT -k $W/pg -c listen_addresses=127.0.0.1" start >/dev/null
runuser -u postgres -- "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres keyhaven
DBURL="postgres://postgres@127.0.0.1:$PGPORT/keyhaven"

# A SoftHSM2 token of our own.
SOFTHSM_LIB="$(ls /usr/lib/softhsm/libsofthsm2.so /usr/lib/*/softhsm/libsofthsm2.so 2>/dev/null | head -n 1)"
mkdir -p "$W/tokens"
printf 'directories.tokendir = %s\nobjectstore.backend = file\n' "$W/tokens" >"$W/softhsm2.conf"
export SOFTHSM2_CONF="$W/softhsm2.conf"
softhsm2-util --init-token --free --label bench --pin 1234 --so-pin 5678 >/dev/null
echo 1234 >"$W/pin"

start() { # name data-dir [global args...]: starts a server; its address goes to $W/name.addr
    local name="$1" data="$2"; shift 2
    "$BIN" --data-dir "$data" "$@" serve --listen 127.0.0.1:0 --ready-file "$W/$name.ready" --log warn \
        >"$W/$name.out" 2>"$W/$name.log" &
    PIDS+=($!)
    for _ in $(seq 1 600); do [ -s "$W/$name.ready" ] && break; sleep 0.1; done
    [ -s "$W/$name.ready" ] || { echo "server $name did not start:" >&2; cat "$W/$name.log" >&2; exit 1; }
    head -n 1 "$W/$name.ready" >"$W/$name.addr"
}

# Server 1: SQLite, tenants "default" (local root key) and "hsm" (PKCS#11 root key).
"$BIN" --data-dir "$W/sqlite" provider add-pkcs11 --name hsm1 --module "$SOFTHSM_LIB" \
    --token-label bench --pin-file "$W/pin" >/dev/null
"$BIN" --data-dir "$W/sqlite" tenant create hsm --provider hsm1 >/dev/null
"$BIN" --data-dir "$W/sqlite" client issue --name local --out "$W/c-local" >/dev/null
"$BIN" --data-dir "$W/sqlite" client issue --name hsm --tenant hsm --out "$W/c-hsm" >/dev/null
start sqlite "$W/sqlite"
SQLITE_ADDR="$(cat "$W/sqlite.addr")"
# Server 2: PostgreSQL.
"$BIN" --data-dir "$W/pgnode" --database-url "$DBURL" client issue --name pg --out "$W/c-pg" >/dev/null
start pgnode "$W/pgnode" --database-url "$DBURL"
PG_ADDR="$(cat "$W/pgnode.addr")"

run() { # label addr client-dir name workload
    local out="$W/$1-$5.json"
    "$BIN" bench --server "$2" --server-name localhost --ca "$3/ca.crt" --cert "$3/$4.crt" --key "$3/$4.key" \
        --workload "$5" --concurrency "$CONC" --duration "$DURATION" --json >"$out" 2>"$W/$1-$5.stderr"
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("%-26s %-8s %10.0f %8.2f %8.2f %6d" % (sys.argv[2], sys.argv[3], d["ops_per_sec"], d["p50_ms"], d["p99_ms"], d["errors"]))' "$out" "$1" "$5"
}

echo "Keyhaven store and root-key provider comparison: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load generator on the same machine"
echo "per run: --concurrency $CONC --duration $DURATION, KMIP 1.1, persistent connections"
printf '%-26s %-8s %10s %8s %8s %6s\n' "server" "workload" "ops/s" "p50 ms" "p99 ms" "errors"
for wl in get create; do
    run "sqlite+local-root-key" "$SQLITE_ADDR" "$W/c-local" local "$wl"
    run "sqlite+pkcs11-root-key" "$SQLITE_ADDR" "$W/c-hsm" hsm "$wl"
    run "postgresql+local-root-key" "$PG_ADDR" "$W/c-pg" pg "$wl"
done
echo "results: $W"
