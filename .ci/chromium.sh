#!/usr/bin/env bash
# Headless Chromium for the dashboard's browser tests (tests/test_web.py), from Debian.
#
#   bash .ci/chromium.sh        # installs Debian's chromium when /usr/bin/chromium is missing
#
# Playwright drives this binary (executable_path="/usr/bin/chromium"); it never downloads a
# browser of its own. Notes go to stderr.
set -euo pipefail

CHROMIUM="${STRIFE_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
    exit 0
fi
echo "chromium.sh: installing chromium (apt-get)" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >&2
apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >&2
"$CHROMIUM" --version >&2
