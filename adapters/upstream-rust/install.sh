#!/usr/bin/env bash
# Build the upstream Rust adapter: links build/upstream to $AGORA_UPSTREAM/2026-07-da06bfb/rust (the
# crate is compiled in place as a path dependency, never copied) and runs
# `cargo build --release --locked` (crates.io versions pinned by the committed Cargo.lock) into
# build/target. Skips (exit 0) without cargo or $AGORA_UPSTREAM. Usage for another checkout:
#   AGORA_UPSTREAM_RUST=/path/to/AgoraDynamicKey/rust bash adapters/upstream-rust/install.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if ! command -v cargo >/dev/null 2>&1; then
    echo "adapters/upstream-rust: skipped: the Rust toolchain (cargo) is not on PATH" >&2
    exit 0
fi
crate="${AGORA_UPSTREAM_RUST:-}"
if [ -z "$crate" ]; then
    if [ -z "${AGORA_UPSTREAM:-}" ]; then
        echo "adapters/upstream-rust: skipped: set AGORA_UPSTREAM to a folder holding the upstream snapshots" >&2
        exit 0
    fi
    crate="$AGORA_UPSTREAM/2026-07-da06bfb/rust"
fi
if [ ! -f "$crate/Cargo.toml" ]; then
    echo "adapters/upstream-rust: skipped: no crate at $crate" >&2
    exit 0
fi
mkdir -p "$here/build"
ln -sfn "$(cd "$crate" && pwd)" "$here/build/upstream"
(cd "$here" && CARGO_TARGET_DIR="$here/build/target" cargo build --release --locked --quiet)
echo "adapters/upstream-rust: built build/target/release/upstream-rust-testee from $crate"
