#!/usr/bin/env bash
# Runs a command against WebKit: WebKitGTK's WebDriver (Debian's
# webkit2gtk-driver) driving its MiniBrowser, on a virtual display
# (xvfb-run) when there is none. The command finds the driver in
# SAFARIDRIVER_REMOTE, wasm-bindgen-test-runner's variable for a Safari
# driver elsewhere: WebKitWebDriver speaks the same W3C protocol, and with
# no capabilities it starts MiniBrowser in its automation mode.
# Usage: tools/in-webkit.sh <command> [args...]
set -euo pipefail
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a "$0" "$@"
fi
port=$(node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
WebKitWebDriver --port="$port" >/dev/null 2>&1 &
driver=$!
trap 'kill "$driver" 2>/dev/null || true' EXIT
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$port/status" >/dev/null && break
  sleep 0.1
done
SAFARIDRIVER_REMOTE="http://127.0.0.1:$port" "$@"
