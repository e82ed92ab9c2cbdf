#!/usr/bin/env bash
# Tests the Debian package end to end (run by scripts/test.sh; needs root for the last part):
#
#   1. builds it with scripts/build-deb.sh from an already-built binary (KEYHAVEN_BIN, default
#      target/debug/keyhaven);
#   2. lintian: no error (accepted warnings are listed in packaging/debian/lintian-overrides);
#   3. the maintainer scripts parse (sh -n);
#   4. `systemd-analyze verify` passes on the unit, with nothing printed (checked on a copy whose
#      ExecStart names the extracted binary, since the package is not installed on this machine);
#   5. extracts the package into a throwaway root, creates the keyhaven system user as postinst
#      does, starts the installed binary with the unit's ExecStart command line (paths moved into
#      the throwaway root, listening on 127.0.0.1), as the keyhaven user with the unit's umask,
#      and talks KMIP to it (a client issued by the installed binary creates keys); checks the
#      process user and the modes of what it wrote. The server is stopped with SIGTERM.
#
# The machine is left as found, except for the keyhaven system user (created once, as the
# package's postinst would). Prints "N passed, N failed" last.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"
BIN="${KEYHAVEN_BIN:-target/debug/keyhaven}"
passed=0
failed=0
ok() { passed=$((passed + 1)); printf '[test-deb] ok: %s\n' "$*"; }
fail() { failed=$((failed + 1)); printf '[test-deb] FAILED: %s\n' "$*" >&2; }
finish() {
    echo "test-deb: $passed passed, $failed failed"
    [ "$failed" -eq 0 ]
}

WORK="$(mktemp -d /tmp/keyhaven-deb.XXXXXX)"
chmod 0755 "$WORK"
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill -TERM "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

# 1. Build.
DEB="$(scripts/build-deb.sh --binary "$BIN" --out "$WORK/out" | tail -n 1)"
if [ -f "$DEB" ]; then ok "built $(basename "$DEB") ($(du -h "$DEB" | cut -f1))"; else fail "build-deb produced no package"; finish; exit 1; fi

# 2. Lintian.
if lintian --allow-root --fail-on error "$DEB" >"$WORK/lintian.txt" 2>&1; then
    ok "lintian: no error ($(grep -c '^W:' "$WORK/lintian.txt" || true) warning(s))"
else
    cat "$WORK/lintian.txt" >&2
    fail "lintian reports errors"
fi
grep '^[EW]:' "$WORK/lintian.txt" || true

# 3. Maintainer scripts.
mkdir -p "$WORK/control"
dpkg-deb -e "$DEB" "$WORK/control"
for s in postinst prerm postrm; do
    if sh -n "$WORK/control/$s"; then ok "$s parses"; else fail "$s does not parse"; fi
done
grep -q 'adduser --system' "$WORK/control/postinst" && ok "postinst creates the system user" || fail "postinst creates no user"
if grep -q 'purge' "$WORK/control/postrm" && ! awk '/"remove"/,/fi/' "$WORK/control/postrm" | grep -q 'rm -rf'; then
    ok "postrm keeps the data on remove, deletes it on purge only"
else
    fail "postrm must keep /var/lib/keyhaven on remove"
fi

# 4. The unit.
ROOT="$WORK/root"
mkdir -p "$ROOT"
dpkg-deb -x "$DEB" "$ROOT"
chmod 0755 "$ROOT"
UNIT="$ROOT/lib/systemd/system/keyhaven.service"
mkdir -p "$WORK/unit"
sed "s#/usr/bin/keyhaven#$ROOT/usr/bin/keyhaven#" "$UNIT" >"$WORK/unit/keyhaven.service"
if out="$(cd "$WORK/unit" && systemd-analyze verify keyhaven.service 2>&1)" && [ -z "$out" ]; then
    ok "systemd-analyze verify: clean"
else
    printf '%s\n' "$out" >&2
    fail "systemd-analyze verify"
fi
for directive in NoNewPrivileges=yes ProtectSystem=strict ProtectHome=yes PrivateTmp=yes \
    'CapabilityBoundingSet=$' LimitCORE=0 MemoryDenyWriteExecute=yes SystemCallFilter=@system-service \
    User=keyhaven; do
    grep -q "^$directive" "$UNIT" || fail "unit lacks $directive"
