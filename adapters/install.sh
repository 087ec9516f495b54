#!/usr/bin/env bash
# Install every adapter's pinned implementation and toolchain. Idempotent and quiet; each part is
# skipped, with a message naming what is missing, when its toolchain is absent and cannot be
# installed. Only this step uses the network (npm registry, Go proxy, Maven Central, crates.io,
# Debian's packages through adapters/lib/apt.sh).
# The Python packages come from adapters/python/requirements.txt (tox installs them).
# Usage: adapters/install.sh [PART ...]   (no argument: every part)
# A part is `node` (npm ci in every adapters/node-*/) or the name of a toolchain folder that
# holds an install.sh (adapters/go, adapters/java, adapters/cpp, ...).
set -u
script_dir="${BASH_SOURCE[0]%/*}"
[ "$script_dir" = "${BASH_SOURCE[0]}" ] && script_dir=.
here="$(cd "$script_dir" && pwd)"
status=0

say() { printf 'adapters/install.sh: %s\n' "$*" >&2; }

all_parts() {
    echo node
    for script in "$here"/*/install.sh; do
        part="${script%/install.sh}"
        echo "${part##*/}"
    done
}
parts=" ${*:-$(all_parts | tr '\n' ' ')} "
wanted() { [[ "$parts" == *" $1 "* ]]; }

install_node() {
    local dir="$1"
    if [ -f "$dir/node_modules/.package-lock.json" ] && [ "$dir/node_modules/.package-lock.json" -nt "$dir/package-lock.json" ]; then
        return 0   # already installed from the current lock file
    fi
    if ! (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null); then
        say "npm ci failed in ${dir#"$here"/}"
        status=1
    fi
}

if ! wanted node; then
    :
elif command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
    for dir in "$here"/node-*/; do
        dir="${dir%/}"
        [ -f "$dir/package-lock.json" ] && install_node "$dir"
    done
else
    say "skipping Node adapters: node/npm not found on PATH"
fi

for part in $parts; do
    [ "$part" = node ] && continue
    script="$here/$part/install.sh"
    if [ -f "$script" ]; then
        # their progress lines go to stdout (kept quiet); skips and errors go to stderr
        "$BASH" "$script" >/dev/null || { say "$part adapters failed to install"; status=1; }
    else
        say "no such part: $part (parts: $(all_parts | tr '\n' ' '))"
        status=2
    fi
done

if [ $# -eq 0 ] && { ! command -v python >/dev/null 2>&1 || ! python -c "import agoraiotools, agora_token_builder" >/dev/null 2>&1; }; then
    say "note: Python adapters need: pip install -r adapters/python/requirements.txt"
fi
exit $status
