#!/usr/bin/env bash
# Doses/s with and without the upkeep of the vaccination state and figures,
# alternating two builds in one run on this machine (target: the upkeep
# costs at most 20%). BEFORE is a build of a commit that records a dose
# without touching vaccination_states or figure_changes (f3ddc56); AFTER
# defaults to build/. Each side runs bench/dose_load.sh, which checks the
# ledger afterwards; the median of the rounds is reported, of the rate and
# of the server's CPU per dose.
#
#   BEFORE=/work/baseline-state/build bench/ab_dose_upkeep.sh
#   BEFORE=... ROUNDS=5 PEOPLE=150000 bench/ab_dose_upkeep.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BEFORE=${BEFORE:?set BEFORE to the build directory without the upkeep}
AFTER=${AFTER:-build}
ROUNDS=${ROUNDS:-3}
# Big enough that no run uses up the county's adults, which caps the rate.
export PEOPLE=${PEOPLE:-150000}
declare -A rates cpus
for round in $(seq "$ROUNDS"); do
  for side in before after; do
    dir=$BEFORE
    [ "$side" = after ] && dir=$AFTER
    lines=$(BIN=$dir/fangkong bench/dose_load.sh | grep -E "doses recorded|server CPU")
    rate=$(grep -oE "= [0-9]+ doses/s" <<<"$lines" | grep -oE "[0-9]+")
    cpu=$(grep -oE "per dose: [0-9]+ us" <<<"$lines" | grep -oE "[0-9]+")
    echo "round $round $side: $(tr '\n' ' ' <<<"$lines")"
    rates[$side]="${rates[$side]:-} $rate"
    cpus[$side]="${cpus[$side]:-} $cpu"
  done
done
median() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
b=$(median "${rates[before]}")
a=$(median "${rates[after]}")
echo "median doses/s without upkeep: $b, with upkeep: $a"
awk -v a="$a" -v b="$b" 'BEGIN { printf "with / without: %.2f (%.0f%% slower)\n", a / b, (1 - a / b) * 100 }'
# The server's CPU a dose takes: the upkeep's cost in work, whatever the rate.
cb=$(median "${cpus[before]}")
ca=$(median "${cpus[after]}")
echo "median server CPU per dose without upkeep: $cb us, with upkeep: $ca us (+$((ca - cb)) us)"