done
ok "unit hardening directives present"

# 5. Start the installed binary as the unit would.
if [ "$(id -u)" -ne 0 ]; then
    fail "not root: cannot run the installed binary as the keyhaven user"
    finish; exit 1
fi
if ! getent passwd keyhaven >/dev/null; then
    # The same command as the package's postinst.
    adduser --system --group --home /var/lib/keyhaven --no-create-home \
        --shell /usr/sbin/nologin --gecos "Keyhaven KMIP key server" keyhaven >/dev/null
fi
DATA="$ROOT/var/lib/keyhaven"
install -d -o keyhaven -g keyhaven -m 0750 "$DATA"
install -d -o keyhaven -g keyhaven -m 0700 "$WORK/run" "$WORK/client"
EXEC="$(sed -n 's/^ExecStart=//p' "$UNIT")"
EXEC="${EXEC//\/usr\/bin\/keyhaven/$ROOT/usr/bin/keyhaven}"
EXEC="${EXEC//\/var\/lib\/keyhaven/$DATA}"
as_keyhaven() { setpriv --reuid=keyhaven --regid=keyhaven --init-groups --no-new-privs -- "$@"; }
UMASK="$(sed -n 's/^UMask=//p' "$UNIT")"
# shellcheck disable=SC2086
(umask "$UMASK"; exec setpriv --reuid=keyhaven --regid=keyhaven --init-groups --no-new-privs -- \
    $EXEC --listen 127.0.0.1:0 --ready-file "$WORK/run/ready" --log info) \
    >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do
    [ -s "$WORK/run/ready" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
done
ADDR="$(head -n 1 "$WORK/run/ready" 2>/dev/null || true)"
if [ -n "$ADDR" ]; then ok "installed binary serves on $ADDR (command line: $EXEC)"; else cat "$WORK/server.log" >&2; fail "the installed binary did not start"; finish; exit 1; fi
PROC_USER="$(ps -o user= -p "$SERVER_PID" | tr -d ' ')"
[ "$PROC_USER" = keyhaven ] && ok "runs as the keyhaven user" || fail "runs as $PROC_USER"
(umask "$UMASK"; as_keyhaven "$ROOT/usr/bin/keyhaven" --data-dir "$DATA" client issue --name pkgtest --out "$WORK/client") >/dev/null
if as_keyhaven "$ROOT/usr/bin/keyhaven" bench --server "$ADDR" --server-name localhost \
    --ca "$WORK/client/ca.crt" --cert "$WORK/client/pkgtest.crt" --key "$WORK/client/pkgtest.key" \
    --workload create --count 20 --concurrency 1 >"$WORK/bench.txt" 2>&1; then
    grep -q " 0 errors" "$WORK/bench.txt" || fail "bench reports errors"
    ok "KMIP over mutual TLS: 20 Creates ($(grep -m1 -i 'ops/s\|throughput' "$WORK/bench.txt" | tr -s ' ' || true))"
else
    cat "$WORK/bench.txt" >&2
    fail "KMIP requests to the installed server"
fi
COUNT="$(as_keyhaven "$ROOT/usr/bin/keyhaven" --data-dir "$DATA" key list --json | grep -c '"uid"' || true)"
[ "$COUNT" -ge 20 ] && ok "$COUNT keys stored" || fail "only $COUNT keys stored"
OWNER="$(stat -c '%U %a' "$DATA/keyhaven.db")"
[ "$OWNER" = "keyhaven 600" ] && ok "store owned by keyhaven, mode 600" || fail "store is $OWNER"
KEYMODE="$(stat -c '%a' "$DATA/tls/server.key")"
[ "$KEYMODE" = 600 ] && ok "server key mode 600" || fail "server key mode $KEYMODE"
kill -TERM "$SERVER_PID"
if wait "$SERVER_PID"; then ok "clean stop on SIGTERM"; else fail "exit status $? on SIGTERM"; fi
SERVER_PID=""
finish
