#!/usr/bin/env bash
# Installs whatever is missing, builds pgshift (Release, build/) and runs every test:
# unit, gui, and integration against real PostgreSQL 15 servers and a PostgreSQL 18 target.
# Extra arguments go to ctest, e.g. `scripts/test.sh -R connection` or `scripts/test.sh -L unit`.
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

install_packages "${PGSHIFT_BUILD_PACKAGES[@]}" "${PGSHIFT_RUNTIME_PACKAGES[@]}" \
    "${PGSHIFT_TEST_PACKAGES[@]}"
pg15="$(pg15_bindir)"
pg18="$(install_pg18)"

build_pgshift "$PGSHIFT_ROOT/build" Release -DPGSHIFT_WERROR=ON \
    -DPGSHIFT_PG_BINDIR="$pg15" -DPGSHIFT_TARGET_PG_BINDIR="$pg18"

log "Running the tests"
cd "$PGSHIFT_ROOT/build"
ctest --output-on-failure --parallel "$(nproc)" "$@"
