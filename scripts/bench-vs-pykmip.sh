#!/usr/bin/env bash
# Keyhaven against PyKMIP 0.11.0's server, side by side, in one run, on this machine's loopback.
#
#   scripts/bench-vs-pykmip.sh [--duration SECS] [--concurrency N] [--keys K]
#                              [--storm-hosts H] [--storm-keys K] [--workloads "vcenter get ..."]
#                              [--wait-idle SECS] [--out DIR]
#
# What it does:
#   1. scripts/install-test-deps.sh: the .venv virtualenv with PyKMIP 0.11.0 from PyPI;
#   2. cargo build --release (keyhaven);
#   3. starts `keyhaven serve` (release build) on a fresh data directory on 127.0.0.1 and issues a
#      client certificate with `keyhaven client issue`;
#   4. gives PyKMIP's server a certificate from Keyhaven's CA (DATA/tls/ca.crt + ca.key) and starts
#      `pykmip-server` on 127.0.0.1 with the same CA, so one client certificate works for both;
#   5. runs every workload of `keyhaven bench` against both servers, one after the other, with the
#      same flags, and records each JSON report plus the server's CPU time;
#   6. prints a table with both figures and the ratio, and stops both servers.
#
# PyKMIP's certificate is ECDSA P-256: PyKMIP's "TLS1.2" auth suite only allows TLS 1.2 with its
# NIST cipher list, whose only AEAD suites are ECDHE-ECDSA-AES-GCM (the RSA ones are CBC, which
# rustls, and so `keyhaven bench`, does not implement). Keyhaven's own certificate stays RSA-2048.
# PyKMIP logs at WARNING here (its default, INFO, writes several lines per request) so that its
# figures are its best, not its logging's.
#
# --wait-idle SECS: before each run, wait (at most SECS) until the CPUs are 90 % idle, for machines
# shared with other work; the figures are only comparable on an otherwise idle machine.
#
# Output: the table on stdout; JSON reports, server logs and table.txt in --out
# (default target/bench-vs-pykmip/<date>). Loads go to 127.0.0.1 only and every run is bounded in
# time (--duration per workload, 30 s timeouts per connection and request).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"

DURATION=10
CONCURRENCY=8
KEYS=100
STORM_HOSTS=1000
STORM_KEYS=4
WORKLOADS="vcenter get locate storm create"
OUT=""
WAIT_IDLE=0

usage() { sed -n '2,30p' "$0" | sed 's/^# \{0,1\}//'; }
while [ $# -gt 0 ]; do
    case "$1" in
    --duration) DURATION="$2"; shift 2 ;;
    --concurrency) CONCURRENCY="$2"; shift 2 ;;
    --keys) KEYS="$2"; shift 2 ;;
    --storm-hosts) STORM_HOSTS="$2"; shift 2 ;;
    --storm-keys) STORM_KEYS="$2"; shift 2 ;;
    --workloads) WORKLOADS="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --wait-idle) WAIT_IDLE="$2"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) echo "unknown option $1" >&2; usage >&2; exit 2 ;;
    esac
done

say() { printf '[bench-vs-pykmip] %s\n' "$*" >&2; }
die() { printf '[bench-vs-pykmip] ERROR: %s\n' "$*" >&2; exit 1; }

: "${HOME:=$(getent passwd "$(id -u)" | cut -d: -f6)}"
export HOME
if ! command -v cargo >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
fi
command -v openssl >/dev/null 2>&1 || die "openssl is needed to make PyKMIP's certificate (apt-get install openssl)"

# --- 1. PyKMIP 0.11.0 in .venv ------------------------------------------------
./scripts/install-test-deps.sh >&2
PY="$REPO_ROOT/.venv/bin/python"
PYKMIP_SERVER="$REPO_ROOT/.venv/bin/pykmip-server"
[ -x "$PYKMIP_SERVER" ] || die "$PYKMIP_SERVER missing after install-test-deps.sh"
PYKMIP_VERSION="$("$PY" -c 'from importlib.metadata import version; print(version("pykmip"))')"
[ "$PYKMIP_VERSION" = "0.11.0" ] || die "PyKMIP in .venv is $PYKMIP_VERSION, not 0.11.0"

