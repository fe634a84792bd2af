#!/usr/bin/env bash
# Doses recorded through the HTTP API (the administration step of the visit,
# with every check it makes) at 200 concurrent connections, wrk on loopback,
# bounded run, on SQLite, or on PostgreSQL when PG_SERVER names a server
# (the script makes its own database there, fangkong_dose, dropped by the
# next run). Each request administers a dose to a different
# person whose visit is staged as consented (the rows check-in, screening and
# consent would have written), scanning a new traceability code of the demo
# lot 2026C1108 at the first clinic, where the demo's vaccinator site01 is
# certified. Doses/s is counted from the database (doses stored during the
# run / run time). Baseline in the same run: the raw prepared INSERT of the
# same dose row, one commit each (vaccination_benchmark). Afterwards the
# ledger is checked: one dose per administered visit, no trace code twice,
# and the site's stock of the lot equals receipts minus doses.
#
#   bench/dose_load.sh                         # 60,000 people, 8 s
#   PEOPLE=30000 DURATION=5s THREADS=4 bench/dose_load.sh
#   PG_SERVER=postgresql://postgres@127.0.0.1:55432 bench/dose_load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PEOPLE=${PEOPLE:-60000}
DURATION=${DURATION:-8s}
PORT=${PORT:-18099}
source bench/lib.sh
bench_require wrk sqlite3
[ -x build/bench/vaccination_benchmark ] || { echo "build the benchmarks first: ./test" >&2; exit 1; }
bench_workdir dose

# q SQL: one statement's rows on the chosen engine, one per line.
if [ -n "${PG_SERVER:-}" ]; then
  bench_require psql
  STORE_URL="$PG_SERVER/fangkong_dose"
  psql -q "$PG_SERVER/postgres" -c "DROP DATABASE IF EXISTS fangkong_dose" -c "CREATE DATABASE fangkong_dose"
  q() { psql -qAt "$STORE_URL" -c "$1"; }
  store=(--db "$STORE_URL")
else
  q() { sqlite3 "$work/fangkong.db" "$1"; }
  store=(--dir "$work")
fi

echo "== a county of $PEOPLE people (no history: everyone due a first dose) in ${store[*]}"
"$BIN" demo "${store[@]}" --population "$PEOPLE" --no-history >/dev/null 2>&1
site=$(q "SELECT site_id FROM site_staff WHERE duty = 'vaccinator' LIMIT 1")
vaccinator=$(q "SELECT id FROM users WHERE username = 'site01'")
lot=$(q "SELECT id FROM vaccine_lots WHERE lot_number = '2026C1108'")
# Stage consented visits for adults (today, Beijing), one per person.
today=$(date -u -d '+8 hours' +%F)
now=$(date +%s)
q "INSERT INTO visits(person_id, site_id, disease, state, day, checked_in_at, checked_in_by, temperature_tenths,
                      screening_outcome, screened_by, consent_at, consent_by, product)
   SELECT id, $site, 'covid19', 'consented', '$today', $now, $vaccinator, 365,
          'proceed', $vaccinator, $now, $vaccinator, 'CoronaVac'
   FROM persons WHERE birth_date <= '2000-01-01'"
q "INSERT INTO stock_ledger(site_id, lot_id, move, doses, at, user_id, reference)
   VALUES ($site, $lot, 'receive', 1000000, $now, 1, 'bench')"
q "UPDATE stock_balances SET doses = doses + 1000000 WHERE site_id = $site AND lot_id = $lot"
q "SELECT id FROM visits WHERE state = 'consented' ORDER BY random()" >"$work/visits.txt"
echo "consented visits staged: $(wc -l <"$work/visits.txt") at site $site"

bench_serve "${THREADS:-}"
token=$(bench_login site01)

cat >"$work/administer.lua" <<LUA
local visits = {}
for line in io.lines("$work/visits.txt") do visits[#visits + 1] = line end
local counter = 0
local thread_no = 0
setup = function(thread) thread:set("offset", thread_no); thread_no = thread_no + 1 end
request = function()
  counter = counter + 1
  local i = counter * 2 + offset
  if i > #visits then return wrk.format("GET", "/api/v1/health") end
  return wrk.format("POST", "/api/v1/visits/" .. visits[i] .. "/administer",
    { ["Authorization"] = "Bearer $token", ["Content-Type"] = "application/json" },
    string.format('{"trace_code":"81%018d","lot_number":"2026C1108"}', i))
end
LUA

before=$(q "SELECT COUNT(*) FROM dose_records")
echo "== wrk -t2 -c200 -d$DURATION on 127.0.0.1:$PORT"
# The server's CPU (user and system clock ticks) and bytes written to disk,
# before and after the load: a dose's cost, steadier than the rate across
# rounds. Only this process's: PostgreSQL's own processes are not counted.
server_use() { echo "$(awk '{print $14, $15}' "/proc/$server/stat") $(awk '$1 == "write_bytes:" {print $2}' "/proc/$server/io")"; }
use_before=$(server_use)
start=$(date +%s.%N)
out=$(wrk -t2 -c200 -d"$DURATION" --latency -s "$work/administer.lua" "http://127.0.0.1:$PORT/" 2>&1)
end=$(date +%s.%N)
use_after=$(server_use)
after=$(q "SELECT COUNT(*) FROM dose_records")
p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
doses=$((after - before))
rate=$(awk -v n="$doses" -v a="$start" -v b="$end" 'BEGIN { printf "%.0f", n / (b - a) }')
echo "doses recorded through the API: $doses in $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }') s = $rate doses/s (p99 $p99)"
awk -v n="$doses" -v hz="$(getconf CLK_TCK)" -v b="$use_before" -v a="$use_after" 'BEGIN {
  split(b, x); split(a, y); us = 1e6 / hz / n
  printf "server CPU per dose: %.0f us (user %.0f, system %.0f); disk writes per dose: %.1f KB\n",
    (y[1] - x[1] + y[2] - x[2]) * us, (y[1] - x[1]) * us, (y[2] - x[2]) * us, (y[3] - x[3]) / n / 1024 }'
grep -E "Non-2xx|Socket errors" <<<"$out" || true

raw=$(build/bench/vaccination_benchmark --benchmark_filter=BM_RawDoseInsertEachCommitted \
  --benchmark_format=csv 2>/dev/null | awk -F, '/BM_RawDoseInsertEachCommitted/ { print 1e6 / $3 }')
printf 'baseline raw INSERT, one commit each: %.0f rows/s\n' "$raw"
awk -v a="$rate" -v b="$raw" 'BEGIN { printf "API doses / raw insert ratio: %.2f\n", a / b }'

sleep 1  # requests wrk gave up on may still be finishing
given=$(q "SELECT COUNT(*) FROM visits WHERE state = 'administered'")
doses=$(( $(q "SELECT COUNT(*) FROM dose_records") - before ))
twice=$(q "SELECT COUNT(*) FROM (SELECT trace_code FROM dose_records GROUP BY trace_code HAVING COUNT(*) > 1) AS repeated")
stock=$(q "SELECT doses FROM stock_balances WHERE site_id = $site AND lot_id = $lot")
ledger=$(q "SELECT SUM(doses) FROM stock_ledger WHERE site_id = $site AND lot_id = $lot")
echo "administered visits: $given, doses: $doses, trace codes used twice: $twice, stock $stock = ledger $ledger"
[ "$given" = "$doses" ] && [ "$twice" = 0 ] && [ "$stock" = "$ledger" ]
