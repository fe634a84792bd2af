#!/usr/bin/env bash
# The sanitizer job: builds the C++ tests with AddressSanitizer and UBSan in
# build-asan/ and runs the unit tests and the API tests (SQLite, and
# PostgreSQL when FANGKONG_TEST_PG names a server). Any report fails the job.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR=build-asan
if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DFANGKONG_SANITIZE=ON >/dev/null
fi
echo "[sanitize] building unit_tests and api_tests with ASan + UBSan"
if ! cmake --build "$BUILD_DIR" -j2 --target unit_tests api_tests >"$BUILD_DIR/build.log" 2>&1; then
  tail -60 "$BUILD_DIR/build.log"
  exit 1
fi
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
"$BUILD_DIR/tests/unit_tests" --gtest_brief=1
"$BUILD_DIR/tests/api_tests" --gtest_brief=1
echo "[sanitize] clean"
