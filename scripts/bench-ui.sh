#!/usr/bin/env bash
# npm run bench:ui [-- --json]: builds the app (into a temporary directory, so a
# dist/ that other runs serve is left alone), serves it with `vite preview` on a
# free port and runs bench/ui.bench.ts in Debian's Chromium against it. The
# server is stopped at the end, also on failure or Ctrl-C. Arguments are passed
# to the bench (--json, --presses N, --seconds S, --speed X, --throttle R, --only CASE, --css RULES).
set -euo pipefail
cd "$(dirname "$0")/.."

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  echo "bench:ui needs Chromium at $CHROMIUM (apt-get install -y chromium fonts-liberation, or set CHROMIUM_PATH)" >&2
  exit 2
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/bench-ui.XXXXXX")"
SERVER_PID=""

# Stops the server: npx runs `npm exec`, which runs `sh -c vite`, which runs node;
# signal the whole tree we started, children first.
kill_tree() {
  local pid="$1" child
  for child in $(pgrep -P "$pid" 2>/dev/null || true); do kill_tree "$child"; done
  kill "$pid" 2>/dev/null || true
}
cleanup() {
  if [ -n "$SERVER_PID" ]; then
    kill_tree "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "== build" >&2
npx vite build --outDir "$WORK/dist" --emptyOutDir --logLevel warn >&2

PORT="$(node -e 'const s = require("node:net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')"
echo "== vite preview on 127.0.0.1:$PORT" >&2
npx vite preview --outDir "$WORK/dist" --host 127.0.0.1 --port "$PORT" --strictPort >"$WORK/preview.log" 2>&1 &
SERVER_PID=$!

for _ in $(seq 1 150); do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    echo "vite preview exited:" >&2
    cat "$WORK/preview.log" >&2
    exit 1
  fi
  if node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "http://127.0.0.1:$PORT/" 2>/dev/null; then
    break
  fi
  sleep 0.2
done

UI_BENCH_URL="http://127.0.0.1:$PORT/" CHROMIUM_PATH="$CHROMIUM" node --import tsx bench/ui.bench.ts "$@"
