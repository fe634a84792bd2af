#!/usr/bin/env bash
# County-wide reads through the API on PostgreSQL, served twice from one
# store: as the product runs (no parallel plans: postgres_database.cpp) and
# with two parallel workers per gather (PGOPTIONS, PostgreSQL's default).
# Prints each request's median of $ROUNDS (default 7) after one warm-up,
# side by side. The store is a demo county built beforehand:
#   fangkong demo --db postgresql://postgres@127.0.0.1:55432/fangkong_bench
#   STORE_URL=postgresql://postgres@127.0.0.1:55432/fangkong_bench bench/pg_parallel.sh
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
bench_require curl
: "${STORE_URL:?set STORE_URL to a PostgreSQL demo county}"
PORT=${PORT:-18093}
ROUNDS=${ROUNDS:-7}
bench_workdir pg-parallel

READS=(
  "/api/v1/mobilisation?kind=unvaccinated&region=341881"
  "/api/v1/mobilisation?kind=series_late&region=341881"
  "/api/v1/mobilisation?kind=booster&region=341881"
  "/api/v1/persons?region=341881"
  "/api/v1/persons?region=341881&age_min=60"
  "/api/v1/coverage?region=341881&date=2021-12-31&by=age_band"
  "/api/v1/campaigns/1/progress?region=341881&date=2021-06-30"
  "/api/v1/campaigns/1/trend?region=341881&date=2021-06-30"
  "/api/v1/regions/341881"
  "/api/v1/aefi/rates?by=product"
  "/api/v1/audit"
)

# The median of $ROUNDS timings of GET $1, in ms.
median_ms() {
  curl -sf -o /dev/null -H "Authorization: Bearer $token" "http://127.0.0.1:$PORT$1" || true
  for _ in $(seq "$ROUNDS"); do
    curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $token" \
      "http://127.0.0.1:$PORT$1"
  done | sort -n | awk '{t[NR]=$1} END {printf "%.1f", t[int((NR+1)/2)]*1000}'
}

declare -A took
for mode in product workers2; do
  if [ "$mode" = workers2 ]; then export PGOPTIONS="-c max_parallel_workers_per_gather=2"; fi
  bench_serve
  token=$(bench_login admin)
  for r in "${READS[@]}"; do took[$mode$r]=$(median_ms "$r"); done
  kill "$server"; wait "$server" 2>/dev/null || true; server=""
  unset PGOPTIONS
done
printf '%-64s %10s %10s\n' request "no parallel" "2 workers"
for r in "${READS[@]}"; do
  printf '%-64s %8s ms %8s ms\n' "$r" "${took[product$r]}" "${took[workers2$r]}"
done
