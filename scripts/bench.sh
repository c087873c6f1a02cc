#!/usr/bin/env bash
# Builds pgshift (Release, build/) and runs the benchmarks in tests/bench, printing each
# result next to its goal or peer. Exit status non-zero when a goal is missed.
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

# pgcopydb is the strongest peer of the dump & restore benchmark.
install_packages "${PGSHIFT_BUILD_PACKAGES[@]}" "${PGSHIFT_RUNTIME_PACKAGES[@]}" pgcopydb
build_pgshift "$PGSHIFT_ROOT/build" Release
status=0
for bench in "$PGSHIFT_ROOT"/build/tests/bench/bench_*; do
    [ -x "$bench" ] || continue
    log "$(basename "$bench")"
    PGSHIFT_TEST_TMPDIR="${PGSHIFT_TEST_TMPDIR:-/tmp/pgshift-bench}" "$bench" || status=1
done
exit "$status"
