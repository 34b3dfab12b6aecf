#!/usr/bin/env bash
# Makes sure Debian's Chromium is there for the end-to-end tests (Playwright drives it through
# playwright-core; no browser is ever downloaded). As root it installs the package; otherwise it
# prints the command. A missing browser always fails: the end-to-end tests are never skipped.
set -euo pipefail
browser=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ -x "$browser" ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "[chromium] not installed: installing Debian's chromium with apt-get (a few minutes the first time)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null
  [ -x "$browser" ] && exit 0
fi
echo "[chromium] $browser is missing. Install it, then run 'make test' again:" >&2
echo "  sudo apt-get install -y chromium" >&2
exit 1
