#!/usr/bin/env bash
# End-to-end journey in headless Chromium (Debian's chromium driven by playwright-core): a
# fresh demo database served by the real binary, walked through by e2e/journey.mjs. Installs
# what it needs (chromium, Thai fonts, the pinned npm package) when the machine lacks it.
set -euo pipefail
cd "$(dirname "$0")/.."

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/phaen-ci-target}"
corpus="${PHAEN_CORPUS:-$(cd .. && pwd)/shared/seeds}"
seed="$(ls "$corpus"/000_* 2>/dev/null | head -n1 || true)"
[ -n "$seed" ] || { echo "seed 000 not found in $corpus"; exit 1; }

if ! command -v chromium >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-thai-tlwg >/dev/null
fi
(cd e2e && npm ci --no-audit --no-fund --loglevel=error)
cargo build -q -p phaen
bin="$CARGO_TARGET_DIR/debug/phaen"

work="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
PHAEN_DB="sqlite://$work/e2e.db" "$bin" demo --listen "127.0.0.1:$port" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.2
done
curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null || { cat "$work/server.log"; exit 1; }

if ! PHAEN_URL="http://127.0.0.1:$port" PHAEN_SEED="$seed" node e2e/journey.mjs; then
    echo "--- server log ---"; tail -n 50 "$work/server.log"
    exit 1
fi
