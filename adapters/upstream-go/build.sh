#!/usr/bin/env bash
# Build one upstream Go adapter against an upstream AgoraDynamicKey/go directory, in place.
#   bash adapters/upstream-go/build.sh ENTRY GO_DIR
# ENTRY is upstream-go (da06bfb tree), upstream-2020-go (e683513 tree) or upstream-stb-go (55f8354,
# SimpleTokenBuilder); GO_DIR is the tree's `go` folder (it is only read). The binary goes to
# adapters/upstream-go/build/ENTRY, next to its generated go.mod (or GOPATH for the 2019 tree,
# whose SimpleTokenBuilder imports "../AccessToken" and so builds only in GOPATH mode).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
entry="$1"
src="$(cd "$2/src" && pwd)"
out="$here/build/$entry"
mkdir -p "$out"
ldflags="-X main.source=$src"

case "$entry" in
upstream-go | upstream-2020-go)
    pkg=da06bfb
    [ "$entry" = upstream-2020-go ] && pkg=e683513
    cat >"$out/go.mod" <<MOD
module github.com/agora-token-conformance/adapters/upstream-go

go 1.21

require (
	github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src v0.0.0
	github.com/agora-token-conformance/adapters/go/protocol v0.0.0
)

replace github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src => $src

replace github.com/agora-token-conformance/adapters/go/protocol => $here/../go/protocol
MOD
    : >"$out/go.sum"
    (cd "$here/$pkg" && GOFLAGS="${GOFLAGS:-} -mod=mod" go build -modfile="$out/go.mod" -trimpath \
        -ldflags "$ldflags" -o "$out/$entry" .)
    ;;
upstream-stb-go)
    # GOPATH mode: main.go imports "./upstream/SimpleTokenBuilder" relative to the build folder,
    # where `upstream` is a symlink to the tree; the protocol package comes from a GOPATH of links.
    gopath="$out/gopath"
    mkdir -p "$gopath/src/github.com/agora-token-conformance/adapters/go" \
        "$gopath/src/github.com/agora-token-conformance/adapters/upstream-go" \
        "$gopath/src/github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go"
    ln -sfn "$here/../go/protocol" "$gopath/src/github.com/agora-token-conformance/adapters/go/protocol"
    ln -sfn "$here/at006" "$gopath/src/github.com/agora-token-conformance/adapters/upstream-go/at006"
    ln -sfn "$src" "$gopath/src/github.com/AgoraIO/Tools/DynamicKey/AgoraDynamicKey/go/src"
    ln -sfn "$src" "$out/upstream"
    ln -sfn "$here/stb/main.go" "$out/main.go"
    (cd "$out" && GO111MODULE=off GOPATH="$gopath" GOFLAGS= go build -ldflags "$ldflags" -o "$out/$entry" main.go)
    ;;
*)
    echo "build.sh: unknown entry $entry (upstream-go, upstream-2020-go, upstream-stb-go)" >&2
    exit 2
    ;;
esac
echo "adapters/upstream-go: built build/$entry from $src"
