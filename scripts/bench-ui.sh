#!/usr/bin/env bash
# npm run bench:ui [-- --dist DIR] [--only CASE[,CASE]] [--presses N] [--json]
# npm run bench:ui -- --soak [--minutes M]   (memory and DOM size over M minutes of autoplay)
# Without --dist, builds the working tree into a temporary directory (a dist/
# that other runs serve is left alone) and benches that; see bench/ui.bench.ts.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ " $* " == *" --dist "* ]]; then exec node --import tsx bench/ui.bench.ts "$@"; fi
WORK="$(mktemp -d "${TMPDIR:-/tmp}/bench-ui.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
npx vite build --outDir "$WORK/dist" --emptyOutDir --logLevel warn >&2
node --import tsx bench/ui.bench.ts --dist "$WORK/dist" "$@"
