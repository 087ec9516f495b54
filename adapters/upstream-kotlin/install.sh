#!/usr/bin/env bash
# Compile the upstream AgoraDynamicKey Kotlin sources in place from
# $AGORA_UPSTREAM/2026-07-da06bfb/kotlin (kotlin-maven-plugin, Kotlin and every dependency pinned
# in pom.xml, from Maven Central) into adapters/upstream-kotlin/target/upstream-kotlin.jar.
# Without java/mvn or $AGORA_UPSTREAM it says so and exits 0.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
for tool in java mvn; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "adapters/upstream-kotlin: skipped: $tool is not on PATH (needs a JDK >= 11 and Maven)" >&2
        exit 0
    fi
done
if [ -z "${AGORA_UPSTREAM:-}" ]; then
    echo "adapters/upstream-kotlin: skipped: set AGORA_UPSTREAM to the folder holding the upstream snapshots (2026-07-da06bfb/kotlin)" >&2
    exit 0
fi
src="$AGORA_UPSTREAM/2026-07-da06bfb/kotlin"
if [ ! -d "$src/src/main/kotlin" ]; then
    echo "adapters/upstream-kotlin: skipped: no $src/src/main/kotlin" >&2
    exit 0
fi
# offline when the pinned artifacts are already in ~/.m2, else resolve them from Maven Central
mvn -o -q -B -f "$here/pom.xml" package "-Dupstream.src=$src" >/dev/null 2>&1 \
    || mvn -q -B -f "$here/pom.xml" package "-Dupstream.src=$src"
echo "adapters/upstream-kotlin: built target/upstream-kotlin.jar from $src"
