#!/usr/bin/env bash
# make bench: authenticated GET /api/v1/me (session lookup + casbin + audit row committed
# before the answer) next to `pgbench -S` on the same database, in the same run.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
pg=deploy/local/postgres.sh
seconds=${BENCH_SECONDS:-20}
admin=$($pg admin-url)
psql "$admin" -qtAc "DROP DATABASE IF EXISTS zajedno_bench WITH (FORCE)" >/dev/null
psql "$admin" -qtAc "CREATE DATABASE zajedno_bench" >/dev/null
db_url=${admin%/postgres*}/zajedno_bench?sslmode=disable
pgbench_url=${admin%/postgres*}/zajedno_bench

echo "==> machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -m), $(psql "$admin" -tAc 'show server_version')"
echo "==> pgbench -S -M prepared -c 16 -j 2 -T $seconds (scale 10)"
pgbench -q -i -s 10 "$pgbench_url" >/dev/null 2>&1
pg_tps=$(pgbench -S -M prepared -c 16 -j 2 -T "$seconds" "$pgbench_url" 2>/dev/null | awk '/^tps/{print int($3); exit}')
echo "pgbench -S: $pg_tps tps"

go build -o bin/loadgen ./backend/cmd/loadgen
export DATABASE_URL=$db_url ZAJEDNO_ENV=test ZAJEDNO_LOG_LEVEL=warn
# The chat benchmarks send far faster than one person may.
export ZAJEDNO_CHAT_SENDS_PER_MINUTE=1000000 ZAJEDNO_CHAT_SEND_BURST=100000
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
bin/zajedno migrate >/dev/null 2>&1
bin/zajedno seed demo >/dev/null
ZAJEDNO_ADDR=127.0.0.1:$port bin/zajedno serve >/tmp/zajedno-bench.log 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -fsS "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
token=$(curl -fsS "http://127.0.0.1:$port/api/v1/auth/login" -H 'Content-Type: application/json' -d '{"username":"demo.social","password":"zajedno-demo"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
url="http://127.0.0.1:$port/api/v1/me"

echo "==> GET /api/v1/me, closed loop, 64 workers, ${seconds}s"
max=$(bin/loadgen -url "$url" -token "$token" -c 64 -d "${seconds}s")
echo "$max"
rps=$(echo "$max" | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["rps"]))')
half=$((rps / 2))
echo "==> GET /api/v1/me, open loop at half that load ($half req/s), ${seconds}s"
at_half=$(bin/loadgen -url "$url" -token "$token" -c 256 -rate "$half" -d "${seconds}s")
echo "$at_half"
p99=$(echo "$at_half" | python3 -c 'import json,sys; print(json.load(sys.stdin)["p99_ms"])')
# Issue 3: a case read (need-to-know check + audit row) and the case list with 10,000 cases.
bench_sql() { psql "${admin%/postgres*}/zajedno_bench" -qtAc "$1"; }
bench_sql "WITH p AS (INSERT INTO people (first_name, last_name, created_at)
    SELECT 'Ime' || g, 'Prezime' || g, now() - g * interval '1 minute' FROM generate_series(1, 10000) g RETURNING id, created_at),
  c AS (INSERT INTO cases (title, category, team_id, lead_id, subject_id, created_at)
    SELECT 'Slučaj ' || p.id, 'general', (SELECT id FROM teams WHERE name = 'Kikinda Centar'),
      (SELECT id FROM users WHERE username = 'demo.social'), p.id, p.created_at FROM p RETURNING id, subject_id, lead_id)
  , m AS (INSERT INTO case_members (case_id, user_id, basis, added_by, added_at) SELECT id, lead_id, 'membership', lead_id, now() FROM c)
  INSERT INTO case_people (case_id, person_id, relation, added_at) SELECT id, subject_id, 'subject', now() FROM c" >/dev/null
case_id=$(bench_sql "SELECT id FROM cases ORDER BY created_at DESC LIMIT 1")
echo "==> GET /api/v1/cases/{id}, closed loop, 64 workers, ${seconds}s (10,000 cases in the team)"
case_max=$(bin/loadgen -url "http://127.0.0.1:$port/api/v1/cases/$case_id" -token "$token" -c 64 -d "${seconds}s")
echo "$case_max"
case_rps=$(echo "$case_max" | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["rps"]))')
echo "==> GET /api/v1/cases/{id}, open loop at half that load ($((case_rps / 2)) req/s), ${seconds}s"
case_half=$(bin/loadgen -url "http://127.0.0.1:$port/api/v1/cases/$case_id" -token "$token" -c 256 -rate "$((case_rps / 2))" -d "${seconds}s")
echo "$case_half"
echo "==> GET /api/v1/cases (first page of 50 of 10,000), open loop at 100 req/s, ${seconds}s"
list_run=$(bin/loadgen -url "http://127.0.0.1:$port/api/v1/cases?limit=50" -token "$token" -c 64 -rate 100 -d "${seconds}s")
echo "$list_run"

