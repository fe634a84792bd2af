#!/usr/bin/env bash
# Two builds side by side on the store's throughput figures, alternating in
# one run on this machine: lookups by identity number over HTTP (1M people),
# doses and bookings through the API (SQLite), the 300,000-row CSV import
# into SQLite (registry_benchmark) and into PostgreSQL (pg_import.sh).
# BEFORE is the build directory to compare against (e.g. a worktree of an
# earlier commit, built with `cmake --build DIR --target fangkong
# registry_benchmark vaccination_benchmark`); AFTER defaults to build/.
#
#   BEFORE=/work/baseline/build bench/ab_storage.sh
#   BEFORE=... ROUNDS=1 LOOKUP_PEOPLE=200000 bench/ab_storage.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BEFORE=${BEFORE:?set BEFORE to the build directory to compare against}
AFTER=${AFTER:-build}
ROUNDS=${ROUNDS:-2}
LOOKUP_PEOPLE=${LOOKUP_PEOPLE:-1000000}
for round in $(seq "$ROUNDS"); do
  for side in before after; do
    dir=$BEFORE
    [ "$side" = after ] && dir=$AFTER
    echo "=== round $round, $side ($dir)"
    BIN=$dir/fangkong PEOPLE=$LOOKUP_PEOPLE bench/http_lookup.sh | grep -E "req/s|ratio"
    # Sizes no run exhausts: at the scripts' defaults every run used up the
    # county's adults (42,173 doses, 70,134 bookings), which caps the rate.
    BIN=$dir/fangkong PEOPLE=150000 bench/dose_load.sh | grep -E "doses recorded|ratio|administered"
    BIN=$dir/fangkong PEOPLE=200000 DURATION=5s bench/booking_load.sh |
      grep -E "bookings stored|over capacity|ratio"
    FANGKONG_BENCH_PEOPLE=300000 "$dir/bench/registry_benchmark" --benchmark_filter='RawPrepared|ImportCsv' 2>&1 |
      grep -oE "^BM_[A-Za-z]+|rows_per_s=[0-9.]+k|vs_raw_insert=[0-9.]+" | paste -sd' '
    BIN=$dir/fangkong bench/pg_import.sh | grep -E "rows/s"
  done
done
