#!/usr/bin/env bash
# Build the Go testee adapters into adapters/go/bin/ (go-upstream, go-community).
# Module versions are pinned by each adapter's go.mod and verified against its committed go.sum
# (modules come from the Go module proxy). Without a `go` toolchain this prints what is missing
# and exits 0, so the rest of the adapter installation still runs.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if ! command -v go >/dev/null 2>&1; then
    echo "adapters/go: skipped: the Go toolchain (go) is not on PATH" >&2
    exit 0
fi
mkdir -p "$here/bin"
for adapter in go-upstream go-community; do
    (cd "$here/../$adapter" && GOFLAGS="${GOFLAGS:-} -mod=readonly" go build -trimpath -o "$here/bin/$adapter" .)
    echo "adapters/go: built bin/$adapter"
done