# Issue 4: chat fan-out to 1,000 subscribers of one case, and idle connection density.
ws_url="ws://127.0.0.1:$port/api/v1/ws"
team_id=$(bench_sql "SELECT id FROM teams WHERE name = 'Kikinda Centar'")
chat_case=$(curl -fsS "http://127.0.0.1:$port/api/v1/cases" -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
  -d "{\"title\":\"Chat bench\",\"category\":\"general\",\"team_id\":\"$team_id\",\"subject\":{\"first_name\":\"Bench\",\"last_name\":\"Chat\"}}" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
echo "==> chat fan-out: 1,000 subscribers of one case; 5 msg/s for latency, then 40 msg/s sustained, ${seconds}s each"
fanout_run=$(bin/loadgen -mode fanout -ws "$ws_url" -token "$token" -case "$chat_case" -subs 1000 -rate 5 -burst-rate 40 -d "${seconds}s")
echo "$fanout_run"
idle_conns=${BENCH_IDLE_CONNS:-15000}
echo "==> chat idle density: $idle_conns authenticated idle websocket connections from 3 client processes"
rss_kb() { awk '/VmRSS/{print $2}' "/proc/$server/status"; }
sleep 2
rss_before=$(rss_kb)
idle_pids=()
for i in 1 2 3; do
  bin/loadgen -mode idle -ws "$ws_url" -token "$token" -conns $((idle_conns / 3)) -hold 60s >"/tmp/zajedno-idle-$i.out" 2>&1 &
  idle_pids+=($!)
done
for _ in $(seq 1 120); do
  [ "$(cat /tmp/zajedno-idle-*.out 2>/dev/null | grep -c '"open"')" -ge 3 ] && break
  sleep 1
done
sleep 3
rss_after=$(rss_kb)
idle_open=$(cat /tmp/zajedno-idle-*.out | python3 -c 'import json,sys; print(sum(json.loads(l).get("open",0) for l in sys.stdin if l.strip().startswith("{")))')
kill "${idle_pids[@]}" 2>/dev/null || true
wait "${idle_pids[@]}" 2>/dev/null || true
idle_run="{\"open\": $idle_open, \"rss_before_kb\": $rss_before, \"rss_after_kb\": $rss_after}"
echo "$idle_run"

audit_rows=$(psql "$admin" -d zajedno_bench -tAc "SELECT count(*) FROM audit_events" 2>/dev/null || psql "${admin%/postgres*}/zajedno_bench" -tAc "SELECT count(*) FROM audit_events")
python3 - "$rps" "$pg_tps" "$p99" "$audit_rows" "$case_max" "$case_half" "$list_run" "$fanout_run" "$idle_run" <<'PY'
import json, sys
rps, tps, p99, rows = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
case_max, case_half, list_run, fanout, idle = (json.loads(a) for a in sys.argv[5:10])
ratio = rps / tps if tps else 0
print(f"==> result: GET /api/v1/me {rps} req/s vs pgbench -S {tps} tps: ratio {ratio:.3f} (target >= 0.30)")
print(f"    p99 at half load: {p99} ms (target < 25 ms); audit rows written: {rows.strip()}")
print(f"==> result: GET /api/v1/cases/{{id}} {int(case_max['rps'])} req/s: ratio {case_max['rps'] / tps:.3f} (target >= 0.30); "
      f"p99 at half load {case_half['p99_ms']} ms (target <= 25 ms)")
print(f"==> result: case list, first page of 10,000: p99 {list_run['p99_ms']} ms at 100 req/s (target <= 50 ms), p50 {list_run['p50_ms']} ms")
print(f"==> result: chat fan-out to {fanout['subscribers']}: last delivery p50 {fanout['last_delivery_p50_ms']} ms, p99 {fanout['last_delivery_p99_ms']} ms "
      f"(target p99 <= 50 ms; from the send, store p50 {fanout['store_p50_ms']} ms); every delivery p99 {fanout['delivery_p99_ms']} ms; "
      f"sustained {int(fanout['sustained_deliveries_per_s'])} deliveries/s (target >= 10,000), {fanout['missing']} missing, {fanout['disconnects']} disconnects")
per_conn = (idle['rss_after_kb'] - idle['rss_before_kb']) / max(idle['open'], 1)
print(f"==> result: chat idle density: {idle['open']} connections open (target >= 15,000), {per_conn:.1f} KB resident each (target <= 30 KB)")
PY
