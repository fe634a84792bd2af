# Shared set-up of the HTTP load scripts (sourced, not run): prerequisites, a
# throw-away data directory removed on exit, and a server on loopback.
BIN=${BIN:-build/fangkong}

# Stops with a message unless each named command exists and the build is there.
bench_require() {
  for tool in "$@"; do
    command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install $tool" >&2; exit 1; }
  done
  [ -x "$BIN" ] || { echo "build first: ./test or scripts/setup.sh" >&2; exit 1; }
}

# Sets $work to a new directory named after $1; it and the server go on exit.
bench_workdir() {
  work=$(mktemp -d "/tmp/fangkong-$1-bench.XXXXXX")
  server=""
  trap 'bench_cleanup' EXIT
}
bench_cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }

# Serves $work (or the PostgreSQL database STORE_URL, when set) on
# 127.0.0.1:$PORT with $1 threads (empty: fangkong serve's default) and waits
# until it answers. SYNC=normal serves with SQLite's synchronous=NORMAL
# instead of the default FULL.
bench_serve() {
  local where=(--dir "$work")
  [ -n "${STORE_URL:-}" ] && where=(--db "$STORE_URL")
  "$BIN" serve "${where[@]}" --port "$PORT" ${1:+--threads "$1"} ${SYNC:+--sqlite-sync "$SYNC"} \
    >"$work/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/api/v1/health" >/dev/null && break; sleep 0.1; done
}

# Prints a session token for demo user $1.
bench_login() {
  curl -sf -H 'Content-Type: application/json' -d "{\"username\":\"$1\",\"password\":\"Fangkong@2026\"}" \
    "http://127.0.0.1:$PORT/api/v1/auth/login" | sed -E 's/.*"token":"([^"]+)".*/\1/'
}
