#!/usr/bin/env bash
# Builds and runs the fuzz targets of fuzz/ without cargo-fuzz: the same libFuzzer
# instrumentation cargo-fuzz applies (SanitizerCoverage: inline 8-bit counters, PC table,
# comparison tracing), with no sanitizer (safe Rust; `cargo fuzz -s none` does the same),
# in release mode with debug assertions. See FUZZING.md.
#
#   scripts/fuzz.sh build [codec|server|all]    build the targets (default: all)
#   scripts/fuzz.sh seed                         write the seed corpora (fuzz/corpus/*)
#   scripts/fuzz.sh run TARGET SECONDS [ARGS]    one run, niced (FUZZ_NICE, default 19), CPU time in fuzz/runs/
#
# Targets: decode_message parse_request xml_json (codec), dispatch https_body pki_parsers (server).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../fuzz"

TRIPLE="$(rustc -vV | sed -n 's/^host: //p')"
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR="$PWD/target"
FLAGS="-Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares --cfg fuzzing -Cdebug-assertions -Coverflow-checks"

build() {
    local what="${1:-all}" args=()
    case "$what" in
        codec) args=(--bin decode_message --bin parse_request --bin xml_json) ;;
        server) args=(--features server --bin dispatch --bin https_body --bin pki_parsers) ;;
        all) args=(--features server --bins) ;;
        *) echo "unknown target set $what" >&2; exit 2 ;;
    esac
    RUSTFLAGS="$FLAGS" nice -n 19 cargo build --release --target "$TRIPLE" "${args[@]}"
}

case "${1:-}" in
    build) build "${2:-all}" ;;
    seed) python3 seed_corpus.py ;;
    run)
        target="$2"; secs="$3"; shift 3
        mkdir -p "corpus/$target" runs artifacts
        log="runs/$target-$(date -u +%Y%m%dT%H%M%SZ).log"
        echo "fuzzing $target for $secs s; log $log"
        # -rss_limit_mb: the server targets keep a store and runtime. -timeout: one input; the
        # server targets build their fixture (CA and server keys, store) on the first input,
        # 8-12 s of CPU, far longer when niced on a busy machine.
        /usr/bin/time -v nice -n "${FUZZ_NICE:-19}" "target/$TRIPLE/release/$target" "corpus/$target" \
            -max_total_time="$secs" -rss_limit_mb=4096 -timeout=120 -print_final_stats=1 \
            -artifact_prefix="artifacts/$target-" "$@" >"$log" 2>&1 || true
        grep -E "^(stat::|Done|#[0-9]+ +DONE)|User time|System time|Elapsed|Maximum resident|SUMMARY|panicked" "$log" || true
        ;;
    *) sed -n '2,12p' "$0"; exit 2 ;;
esac
