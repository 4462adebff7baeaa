#!/usr/bin/env bash
# Install the Debian packages that are missing.
#   system-packages.sh         what the test suite needs (make test, make bench)
#   system-packages.sh run     what the portal needs to run (make run): PostgreSQL, WeasyPrint
#   system-packages.sh broker  what the test OIDC broker needs (make broker): Node.js and npm
# As root: apt-get. Otherwise: a clear message naming what to install.
set -euo pipefail
MODE="${1:-test}"
missing=()
if [ "$MODE" != broker ]; then
  have_pg() { ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; }
  have_pg || missing+=(postgresql)
  # WeasyPrint (PDF letters) needs Pango and a font.
  ldconfig -p 2>/dev/null | grep -q libpango-1.0 || missing+=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
  # CairoSVG draws an SVG logo as a PNG with cairo.
  ldconfig -p 2>/dev/null | grep -q libcairo.so.2 || missing+=(libcairo2)
  fc-list 2>/dev/null | grep -qi dejavu || missing+=(fonts-dejavu-core)
fi
if [ "$MODE" = test ]; then
  command -v redis-server >/dev/null || missing+=(redis-server)
  command -v chromium >/dev/null || missing+=(chromium)
  command -v msgfmt >/dev/null || missing+=(gettext)
  # pdftotext, for the tests that read the PDFs.
  command -v pdftotext >/dev/null || missing+=(poppler-utils)
fi
# The test OIDC broker (tests/oidc/provider.mjs) needs Node.js 20 or newer and npm.
if [ "$MODE" != run ]; then
  { command -v node >/dev/null && command -v npm >/dev/null; } || missing+=(nodejs npm)
fi
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" = 0 ]; then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # Debian starts the packaged servers; the tests start their own.
  service postgresql stop >/dev/null 2>&1 || true
  service redis-server stop >/dev/null 2>&1 || true
else
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
