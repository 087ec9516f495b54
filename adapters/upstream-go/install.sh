#!/usr/bin/env bash
# Build the upstream Go adapters (upstream-go, upstream-2020-go, upstream-stb-go) against the
# upstream AgoraDynamicKey snapshots under $AGORA_UPSTREAM, in place (build.sh), into
# adapters/upstream-go/build/. Nothing is downloaded: the adapters depend only on the upstream
# tree and the repository's Go protocol package. Skips (exit 0) without go or $AGORA_UPSTREAM.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if ! command -v go >/dev/null 2>&1; then
    echo "adapters/upstream-go: skipped: the Go toolchain (go) is not on PATH" >&2
    exit 0
fi
if [ -z "${AGORA_UPSTREAM:-}" ]; then
    echo "adapters/upstream-go: skipped: set AGORA_UPSTREAM to a folder holding the upstream snapshots" \
        "(2026-07-da06bfb/, 2020-08-e683513/, 2019-07-55f8354/)" >&2
    exit 0
fi
for pair in upstream-go:2026-07-da06bfb upstream-2020-go:2020-08-e683513 upstream-stb-go:2019-07-55f8354; do
    entry="${pair%%:*}" dir="$AGORA_UPSTREAM/${pair#*:}/go"
    if [ -d "$dir/src" ]; then
        bash "$here/build.sh" "$entry" "$dir"
    else
        echo "adapters/upstream-go: skipped $entry: no $dir/src" >&2
    fi
done
