#!/usr/bin/env bash
# Toolchain of the upstream Perl adapters (adapters/upstream-perl): perl plus the Debian packages
# of the CPAN modules that upstream perl/cpanfile requires. Carp, Digest::MD5, Digest::SHA,
# MIME::Base64 and JSON::PP are perl core; String::CRC32 and Math::Random::MT::Auto are not.
# Nothing comes from CPAN. When the modules load, build/modules.ok is written (the registry
# requires it). Without apt (or as non-root) it says what is missing and exits 0.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=../lib/apt.sh
source "$here/../lib/apt.sh"
stamp="$here/build/modules.ok"
rm -f "$stamp"
if apt_install perl libstring-crc32-perl libmath-random-mt-auto-perl \
        && perl -MString::CRC32 -MMath::Random::MT::Auto -MDigest::SHA -MJSON::PP -e 1; then
    mkdir -p "$here/build" && perl -e 'print "perl $^V\n"' >"$stamp"
    echo "adapters/perl: $(cat "$stamp") with String::CRC32 and Math::Random::MT::Auto"
else
    echo "adapters/perl: skipped: the upstream Perl adapters need the packages above" >&2
fi
