#!/usr/bin/env bash
# Bookings over HTTP at 200 concurrent connections (wrk on loopback, bounded
# run) on the demo county, SQLite: every request books a different person into
# one of the demo clinics' slots; places run out by design, so the answers are
# 201 (booked) or 409 slot_full. After the run the database is checked: no slot
# holds more bookings than places, and each slot's count equals its booked
# appointments. Baseline in the same run: a routing-only 404 on the same server.
# Requests/s counts every answer; bookings/s counts the bookings stored.
#
#   bench/booking_load.sh                      # 100,000 people, 10 s
#   PEOPLE=50000 DURATION=5s THREADS=8 bench/booking_load.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PEOPLE=${PEOPLE:-100000}
DURATION=${DURATION:-10s}
PORT=${PORT:-18098}
source bench/lib.sh
bench_require wrk sqlite3
bench_workdir booking

echo "== a county of $PEOPLE people with its clinics' slots in $work"
"$BIN" demo --dir "$work" --population "$PEOPLE" --no-history >/dev/null 2>&1
db="$work/fangkong.db"
# Adults with no dose yet are due dose 1 on any day.
sqlite3 "$db" "SELECT id FROM persons WHERE birth_date <= '2000-01-01' ORDER BY random()" >"$work/people.txt"
sqlite3 "$db" "SELECT id FROM slots WHERE day >= date('now', '+8 hours') ORDER BY id" >"$work/slots.txt"
echo "people: $(wc -l <"$work/people.txt"), slots: $(wc -l <"$work/slots.txt"), places: $(sqlite3 "$db" 'SELECT SUM(capacity) FROM slots')"

bench_serve "${THREADS:-}"
token=$(bench_login admin)

cat >"$work/book.lua" <<LUA
local people, slots = {}, {}
for line in io.lines("$work/people.txt") do people[#people + 1] = line end
for line in io.lines("$work/slots.txt") do slots[#slots + 1] = line end
local counter = 0
local thread_no = 0
setup = function(thread) thread:set("offset", thread_no); thread_no = thread_no + 1 end
request = function()
  counter = counter + 1
  local i = counter * 2 + offset
  local person = people[(i % #people) + 1]
  local slot = slots[(i % #slots) + 1]
  return wrk.format("POST", "/api/v1/appointments",
    { ["Authorization"] = "Bearer $token", ["Content-Type"] = "application/json" },
    '{"slot_id":' .. slot .. ',"person_id":' .. person .. '}')
end
local codes = {}
response = function(status) codes[status] = (codes[status] or 0) + 1 end
done = function() end
LUA

run() {  # name, url, [script]
  local out rps p99
  out=$(wrk -t2 -c200 -d"$DURATION" --latency ${3:+-s "$3"} "$2" 2>&1)
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  printf '%-28s %12s req/s   p99 %s\n' "$1" "$rps" "$p99"
  echo "$rps" >"$work/$1.rps"
}
echo "== wrk -t2 -c200 -d$DURATION on 127.0.0.1:$PORT"
run router_only_404 "http://127.0.0.1:$PORT/api/v1/no-such-endpoint"
start=$(date +%s.%N)
run booking "http://127.0.0.1:$PORT/" "$work/book.lua"
end=$(date +%s.%N)
booked=$(sqlite3 "$db" "SELECT COUNT(*) FROM appointments WHERE status = 'booked'")
# Requests/s above counts the 409s too (slot_full, or a person booked before
# when the run outlasts the county's adults); this counts stored bookings.
awk -v n="$booked" -v a="$start" -v b="$end" \
  'BEGIN { printf "bookings stored: %d in %.1f s = %.0f bookings/s\n", n, b - a, n / (b - a) }'
over=$(sqlite3 "$db" "SELECT COUNT(*) FROM slots WHERE booked > capacity")
mismatch=$(sqlite3 "$db" "SELECT COUNT(*) FROM slots s WHERE booked <> (SELECT COUNT(*) FROM appointments a WHERE a.slot_id = s.id AND a.status = 'booked')")
echo "appointments booked: $booked; slots over capacity: $over; slots whose count disagrees: $mismatch"
awk -v a="$(cat "$work/booking.rps")" -v b="$(cat "$work/router_only_404.rps")" \
  'BEGIN { printf "booking / router-only throughput ratio: %.2f\n", a / b }'
[ "$over" = 0 ] && [ "$mismatch" = 0 ]
