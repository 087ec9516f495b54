#!/usr/bin/env bash
# Compile the upstream AgoraDynamicKey Java sources in place from $AGORA_UPSTREAM (the snapshots'
# folder, or a checkout laid out the same way) into one adapter jar per upstream commit:
# adapters/upstream-java/target/<commit>/upstream-java.jar, dependencies (Maven Central, pinned in
# pom.xml) in target/<commit>/lib. Without java/mvn or $AGORA_UPSTREAM it says so and exits 0.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
for tool in java mvn; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "adapters/upstream-java: skipped: $tool is not on PATH (needs a JDK >= 11 and Maven)" >&2
        exit 0
    fi
done
if [ -z "${AGORA_UPSTREAM:-}" ]; then
    echo "adapters/upstream-java: skipped: set AGORA_UPSTREAM to the folder holding the upstream snapshots (2026-07-da06bfb/java, ...)" >&2
    exit 0
fi
status=0
for tree in 2026-07-da06bfb 2020-08-e683513 2019-07-55f8354; do
    src="$AGORA_UPSTREAM/$tree/java"
    commit="${tree##*-}"
    if [ ! -d "$src/src/main/java" ]; then
        echo "adapters/upstream-java: skipped $tree: no $src/src/main/java" >&2
        continue
    fi
    # offline when the pinned artifacts are already in ~/.m2, else resolve them from Maven Central
    if mvn -o -q -B -f "$here/pom.xml" package "-Dupstream.src=$src" "-Dupstream.commit=$commit" >/dev/null 2>&1 \
        || mvn -q -B -f "$here/pom.xml" package "-Dupstream.src=$src" "-Dupstream.commit=$commit"; then
        echo "adapters/upstream-java: built target/$commit/upstream-java.jar from $src"
    else
        echo "adapters/upstream-java: build failed for $src" >&2
        status=1
    fi
done
exit $status
