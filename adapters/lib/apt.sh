#!/usr/bin/env bash
# Source this from a toolchain's install.sh: `apt_install PACKAGE...` installs the Debian packages
# that are not installed yet (apt-get update runs at most once a day per machine), or, when that
# is impossible (not root, no apt-get), says which are missing and returns 1 so the caller can
# skip its adapters with that message.
apt_missing() {
    local pkg missing=()
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    done
    echo "${missing[*]}"
}

apt_install() {
    local missing stamp=/var/lib/apt/periodic/agora-conformance-update-stamp
    missing="$(apt_missing "$@")"
    [ -z "$missing" ] && return 0
    if ! command -v apt-get >/dev/null 2>&1 || [ "$(id -u)" != 0 ]; then
        echo "missing Debian packages: $missing (install them as root: apt-get install $missing)" >&2
        return 1
    fi
    if [ -z "$(find "$stamp" -mmin -1440 2>/dev/null)" ]; then
        DEBIAN_FRONTEND=noninteractive apt-get update -qq -o DPkg::Lock::Timeout=900 >/dev/null 2>&1 || true
        mkdir -p "${stamp%/*}" && touch "$stamp"
    fi
    # shellcheck disable=SC2086
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=900 --no-install-recommends $missing >/dev/null 2>&1; then
        # a stale package list: refresh once and retry
        DEBIAN_FRONTEND=noninteractive apt-get update -qq -o DPkg::Lock::Timeout=900 >/dev/null 2>&1 || true
        # shellcheck disable=SC2086
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=900 --no-install-recommends $missing >/dev/null 2>&1 || {
            echo "apt-get install failed for: $missing" >&2
            return 1
        }
    fi
}
