#!/usr/bin/env bash
# CSV import of N people (default 200,000) into PostgreSQL through
# `fangkong import`, against a baseline in the same run: psql's \copy of the
# same file into an unindexed table of text columns (COPY with no parsing,
# validation, indexes or counts). Uses the throw-away test server of
# scripts/pg-test.sh (fsync off), so figures compare code paths, not disks.
#
#   bench/pg_import.sh                # N=200000
#   PEOPLE=50000 BIN=/other/build/fangkong bench/pg_import.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PEOPLE=${PEOPLE:-200000}
BIN=${BIN:-build/fangkong}
[ -x "$BIN" ] || { echo "build first: ./test or scripts/setup.sh" >&2; exit 1; }
server_url=$(bash scripts/pg-test.sh start | tail -1)
base=${server_url%/*}
url="$base/fangkong_bench"
work=$(mktemp -d /tmp/fangkong-pg-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
psql -q "$server_url" -c "DROP DATABASE IF EXISTS fangkong_bench" -c "CREATE DATABASE fangkong_bench"

echo "== a county of $PEOPLE people (regions and users stored, people written to CSV)"
"$BIN" demo --db "$url" --population "$PEOPLE" --people-csv "$work/people.csv" >/dev/null
rows=$(($(wc -l <"$work/people.csv") - 1))

seconds() { local t0 t1; t0=$(date +%s.%N); "$@" >/dev/null; t1=$(date +%s.%N); awk "BEGIN{print $t1 - $t0}"; }
calc() { awk "BEGIN{print $1}"; }
raw=$(seconds psql -q "$url" -c "CREATE TABLE raw_people (c1 text, c2 text, c3 text, c4 text, c5 text, c6 text, c7 text, c8 text, c9 text, c10 text, c11 text, c12 text)" \
  -c "\\copy raw_people FROM '$work/people.csv' WITH (FORMAT csv, HEADER true)")
import=$(seconds "$BIN" import --db "$url" "$work/people.csv")
again=$(seconds "$BIN" import --db "$url" "$work/people.csv")
printf "rows: %d\n" "$rows"
printf "baseline \\\\copy into a bare table: %8.0f rows/s\n" "$(calc "$rows / $raw")"
printf "fangkong import (all new):        %8.0f rows/s  ratio %.2f\n" "$(calc "$rows / $import")" "$(calc "$raw / $import")"
printf "fangkong import (re-run, no-op):  %8.0f rows/s  ratio %.2f\n" "$(calc "$rows / $again")" "$(calc "$raw / $again")"
psql -q "$server_url" -c "DROP DATABASE fangkong_bench"
