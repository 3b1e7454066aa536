#!/usr/bin/env bash
# Fuzzes the importer's readers (fuzz/: text, docx, xlsx targets) for a bounded time each and
# exits non-zero if any target crashes, times out or runs out of memory; the input that did
# it is left in fuzz/artifacts/<target>/. Needs cargo-fuzz (installed here if missing) and
# runs on the stable toolchain through RUSTC_BOOTSTRAP=1 (cargo-fuzz passes -Z flags).
#
#   .ci/fuzz.sh                  every target, FUZZ_SECONDS (default 30) each
#   FUZZ_SECONDS=300 .ci/fuzz.sh docx
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${FUZZ_SECONDS:-30}"
if [ "$#" -gt 0 ]; then targets=("$@"); else targets=(text docx xlsx); fi
# Kept between runs, outside the clone, like CI's other builds; separate from them because
# the fuzz build uses other compiler flags.
target_dir="${FUZZ_TARGET_DIR:-/var/tmp/phaen-fuzz-target}"

if ! cargo fuzz --version >/dev/null 2>&1; then
    cargo install --locked cargo-fuzz
fi
export RUSTC_BOOTSTRAP=1

fuzz/make_corpus.sh

failed=()
for t in "${targets[@]}"; do
    printf '\n=== fuzz %s for %ss ===\n' "$t" "$seconds"
    start=$SECONDS
    # -timeout: one input taking longer than this is a failure (something quadratic);
    # -rss_limit_mb: the readers' limits keep memory far below this.
    set +e
    cargo fuzz run "$t" --target-dir "$target_dir" "fuzz/corpus/$t" -- \
        -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 2>&1 | tee "/tmp/phaen-fuzz-$t.log" |
        grep -E '^(Done|stat::number_of_executed_units|==[0-9]+==|SUMMARY|thread .* panicked)'
    status=${PIPESTATUS[0]}
    set -e
    echo "fuzz $t: exit $status after $((SECONDS - start))s (full log /tmp/phaen-fuzz-$t.log)"
    if [ "$status" -ne 0 ]; then
        failed+=("$t")
        tail -n 60 "/tmp/phaen-fuzz-$t.log"
        ls -1 "fuzz/artifacts/$t" 2>/dev/null | sed 's/^/artifact: /' || true
    fi
done

if [ "${#failed[@]}" -gt 0 ]; then
    echo "fuzzing found failures in: ${failed[*]}"
    exit 1
fi
echo "fuzzing: ${#targets[@]} targets, ${seconds}s each, no failures"
