#!/usr/bin/env bash
# The whole test suite, as CI runs it: type check, lint, unit tests, build, e2e tests
# in Debian's Chromium against the built app (installed with apt-get when missing).
set -euo pipefail
cd "$(dirname "$0")/.."

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
# A Traditional Chinese font too: without one the 繁體中文 pages and screenshots show empty boxes.
# Checked on its own, since a machine may have Chromium and no CJK font.
has_cjk_font() { command -v fc-list >/dev/null && [ -n "$(fc-list :lang=zh-tw family)" ]; }
if [ ! -x "$CHROMIUM" ] || ! has_cjk_font; then
  echo "== installing Debian's chromium and a CJK font (needed by the e2e tests)"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-liberation fonts-noto-cjk >/dev/null
fi

echo "== type check";  npx tsc --noEmit -p .
echo "== lint";        npx eslint --max-warnings 0 .
echo "== unit tests";  npx vitest run
echo "== build";       npx vite build --logLevel warn && npx vite build --config vite.single.config.ts --logLevel warn
echo "== e2e tests";   npx playwright test
