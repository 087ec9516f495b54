#!/usr/bin/env bash
# Launcher of the upstream C++ adapters: `testee.sh FLAVOR CPP_DIR` compiles the adapter against
# the upstream C++ sources in CPP_DIR (an AgoraDynamicKey/cpp folder, used in place: its headers
# through -I, its md5/md5.cpp compiled in) on first use, caches the binary under
# adapters/upstream-cpp/build/<hash of the sources, adapter files and flags>/, then runs it
# (the JSON-lines testee protocol on stdin/stdout).
#   FLAVOR 2026: AccessToken2 builders, AccessToken 006, DynamicKey 1-5, SignalingToken (da06bfb)
#          stb:  SimpleTokenBuilder scripts (55f8354)   stb2: SimpleTokenBuilder2 role API (55f8354)
#          2020: RtcTokenBuilder / RtmTokenBuilder 006 (e683513)
# AGORA_SANITIZE=1 builds with AddressSanitizer and UBSan (-fsanitize=address,undefined): the first
# memory error or undefined behaviour ends the process with its report on stderr, and the runner
# reports the pending case as a crash whose detail is that stderr tail.
# `testee.sh --build FLAVOR CPP_DIR` only builds (adapters/cpp/install.sh warms the cache with it).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build_only=0
if [ "${1:-}" = --build ]; then build_only=1; shift; fi
[ $# -eq 2 ] || { echo "usage: $0 [--build] 2026|stb|stb2|2020 CPP_DIR" >&2; exit 2; }
flavor="$1"
src="$(cd "$2" && pwd -P)" || { echo "$0: no such upstream folder: $2" >&2; exit 2; }

case "$flavor" in
    2026) units=(drive_007.cpp drive_006.cpp drive_legacy.cpp) ;;
    stb) units=(drive_stb.cpp) ;;
    stb2) units=(drive_stb2.cpp) ;;
    2020) units=(drive_006.cpp drive_legacy.cpp) ;;
    *) echo "$0: unknown flavor $flavor (2026, stb, stb2, 2020)" >&2; exit 2 ;;
esac

flags=(-std=c++17 -O1 -g -w)
sanitized=off
case "${AGORA_SANITIZE:-0}" in
    1|true|yes|on)
        sanitized=on
        flags+=(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all) ;;
esac

sources_digest="$(find "$src/src" -type f \( -name '*.h' -o -name '*.cpp' \) -print0 | sort -z | xargs -0 cat | sha256sum | cut -c1-12)"
key="$( { echo "$flavor ${flags[*]} $src $sources_digest"; g++ --version | head -n1
          cat "$here"/*.h "$here"/*.cpp "$here/testee.sh"; } | sha256sum | cut -c1-16)"
out="$here/build/$flavor-$key"
bin="$out/testee"

build() {
    mkdir -p "$out/include"
    ln -sfn "$src" "$out/include/cpp"   # upstream includes "cpp/src/X.h"
    local objs=() pids=() unit
    for unit in main.cpp "${units[@]}" "$src/src/md5/md5.cpp"; do
        local obj="$out/$(basename "$unit" .cpp).o"
        [ "${unit#/}" = "$unit" ] && unit="$here/$unit"
        g++ "${flags[@]}" -I"$out/include" -I"$here" -c "$unit" -o "$obj" 2>>"$out/build.log" &
        pids+=($!) objs+=("$obj")
    done
    local failed=0 pid
    for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
    if [ $failed = 0 ] && g++ "${flags[@]}" "${objs[@]}" -o "$bin.tmp" -lssl -lcrypto -lz 2>>"$out/build.log"; then
        mv "$bin.tmp" "$bin"
    else
        echo "$0: building the $flavor adapter against $src failed:" >&2
        tail -n 40 "$out/build.log" >&2
        return 1
    fi
}

if [ ! -x "$bin" ]; then
    mkdir -p "$out"
    (
        flock 9
        [ -x "$bin" ] || { rm -f "$out/build.log"; build; }
    ) 9>"$out/.lock"
fi
[ $build_only = 1 ] && exit 0

snapshot="$(basename "$(dirname "$src")")"
if [[ "$snapshot" =~ ^[0-9]{4}-[0-9]{2}-[0-9a-f]{7}$ ]]; then version="${snapshot##*-}"; else version="sources $sources_digest"; fi
exec "$bin" --name "AgoraDynamicKey cpp ($flavor)" --version "$version" \
    --notes "upstream headers compiled in place from $src; sanitizers $sanitized"
