#!/usr/bin/env bash
# Survey submissions under load (issue #4): a release build on loopback, the demo district, and wrk
# POSTing a 20-answer response to /api/v1/respond/{code} — each request with a code of its own — at
# 64 connections for a bounded time. Beside each figure, the rate at which the same rows go straight
# into the same database in the same run (one packed row per transaction, one connection); the ratio
# is the figure. Also: p50/p99 latency, the server's peak resident memory, and a check that every
# acknowledged response is stored.
#
# Usage: Benchmarks/respond/run.sh [sqlite|postgres|both|all] [seconds] [connections]
# SQLite runs durable (synchronous FULL, the default); `all` adds SQLite with the opt-in synchronous NORMAL.
# PostgreSQL is a throwaway cluster with the default durable settings (fsync and synchronous_commit on).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
which=${1:-both}
duration=${2:-10}
connections=${3:-64}
threads=2
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

swift build -c release --product belong >/dev/null 2>&1
binary="$ROOT/.build/release/belong"
work=$(mktemp -d /tmp/belong-respond.XXXXXX)
chmod 755 "$work"
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  BELONG_PG_DURABLE=1 "$ROOT/scripts/test-postgres.sh" stop "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
failed=0

bench() {
  local name=$1 database=$2 synchronous=${3:-full}
  export BELONG_SQLITE_SYNCHRONOUS=$synchronous
  local dir="$work/$name"
  mkdir -p "$dir"
  local port; port=$(free_port)
  "$binary" demo --database "$database" --log-level warning >/dev/null
  "$binary" serve --database "$database" --port "$port" --public-dir "$ROOT/Public" --log-level warning >"$dir/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 200); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
  local url="http://127.0.0.1:$port"
  # Enough codes for 20,000 responses a second.
  python3 Benchmarks/respond/bench.py prepare "$database" "$url" $(( duration * 20000 + 1000 )) "$dir"
  local direct; direct=$(python3 Benchmarks/respond/bench.py direct "$database" "$dir" 20000)
  local before; before=$(python3 Benchmarks/respond/bench.py count "$database" "$dir")
  local idle; idle=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status")
  wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout 10s --latency -s Benchmarks/respond/submit.lua "$url" \
    -- "$dir/codes.txt" "$dir/body.json" "$threads" >"$dir/wrk.txt"
  local peak; peak=$(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$pid/status")
  sleep 1
  local after; after=$(python3 Benchmarks/respond/bench.py count "$database" "$dir")
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""

  local requests rate p50 p99 non2xx
  requests=$(awk '/requests in/ {print $1}' "$dir/wrk.txt")
  rate=$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$dir/wrk.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$dir/wrk.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$dir/wrk.txt")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$dir/wrk.txt"); non2xx=${non2xx:-0}
  local stored=$(( after - before ))
  local acknowledged=$(( requests - non2xx ))
  printf '%-10s %7s responses/s  p50 %-8s p99 %-8s direct %6s rows/s  ratio %s  memory idle %s MiB, peak %s MiB\n' \
    "$name" "$rate" "$p50" "$p99" "$direct" "$(python3 -c "print(f'{$rate / $direct:.2f}')")" "$idle" "$peak"
  echo "           $requests requests, $non2xx not 2xx; $stored responses stored (wrk stops with up to $connections in flight)"
  grep -E "Socket errors" "$dir/wrk.txt" || true
  if [ "$non2xx" != 0 ] || [ "$stored" -lt "$acknowledged" ] || [ "$stored" -gt $(( acknowledged + connections )) ]; then
    echo "FAILED: $name — every acknowledged response must be stored once, and no request refused"; cat "$dir/wrk.txt"; failed=1
  fi
  if [ "$peak" -ge 100 ]; then echo "FAILED: $name — the server used $peak MiB (limit 100)"; failed=1; fi
}

echo "belong $("$binary" version | cut -d' ' -f2), $(nproc) cores, wrk -t$threads -c$connections -d${duration}s, 20 answers per response"
if [ "$which" = sqlite ] || [ "$which" = both ] || [ "$which" = all ]; then
  # Durable by default (synchronous FULL: the write-ahead log reaches the disk before any 201); NORMAL is the opt-in.
  bench SQLite "$work/belong.sqlite" full
fi
if [ "$which" = all ]; then
  bench "SQLite, synchronous normal" "$work/belong-normal.sqlite" normal
fi
if [ "$which" = postgres ] || [ "$which" = both ] || [ "$which" = all ]; then
  pg_url=$(BELONG_PG_DURABLE=1 "$ROOT/scripts/test-postgres.sh" start "$work/pg" "$(free_port)")
  bench PostgreSQL "$pg_url"
fi
exit $failed
