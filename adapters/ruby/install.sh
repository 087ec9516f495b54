#!/usr/bin/env bash
# Install the Ruby toolchain for the upstream Ruby adapter (adapters/upstream-ruby/): Debian's
# ruby (its standard library has zlib, openssl, digest, securerandom, json). No gem is needed and
# nothing comes from rubygems.org. Idempotent; without root/apt it says what is missing on stderr
# and exits 0 so the rest of the installation still runs.
set -euo pipefail
# shellcheck source=../lib/apt.sh
source "$(dirname "$0")/../lib/apt.sh"
if ! apt_install ruby; then
    echo "adapters/ruby: skipped: ruby could not be installed" >&2
    exit 0
fi
ruby -e 'require "zlib"; require "openssl"; require "json"' \
    || echo "adapters/ruby: warning: ruby lacks zlib/openssl/json" >&2
echo "adapters/ruby: $(ruby -e 'print "Ruby ", RUBY_VERSION') ready"
