#!/usr/bin/env bash
# Toolchain of the upstream Lua adapter (adapters/upstream-lua): Lua 5.3 and the Debian packages
# of the rocks that upstream lua/agora-token-0.1.0-1.rockspec depends on: lua-zlib and
# lua-luaossl, plus lua-cjson for the adapter's JSON. Two rocks have no Lua 5.3 package in
# Debian: `base64` (not packaged) and `md5` (lua-md5 builds only for 5.1/5.2); the adapter ships
# stand-ins for them in adapters/upstream-lua/deps/. Nothing comes from LuaRocks.
# When the modules load, build/modules.ok is written (the registry requires it). Without apt (or
# as non-root) it says what is missing and exits 0.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../lib/apt.sh
source "$here/../lib/apt.sh"
stamp="$here/build/modules.ok"
rm -f "$stamp"
if apt_install lua5.3 lua-zlib lua-luaossl lua-cjson \
        && lua5.3 -e 'require "zlib"; require "openssl.hmac"; require "openssl.digest"; require "cjson"'; then
    mkdir -p "$here/build" && lua5.3 -v >"$stamp" 2>&1
    echo "adapters/lua: $(cat "$stamp") with lua-zlib, luaossl, cjson"
else
    echo "adapters/lua: skipped: the upstream Lua adapter needs the packages above" >&2
fi
