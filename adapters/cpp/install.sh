#!/usr/bin/env bash
# C++ toolchain for the upstream C++ adapters (adapters/upstream-cpp): g++, OpenSSL and zlib
# headers from Debian, then (when AGORA_UPSTREAM names the upstream snapshots) a build of every
# upstream-cpp flavour into adapters/upstream-cpp/build/, so no run pays for the compile.
# AGORA_SANITIZE=1 builds the sanitized variants (libasan/libubsan come with g++).
set -u
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../lib/apt.sh
source "$here/../lib/apt.sh"
if ! apt_install g++ libssl-dev zlib1g-dev; then
    echo "skipping the upstream C++ adapters: g++, libssl-dev or zlib1g-dev is missing" >&2
    exit 0
fi
if [ -z "${AGORA_UPSTREAM:-}" ]; then
    echo "upstream C++ adapters: AGORA_UPSTREAM not set, they build on first use"
    exit 0
fi
status=0
for flavour in "2026 2026-07-da06bfb" "stb 2019-07-55f8354" "stb2 2019-07-55f8354" "2020 2020-08-e683513"; do
    set -- $flavour
    dir="$AGORA_UPSTREAM/$2/cpp"
    [ -d "$dir" ] || continue
    echo "building upstream-cpp $1 against $dir"
    bash "$here/../upstream-cpp/testee.sh" --build "$1" "$dir" || status=1
done
exit $status
