#!/usr/bin/env bash
# Doses recorded through the HTTP API (the administration step of the visit,
# with every check it makes) at 200 concurrent connections on SQLite, wrk on
# loopback, bounded run. Each request administers a dose to a different
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
set -euo pipefail
cd "$(dirname "$0")/.."
PEOPLE=${PEOPLE:-60000}
DURATION=${DURATION:-8s}
PORT=${PORT:-18099}
source bench/lib.sh
bench_require wrk sqlite3
[ -x build/bench/vaccination_benchmark ] || { echo "build the benchmarks first: ./test" >&2; exit 1; }
bench_workdir dose

echo "== a county of $PEOPLE people (no history: everyone due a first dose) in $work"
"$BIN" demo --dir "$work" --population "$PEOPLE" --no-history >/dev/null 2>&1
db="$work/fangkong.db"
site=$(sqlite3 "$db" "SELECT site_id FROM site_staff WHERE duty = 'vaccinator' LIMIT 1")
vaccinator=$(sqlite3 "$db" "SELECT id FROM users WHERE username = 'site01'")
lot=$(sqlite3 "$db" "SELECT id FROM vaccine_lots WHERE lot_number = '2026C1108'")
# Stage consented visits for adults (today, Beijing), one per person.
sqlite3 "$db" <<SQL
INSERT INTO visits(person_id, site_id, disease, state, day, checked_in_at, checked_in_by, temperature_tenths,
                   screening_outcome, screened_by, consent_at, consent_by, product)
SELECT id, $site, 'covid19', 'consented', date('now', '+8 hours'), strftime('%s','now'), $vaccinator, 365,
       'proceed', $vaccinator, strftime('%s','now'), $vaccinator, 'CoronaVac'
FROM persons WHERE birth_date <= '2000-01-01';
INSERT INTO stock_ledger(site_id, lot_id, move, doses, at, user_id, reference)
VALUES ($site, $lot, 'receive', 1000000, strftime('%s','now'), 1, 'bench');
UPDATE stock_balances SET doses = doses + 1000000 WHERE site_id = $site AND lot_id = $lot;
SQL
sqlite3 "$db" "SELECT id FROM visits WHERE state = 'consented' ORDER BY random()" >"$work/visits.txt"
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

before=$(sqlite3 "$db" "SELECT COUNT(*) FROM dose_records")
echo "== wrk -t2 -c200 -d$DURATION on 127.0.0.1:$PORT"
start=$(date +%s.%N)
out=$(wrk -t2 -c200 -d"$DURATION" --latency -s "$work/administer.lua" "http://127.0.0.1:$PORT/" 2>&1)
end=$(date +%s.%N)
after=$(sqlite3 "$db" "SELECT COUNT(*) FROM dose_records")
p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
doses=$((after - before))
rate=$(awk -v n="$doses" -v a="$start" -v b="$end" 'BEGIN { printf "%.0f", n / (b - a) }')
echo "doses recorded through the API: $doses in $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }') s = $rate doses/s (p99 $p99)"
grep -E "Non-2xx|Socket errors" <<<"$out" || true

raw=$(build/bench/vaccination_benchmark --benchmark_filter=BM_RawDoseInsertEachCommitted \
  --benchmark_format=csv 2>/dev/null | awk -F, '/BM_RawDoseInsertEachCommitted/ { print 1e6 / $3 }')
printf 'baseline raw INSERT, one commit each: %.0f rows/s\n' "$raw"
awk -v a="$rate" -v b="$raw" 'BEGIN { printf "API doses / raw insert ratio: %.2f\n", a / b }'

sleep 1  # requests wrk gave up on may still be finishing
given=$(sqlite3 "$db" "SELECT COUNT(*) FROM visits WHERE state = 'administered'")
doses=$(( $(sqlite3 "$db" "SELECT COUNT(*) FROM dose_records") - before ))
twice=$(sqlite3 "$db" "SELECT COUNT(*) FROM (SELECT trace_code FROM dose_records GROUP BY trace_code HAVING COUNT(*) > 1)")
stock=$(sqlite3 "$db" "SELECT doses FROM stock_balances WHERE site_id = $site AND lot_id = $lot")
ledger=$(sqlite3 "$db" "SELECT SUM(doses) FROM stock_ledger WHERE site_id = $site AND lot_id = $lot")
echo "administered visits: $given, doses: $doses, trace codes used twice: $twice, stock $stock = ledger $ledger"
[ "$given" = "$doses" ] && [ "$twice" = 0 ] && [ "$stock" = "$ledger" ]
