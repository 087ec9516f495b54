#!/usr/bin/env bash
# Install the npm dependencies the upstream AgoraDynamicKey/nodejs trees require (crc-32, cuint,
# md5; pinned by package-lock.json) into adapters/upstream-node/node_modules, never into the
# read-only upstream folder: adapter.js puts this node_modules on the module search path.
# Without node/npm this prints what is missing and exits 0.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
    echo "adapters/upstream-node: skipped: node/npm not found on PATH" >&2
    exit 0
fi
stamp="$here/node_modules/.package-lock.json"
if [ -f "$stamp" ] && [ "$stamp" -nt "$here/package-lock.json" ]; then
    echo "adapters/upstream-node: node_modules up to date"
    exit 0
fi
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
echo "adapters/upstream-node: installed node_modules"