# --- 2. release build ---------------------------------------------------------
say "building keyhaven (release)"
cargo build --release -p keyhaven --bin keyhaven >&2
KH="${CARGO_TARGET_DIR:-$REPO_ROOT/target}/release/keyhaven"

[ -n "$OUT" ] || OUT="$REPO_ROOT/target/bench-vs-pykmip/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
WORK="$(mktemp -d /tmp/bench-vs-pykmip.XXXXXX)"

KH_PID=""
PY_PID=""
stop_pid() {
    local pid="$1"
    [ -n "$pid" ] || return 0
    kill -TERM "$pid" 2>/dev/null || return 0
    for _ in $(seq 1 50); do
        kill -0 "$pid" 2>/dev/null || return 0
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
    # PyKMIP's server starts a multiprocessing manager as a child: stop the children first.
    if [ -n "$PY_PID" ]; then
        for c in $(pgrep -P "$PY_PID" 2>/dev/null || true); do stop_pid "$c"; done
    fi
    stop_pid "$PY_PID"
    stop_pid "$KH_PID"
    rm -rf "$WORK"
}
trap cleanup EXIT

free_port() {
    "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# CPU seconds (user + system) of a process and its children, from /proc.
cpu_secs() {
    local total=0 p t
    for p in "$1" $(pgrep -P "$1" 2>/dev/null || true); do
        if [ -r "/proc/$p/stat" ]; then
            t=$(sed 's/^.*) //' "/proc/$p/stat" | awk '{print $12 + $13}')
            total=$((total + t))
        fi
    done
    echo "$total"
}
# Waits until the CPUs are >= 90 % idle over 2 s, at most WAIT_IDLE seconds.
wait_idle() {
    [ "$WAIT_IDLE" -gt 0 ] || return 0
    local t0 a b tot idle i
    t0=$(date +%s)
    while :; do
        read -ra a </proc/stat
        sleep 2
        read -ra b </proc/stat
        tot=0
        for i in 1 2 3 4 5 6 7 8; do tot=$((tot + b[i] - a[i])); done
        idle=$(((b[4] - a[4]) * 100 / (tot > 0 ? tot : 1)))
        [ "$idle" -ge 90 ] && return 0
        if [ $(($(date +%s) - t0)) -ge "$WAIT_IDLE" ]; then
            say "warning: the machine is busy (CPUs ${idle}% idle): figures will be low"
            return 0
        fi
    done
}
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

# --- 3. Keyhaven ----------------------------------------------------------------
KH_DATA="$WORK/keyhaven-data"
say "starting keyhaven serve on 127.0.0.1"
"$KH" --data-dir "$KH_DATA" serve --listen 127.0.0.1:0 --ready-file "$WORK/kh.ready" --log warn \
    >"$OUT/keyhaven.log" 2>&1 &
KH_PID=$!
disown "$KH_PID" 2>/dev/null || true
for _ in $(seq 1 300); do
    [ -s "$WORK/kh.ready" ] && break
    kill -0 "$KH_PID" 2>/dev/null || die "keyhaven exited: $(tail -n 20 "$OUT/keyhaven.log")"
    sleep 0.1
done
[ -s "$WORK/kh.ready" ] || die "keyhaven did not start"
KH_ADDR="$(head -n 1 "$WORK/kh.ready")"
"$KH" --data-dir "$KH_DATA" client issue --name bench --out "$WORK/client" >/dev/null
CA="$KH_DATA/tls/ca.crt"
CERT="$WORK/client/bench.crt"
KEY="$WORK/client/bench.key"

# --- 4. PyKMIP ------------------------------------------------------------------
PYD="$WORK/pykmip"
mkdir -p "$PYD/policies"
openssl ecparam -name prime256v1 -genkey -noout -out "$PYD/server.ec.key" 2>/dev/null
openssl pkcs8 -topk8 -nocrypt -in "$PYD/server.ec.key" -out "$PYD/server.key"
openssl req -new -key "$PYD/server.key" -subj "/CN=127.0.0.1" -out "$PYD/server.csr"
cat >"$PYD/ext.cnf" <<'EOF'
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=IP:127.0.0.1,DNS:localhost
EOF
openssl x509 -req -in "$PYD/server.csr" -CA "$CA" -CAkey "$KH_DATA/tls/ca.key" \
    -CAcreateserial -CAserial "$PYD/ca.srl" -days 7 -sha256 -extfile "$PYD/ext.cnf" \
    -out "$PYD/server.crt" 2>/dev/null
PY_PORT="$(free_port)"
cat >"$PYD/server.conf" <<EOF
[server]
hostname=127.0.0.1
port=$PY_PORT
certificate_path=$PYD/server.crt
key_path=$PYD/server.key
ca_path=$CA
auth_suite=TLS1.2
policy_path=$PYD/policies
enable_tls_client_auth=True
logging_level=WARNING
database_path=$PYD/pykmip.db
EOF
say "starting pykmip-server $PYKMIP_VERSION on 127.0.0.1:$PY_PORT"
"$PYKMIP_SERVER" -f "$PYD/server.conf" -l "$OUT/pykmip.log" >"$OUT/pykmip.stdout" 2>&1 &
PY_PID=$!
disown "$PY_PID" 2>/dev/null || true
for _ in $(seq 1 300); do
    "$PY" -c "import socket,sys; s=socket.socket(); s.settimeout(0.2); sys.exit(s.connect_ex(('127.0.0.1',$PY_PORT)))" 2>/dev/null && break
    kill -0 "$PY_PID" 2>/dev/null || die "pykmip-server exited: $(tail -n 20 "$OUT/pykmip.stdout" "$OUT/pykmip.log")"
    sleep 0.1
done
PY_ADDR="127.0.0.1:$PY_PORT"

# --- 5. the workloads -------------------------------------------------------------
run_one() { # server-label addr pid workload
    local label="$1" addr="$2" pid="$3" w="$4" json="$OUT/$1-$4.json"
    local args=(--workload "$w" --concurrency "$CONCURRENCY" --duration "$DURATION" --keys "$KEYS")
    if [ "$w" = storm ]; then
        args=(--workload storm --hosts "$STORM_HOSTS" --keys "$STORM_KEYS")
    fi
    wait_idle
    say "$label: $w"
    local c0 c1 rc=0
    c0="$(cpu_secs "$pid")"
    "$KH" bench --server "$addr" --ca "$CA" --cert "$CERT" --key "$KEY" "${args[@]}" --json \
        >"$json" 2>"$OUT/$label-$w.stderr" || rc=$?
    c1="$(cpu_secs "$pid")"
    [ -s "$json" ] || printf '{"workload":"%s","error":"keyhaven bench exited with %s: %s"}\n' \
        "$w" "$rc" "$(tr -d '"\n' <"$OUT/$label-$w.stderr" | head -c 300)" >"$json"
    # Server CPU ticks (1/100 s) during the run, and resident memory after it.
    "$PY" - "$json" "$((c1 - c0))" "$(rss_kib "$pid")" <<'EOF'
import json, sys
path, ticks, rss = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
r = json.load(open(path))
r["server_cpu_secs"] = ticks / 100.0
r["server_rss_mib"] = round(rss / 1024.0, 1)
json.dump(r, open(path, "w"))
EOF
}

for w in $WORKLOADS; do
    run_one keyhaven "$KH_ADDR" "$KH_PID" "$w"
    run_one pykmip "$PY_ADDR" "$PY_PID" "$w"
done

# --- 6. the table -------------------------------------------------------------------
{
    echo "Keyhaven $("$KH" --version | awk '{print $2}') (release) vs PyKMIP $PYKMIP_VERSION server, 127.0.0.1, load generator: keyhaven bench on the same machine"
    echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
    echo "per workload: --concurrency $CONCURRENCY --duration $DURATION --keys $KEYS (storm: --hosts $STORM_HOSTS --keys $STORM_KEYS), KMIP 1.1"
    "$PY" - "$OUT" $WORKLOADS <<'EOF'
import json, os, sys
out, workloads = sys.argv[1], sys.argv[2:]
def load(server, w):
    try:
        return json.load(open(os.path.join(out, "%s-%s.json" % (server, w))))
    except Exception as e:
        return {"error": "no report: %s" % e}
def cell(r, storm):
    if "error" in r:
        return "failed"
    if storm:
        return "%.2f s" % r["total_secs"]
    return "%.0f/s" % r["ops_per_sec"]
def lat(r):
    if "error" in r:
        return "-"
    return "%.2f / %.2f" % (r["p50_ms"], r["p99_ms"])
def cpu(r):
    if "error" in r or not r.get("ops"):
        return "-"
    return "%.0f" % (1e6 * r.get("server_cpu_secs", 0) / r["ops"])
rows = [("workload", "keyhaven", "p50/p99 ms", "err", "cpu us/op", "pykmip", "p50/p99 ms", "err", "cpu us/op", "ratio")]
notes = []
for w in workloads:
    k, p = load("keyhaven", w), load("pykmip", w)
    storm = w == "storm"
    ratio = "-"
    if "error" not in k and "error" not in p:
        if storm and p.get("total_secs") and k.get("total_secs"):
            ratio = "%.1fx" % (p["total_secs"] / k["total_secs"])
            if p.get("hosts_failed"):
                # PyKMIP's time is then bounded by the client's timeout: a lower bound.
                ratio = ">" + ratio
        elif p.get("ops_per_sec"):
            ratio = "%.1fx" % (k["ops_per_sec"] / p["ops_per_sec"])
    rows.append((w + (" (total time)" if storm else ""), cell(k, storm), lat(k), str(k.get("errors", "-")), cpu(k),
                 cell(p, storm), lat(p), str(p.get("errors", "-")), cpu(p), ratio))
    for name, r in (("keyhaven", k), ("pykmip", p)):
        if "error" in r:
            notes.append("%s %s: %s" % (name, w, r["error"]))
        elif r.get("errors"):
            notes.append("%s %s: %d errors, e.g. %s" % (name, w, r["errors"], "; ".join(r.get("error_examples", [])[:2])))
        if w == "vcenter" and "error" not in r:
            notes.append("%s vcenter: %s of %s handshakes resumed (%s)" % (name, r.get("resumed"), r.get("handshakes"), r.get("tls_version")))
        if storm and "error" not in r:
            notes.append("%s storm: %d hosts x %d keys, %s hosts failed, per-host p50 %.1f ms p99 %.1f ms" % (
                name, r.get("hosts", 0), r.get("keys", 0), r.get("hosts_failed"), r["p50_ms"], r["p99_ms"]))
widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
for i, r in enumerate(rows):
    print("  ".join(c.ljust(widths[j]) for j, c in enumerate(r)))
    if i == 0:
        print("  ".join("-" * widths[j] for j in range(len(r))))
print("ratio: Keyhaven ops/s over PyKMIP ops/s (storm: PyKMIP total time over Keyhaven's, '>' when PyKMIP hosts failed);")
print("cpu us/op: server CPU time (user + system, all its processes) per operation")
for n in notes:
    print("note: " + n)
EOF
} | tee "$OUT/table.txt"
say "reports in $OUT"
