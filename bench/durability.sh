#!/usr/bin/env bash
# Doses through the API with SQLite's synchronous=FULL (the default: every
# acknowledged dose survives a power cut) and =NORMAL (survives a process
# crash only), alternating in one run so that both see the same machine.
# Each run is bench/dose_load.sh; its own baseline (a raw prepared insert,
# one commit each, synchronous=NORMAL) is printed beside it.
#
#   bench/durability.sh                  # 2 rounds, 150,000 people, 8 s each
#   ROUNDS=1 PEOPLE=60000 bench/durability.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-2}
PEOPLE=${PEOPLE:-150000}
for round in $(seq "$ROUNDS"); do
  for sync in full normal; do
    echo "=== round $round, synchronous=$sync"
    SYNC=$sync PEOPLE=$PEOPLE bench/dose_load.sh | grep -E "doses recorded|ratio|administered"
  done
done
