#!/usr/bin/env bash
# Install the PHP toolchain for the upstream PHP adapters (adapters/upstream-php/): Debian's
# php-cli and php-uopz. uopz pins the clock and rand() that the upstream builders call (their
# code is not namespaced, so no stand-in function can shadow them). Everything else the code
# needs (hash, zlib) is built into Debian's php-cli; nothing comes from Packagist. Idempotent;
# without root/apt it says what is missing on stderr and exits 0 so the rest still installs.
set -euo pipefail
# shellcheck source=../lib/apt.sh
source "$(dirname "$0")/../lib/apt.sh"
if ! apt_install php-cli php-uopz; then
    echo "adapters/php: skipped: php-cli/php-uopz could not be installed" >&2
    exit 0
fi
for ext in hash zlib; do
    php -r "exit(extension_loaded('$ext') ? 0 : 1);" || echo "adapters/php: warning: PHP extension $ext missing" >&2
done
echo "adapters/php: $(php -r 'echo "PHP ", PHP_VERSION;') ready"
