#!/usr/bin/env bash
# The project's single test command: ./scripts/test.sh
#
#   1. installs what the tests need (scripts/install-test-deps.sh)
#   2. builds the workspace, tests and benches included
#   3. runs the Rust tests (cargo test --workspace)
#   4. checks the supply chain (scripts/cargo-deny.sh, deny.toml)
#   5. runs the Python interop tests (tests/pykmip: PyKMIP; tests/cyphera: cyphera-kmip)
#      against target/debug/keyhaven
#   5. builds, lints, installs and starts the Debian package (scripts/test-deb.sh)
#
# Stops at once if stage 1 or 2 fails; runs both test stages even if the first
# fails, then exits non-zero if either failed.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

# A minimal environment (CI) may lack HOME or rustup's directory on PATH.
: "${HOME:=$(getent passwd "$(id -u)" | cut -d: -f6)}"
export HOME
if ! command -v cargo >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
fi

stage() {
    printf '\n==== %s ====\n' "$*"
}

failed=()

stage "Installing test dependencies"
./scripts/install-test-deps.sh

stage "Building the workspace (cargo build --workspace --all-targets)"
cargo build --workspace --all-targets

stage "Rust tests (cargo test --workspace)"
if ! cargo test --workspace --no-fail-fast; then
    failed+=("Rust tests")
fi

stage "Supply chain (cargo deny: licences, bans, duplicates, sources; advisories when a database is on disk)"
if ! ./scripts/cargo-deny.sh; then
    failed+=("cargo deny")
fi

stage "PyKMIP interop tests (tests/pykmip)"
if ! KEYHAVEN_BIN=target/debug/keyhaven .venv/bin/pytest -q tests/pykmip; then
    failed+=("PyKMIP interop tests")
fi

stage "cyphera-kmip interop tests (tests/cyphera)"
if ! KEYHAVEN_BIN=target/debug/keyhaven .venv/bin/pytest -q tests/cyphera; then
    failed+=("cyphera-kmip interop tests")
fi

stage "Debian package (scripts/test-deb.sh)"
if ! KEYHAVEN_BIN=target/debug/keyhaven ./scripts/test-deb.sh; then
    failed+=("Debian package")
fi

if [ "${#failed[@]}" -gt 0 ]; then
    stage "FAILED: $(printf '%s; ' "${failed[@]}" | sed 's/; $//')"
    exit 1
fi
stage "All tests passed"
