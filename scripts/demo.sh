#!/usr/bin/env bash
# Installs whatever is missing, builds pgshift (Release, build/) and starts the wizard on a
# sandbox: two throwaway local PostgreSQL servers, deleted when the wizard closes.
# Needs a desktop session; on a machine without one: xvfb-run -a scripts/demo.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

install_packages "${PGSHIFT_BUILD_PACKAGES[@]}" "${PGSHIFT_RUNTIME_PACKAGES[@]}"
build_pgshift "$PGSHIFT_ROOT/build" Release

if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    die "no display to show the wizard on: run this in a desktop session, or as
       xvfb-run -a scripts/demo.sh"
fi
log "Starting pgshift on a sandbox (two throwaway local servers)"
exec "$PGSHIFT_ROOT/build/bin/pgshift" demo "$@"
