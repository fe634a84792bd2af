#!/usr/bin/env bash
# Person lookup by identity number over HTTP on a database of N people
# (default 1,000,000), measured with wrk at 64 connections on loopback, against
# a baseline in the same run: an unknown /api/v1 path on the same server,
# answered by the router with a JSON 404 (HTTP and routing only: no
# authentication, no database, no person JSON). wrk shares the 2-core machine with the server.
#
#   bench/http_lookup.sh            # N=1000000, 15 s per run
#   PEOPLE=200000 DURATION=5s bench/http_lookup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PEOPLE=${PEOPLE:-1000000}
DURATION=${DURATION:-15s}
PORT=${PORT:-18099}
source bench/lib.sh
bench_require wrk
bench_workdir http

echo "== building a county of $PEOPLE people in $work"
"$BIN" demo --dir "$work" --population "$PEOPLE" --people-csv "$work/people.csv" >/dev/null
/usr/bin/time -f "import: %e s wall" "$BIN" import --dir "$work" "$work/people.csv"
tail -n +2 "$work/people.csv" | cut -d, -f2 | shuf -n 100000 --random-source=<(yes) > "$work/ids.txt"

bench_serve  # lookups run on the network threads (one per core)
token=$(bench_login admin)

# The requests are formatted once, in init: formatting one per request in Lua
# cost wrk 33 us of the shared CPU per lookup, more than the server's own work.
# The timed run checks only the status (wrk counts non-2xx answers); a short
# run before it checks each body with check.lua.
cat >"$work/lookup.lua" <<LUA
local requests = {}
local n = 0
init = function(args)
  local ids = {}
  for line in io.lines("$work/ids.txt") do ids[#ids + 1] = line end
  for i = 1, #ids do
    local id = ids[(i * 7919) % #ids + 1]
    requests[i] = wrk.format("GET", "/api/v1/persons?id_number=" .. id,
                             { ["Authorization"] = "Bearer $token" })
  end
end
request = function()
  n = n % #requests + 1
  return requests[n]
end
LUA
cat "$work/lookup.lua" - >"$work/check.lua" <<LUA
response = function(status, headers, body)
  if status ~= 200 or not string.find(body, '"total":1') then
    io.stderr:write("unexpected answer " .. status .. "\n")
  end
end
LUA

run() {  # name, url, [script]
  local out
  out=$(wrk -t2 -c64 -d"$DURATION" --latency ${3:+-s "$3"} "$2" 2>&1)
  local rps p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1 == "99%" {print $2}' <<<"$out")
  printf '%-32s %12s req/s   p99 %s\n' "$1" "$rps" "$p99"
  echo "$rps" >"$work/$1.rps"
  # The baseline's answers are all 404s; the lookups' must all be 200s.
  if [ -n "${3:-}" ] && grep -q "Non-2xx" <<<"$out"; then
    echo "  (some answers were wrong: see wrk output)"; echo "$out"
  fi
  return 0
}
echo "== wrk -t2 -c64 -d$DURATION on 127.0.0.1:$PORT"
wrk -t2 -c8 -d2s -s "$work/check.lua" "http://127.0.0.1:$PORT/" 2>&1 |
  grep -q "unexpected answer" && { echo "lookups answer wrongly: see $work/serve.log" >&2; exit 1; }
run router_only_404 "http://127.0.0.1:$PORT/api/v1/no-such-endpoint"
run lookup_by_id_number "http://127.0.0.1:$PORT/" "$work/lookup.lua"
awk -v a="$(cat "$work/lookup_by_id_number.rps")" -v b="$(cat "$work/router_only_404.rps")" \
  'BEGIN { printf "lookup / router-only throughput ratio: %.2f\n", a / b }'
