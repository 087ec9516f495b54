#!/usr/bin/env bash
# Build the Java testee adapter (adapters/java-authentication, io.agora:authentication pinned in its
# pom.xml) into adapters/java/target/agora-java-testee.jar, with its dependencies copied to
# adapters/java/target/lib/ (named in the jar's manifest). Artifacts come from Maven Central.
# Without java or mvn this prints what is missing and exits 0.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
for tool in java mvn; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "adapters/java: skipped: $tool is not on PATH (needs a JDK >= 11 and Maven)" >&2
        exit 0
    fi
done
mvn -q -B -f "$here/../java-authentication/pom.xml" package
echo "adapters/java: built target/agora-java-testee.jar"
