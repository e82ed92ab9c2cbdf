#!/usr/bin/env bash
# Plays the OASIS KMIP test cases (shared/kmip-vectors/oasis 1.0, 1.4, 2.1) against a fresh Keyhaven
# and writes CONFORMANCE.md from the result (never edit that file by hand).
#
#   scripts/conformance.sh [--check] [--pykmip] [--out DIR]
#
#   --check   also compare with conformance/expected-failures.txt (exit 1 on a case that fails
#             unlisted, or a listed case that passes) - what the Rust test does
#   --pykmip  also play the cases against PyKMIP 0.11.0's server (from .venv, see
#             scripts/install-test-deps.sh) with a certificate from the same CA, and write its report
#             to DIR/pykmip-CONFORMANCE.md
#   --out DIR where logs and the PyKMIP report go (default target/conformance)
#
# KMIP_VECTORS_DIR overrides where the test cases are (default: testdata/kmip-vectors/oasis in
# the repository). Everything listens on 127.0.0.1 only and stops at exit.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"

CHECK=0
PYKMIP=0
OUT="$REPO_ROOT/target/conformance"
while [ $# -gt 0 ]; do
    case "$1" in
    --check) CHECK=1; shift ;;
    --pykmip) PYKMIP=1; shift ;;
    --out) OUT="$2"; shift 2 ;;
    -h | --help) sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done

say() { printf '[conformance] %s\n' "$*" >&2; }
die() { printf '[conformance] ERROR: %s\n' "$*" >&2; exit 1; }

: "${HOME:=$(getent passwd "$(id -u)" | cut -d: -f6)}"
export HOME
if ! command -v cargo >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
fi

VECTORS="${KMIP_VECTORS_DIR:-$REPO_ROOT/testdata/kmip-vectors/oasis}"
[ -d "$VECTORS/1.0" ] || die "no OASIS test cases at $VECTORS (set KMIP_VECTORS_DIR)"
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"

say "building keyhaven"
cargo build -p keyhaven --bin keyhaven >&2
KH="$REPO_ROOT/target/debug/keyhaven"

WORK="$(mktemp -d /tmp/keyhaven-conformance.XXXXXX)"
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
    if [ -n "$PY_PID" ]; then
        for c in $(pgrep -P "$PY_PID" 2>/dev/null || true); do stop_pid "$c"; done
    fi
    stop_pid "$PY_PID"
    stop_pid "$KH_PID"
    rm -rf "$WORK"
}
trap cleanup EXIT

say "starting keyhaven serve on a fresh data directory"
"$KH" --data-dir "$WORK/data" serve --listen 127.0.0.1:0 --https-listen 127.0.0.1:0 \
    --ready-file "$WORK/ready" --log warn \
    >"$OUT/keyhaven.log" 2>&1 &
KH_PID=$!
disown "$KH_PID" 2>/dev/null || true
for _ in $(seq 1 300); do
    [ -s "$WORK/ready" ] && break
    kill -0 "$KH_PID" 2>/dev/null || die "keyhaven exited: $(tail -n 20 "$OUT/keyhaven.log")"
    sleep 0.1
done
[ -s "$WORK/ready" ] || die "keyhaven did not start"
ADDR="$(head -n 1 "$WORK/ready")"
HTTPS_ADDR="$(sed -n 's/^https=//p' "$WORK/ready" | head -n 1)"
"$KH" --data-dir "$WORK/data" client issue --name conformance --out "$WORK/client" >/dev/null
CA="$WORK/client/ca.crt"
CERT="$WORK/client/conformance.crt"
KEY="$WORK/client/conformance.key"

ARGS=(--ca "$CA" --cert "$CERT" --key "$KEY" "$VECTORS/1.0" "$VECTORS/1.4" "$VECTORS/2.1")
EXPECT=()
[ "$CHECK" = 1 ] && EXPECT=(--expect "$REPO_ROOT/conformance/expected-failures.txt")
VERSION="$("$KH" --version | awk '{print $2}')"
say "playing the test cases against Keyhaven $VERSION at $ADDR"
rc=0
"$KH" conformance --server "$ADDR" --https "$HTTPS_ADDR" --server-name localhost "${ARGS[@]}" "${EXPECT[@]}" \
    --label "Keyhaven $VERSION (this repository, a fresh data directory, default tenant)" \
    --report "$REPO_ROOT/CONFORMANCE.md" | tee "$OUT/keyhaven.txt" || rc=$?
say "wrote CONFORMANCE.md"

if [ "$PYKMIP" = 1 ]; then
    PYKMIP_SERVER="$REPO_ROOT/.venv/bin/pykmip-server"
    PY="$REPO_ROOT/.venv/bin/python"
    [ -x "$PYKMIP_SERVER" ] || ./scripts/install-test-deps.sh >&2
    [ -x "$PYKMIP_SERVER" ] || die "$PYKMIP_SERVER missing"
    command -v openssl >/dev/null 2>&1 || die "openssl is needed for PyKMIP's certificate"
    PYD="$WORK/pykmip"
    mkdir -p "$PYD/policies"
    # PyKMIP's TLS1.2 suite offers AES-GCM only with ECDSA certificates: give it a P-256 one.
    openssl ecparam -name prime256v1 -genkey -noout -out "$PYD/ec.key" 2>/dev/null
    openssl pkcs8 -topk8 -nocrypt -in "$PYD/ec.key" -out "$PYD/server.key"
    openssl req -new -key "$PYD/server.key" -subj "/CN=127.0.0.1" -out "$PYD/server.csr"
    printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n' >"$PYD/ext.cnf"
    openssl x509 -req -in "$PYD/server.csr" -CA "$WORK/data/tls/ca.crt" -CAkey "$WORK/data/tls/ca.key" \
        -CAcreateserial -CAserial "$PYD/ca.srl" -days 2 -sha256 -extfile "$PYD/ext.cnf" \
        -out "$PYD/server.crt" 2>/dev/null
    PORT="$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
    cat >"$PYD/server.conf" <<EOF
[server]
hostname=127.0.0.1
port=$PORT
certificate_path=$PYD/server.crt
key_path=$PYD/server.key
ca_path=$WORK/data/tls/ca.crt
auth_suite=TLS1.2
policy_path=$PYD/policies
enable_tls_client_auth=True
logging_level=WARNING
database_path=$PYD/pykmip.db
EOF
    say "starting pykmip-server on 127.0.0.1:$PORT"
    "$PYKMIP_SERVER" -f "$PYD/server.conf" -l "$OUT/pykmip.log" >"$OUT/pykmip.stdout" 2>&1 &
    PY_PID=$!
    disown "$PY_PID" 2>/dev/null || true
    for _ in $(seq 1 300); do
        "$PY" -c "import socket,sys; s=socket.socket(); s.settimeout(0.2); sys.exit(s.connect_ex(('127.0.0.1',$PORT)))" 2>/dev/null && break
        kill -0 "$PY_PID" 2>/dev/null || die "pykmip-server exited: $(tail -n 20 "$OUT/pykmip.stdout")"
        sleep 0.1
    done
    say "playing the test cases against PyKMIP"
    "$KH" conformance --server "127.0.0.1:$PORT" --timeout 10 "${ARGS[@]}" \
        --label "PyKMIP 0.11.0 pykmip-server (PyPI), default configuration" \
        --report "$OUT/pykmip-CONFORMANCE.md" | tee "$OUT/pykmip.txt" || true
    say "wrote $OUT/pykmip-CONFORMANCE.md"
fi
exit "$rc"
