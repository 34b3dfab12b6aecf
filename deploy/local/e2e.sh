#!/usr/bin/env bash
# End-to-end tests: a fresh database with the demo data, the real binary on a free port, and
# the Playwright suite in frontend/e2e driving Debian's headless Chromium against it.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
pg=deploy/local/postgres.sh

if [ -n "${ZAJEDNO_E2E_DATABASE_URL:-}" ]; then
  db_url=$ZAJEDNO_E2E_DATABASE_URL
else
  admin=$($pg admin-url)
  psql "$admin" -qtAc "DROP DATABASE IF EXISTS zajedno_e2e WITH (FORCE)" >/dev/null
  psql "$admin" -qtAc "CREATE DATABASE zajedno_e2e" >/dev/null
  db_url=${admin%/postgres*}/zajedno_e2e?sslmode=disable
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
log=$root/frontend/test-results/e2e-server.log
mkdir -p "$(dirname "$log")"

export DATABASE_URL=$db_url ZAJEDNO_ENV=test ZAJEDNO_ADDR=127.0.0.1:$port
bin/zajedno migrate >"$log" 2>&1
bin/zajedno seed demo >>"$log" 2>&1
bin/zajedno serve >>"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT

for _ in $(seq 1 100); do
  if curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1; then break; fi
  if ! kill -0 $server 2>/dev/null; then echo "the server did not start; its log:" >&2; cat "$log" >&2; exit 1; fi
  sleep 0.2
done

cd frontend
E2E_BASE_URL="http://127.0.0.1:$port" CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}" npm run e2e
