#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz) with clang, AddressSanitizer and
# UBSan in build-fuzz/, and runs each for SECONDS (default 20) over its
# committed corpus. New inputs go to a scratch directory, not the corpus.
# Any crash, leak or sanitizer report fails the run and leaves the input in
# build-fuzz/crashes/. Longer runs: docs/fuzzing.md.
#
#   scripts/fuzz.sh            # 20 s per target
#   scripts/fuzz.sh 600        # 10 minutes per target
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-20}
BUILD_DIR=build-fuzz
CLANG=$(command -v clang++-15 || command -v clang++ || true)
[ -n "$CLANG" ] || { echo "clang is missing: scripts/setup.sh installs clang-15" >&2; exit 1; }
TARGETS="csv_fuzz id_number_fuzz json_body_fuzz trace_code_fuzz certificate_fuzz fridge_log_fuzz"
if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER="$CLANG" \
    -DFANGKONG_FUZZ=ON >/dev/null
fi
echo "[fuzz] building $TARGETS with $CLANG"
# shellcheck disable=SC2086
if ! cmake --build "$BUILD_DIR" -j2 --target $TARGETS >"$BUILD_DIR/build.log" 2>&1; then
  tail -60 "$BUILD_DIR/build.log"
  exit 1
fi
mkdir -p "$BUILD_DIR/crashes"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
for t in $TARGETS; do
  scratch=$(mktemp -d "/tmp/fangkong-fuzz-$t.XXXXXX")
  echo "[fuzz] $t for ${SECONDS_EACH}s"
  "$BUILD_DIR/tests/fuzz/$t" -max_total_time="$SECONDS_EACH" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$BUILD_DIR/crashes/$t-" -print_final_stats=1 "$scratch" "tests/fuzz/corpus/$t" \
    2>"$BUILD_DIR/$t.log" || { tail -40 "$BUILD_DIR/$t.log"; rm -rf "$scratch"; exit 1; }
  grep -E "stat::number_of_executed_units|stat::new_units_added" "$BUILD_DIR/$t.log" | tr '\n' ' '
  echo
  rm -rf "$scratch"
done
echo "[fuzz] no crash, no sanitizer report"
