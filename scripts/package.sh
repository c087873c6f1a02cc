#!/usr/bin/env bash
# Installs whatever is missing, builds pgshift (Release, build/) and makes the Debian package
# with CPack; then checks it as the test suite's package.deb does (unpacked into a clean
# prefix, its pgshift --version run, metainfo and menu entry validated). Prints the .deb's path.
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

install_packages "${PGSHIFT_BUILD_PACKAGES[@]}" "${PGSHIFT_RUNTIME_PACKAGES[@]}" appstream desktop-file-utils dpkg-dev
build_pgshift "$PGSHIFT_ROOT/build" Release
log "Checking the package"
(cd "$PGSHIFT_ROOT/build" && ctest -R '^package\.deb$' --output-on-failure) || die "the package check failed"
log "Making the package"
mkdir -p "$PGSHIFT_ROOT/build/packages"
(cd "$PGSHIFT_ROOT/build" && cpack -G DEB -B "$PGSHIFT_ROOT/build/packages") >/dev/null || die "cpack failed"
ls "$PGSHIFT_ROOT"/build/packages/*.deb
