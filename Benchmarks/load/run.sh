#!/usr/bin/env bash
# HTTP load against a release build on loopback, with the demo district on SQLite (or PostgreSQL when
# DATABASE_URL is set): wrk on the landing page and /healthz, and the server's resident memory idle
# and under load. Stops by itself. Usage: Benchmarks/load/run.sh [seconds-per-endpoint] [connections]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
duration=${1:-10}
connections=${2:-32}
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 1; }

swift build -c release --product belong >/dev/null 2>&1
binary="$ROOT/.build/release/belong"
work=$(mktemp -d /tmp/belong-load.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
database=${DATABASE_URL:-$work/belong.sqlite}
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT

"$binary" demo --database "$database" --log-level warning >/dev/null
"$binary" serve --database "$database" --port "$port" --public-dir "$ROOT/Public" --log-level warning >"$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

rss() { awk '/VmRSS/ {print $2 / 1024 " MiB"}' "/proc/$pid/status"; }
hwm() { awk '/VmHWM/ {print $2 / 1024 " MiB"}' "/proc/$pid/status"; }
curl -fs "http://127.0.0.1:$port/" >/dev/null
echo "belong $("$binary" version | cut -d' ' -f2), $(nproc) cores, database: ${DATABASE_URL:+PostgreSQL}${DATABASE_URL:-SQLite}"
echo "idle resident memory: $(rss)"
for path in / /healthz; do
  echo "--- wrk -t2 -c$connections -d${duration}s http://127.0.0.1:$port$path"
  wrk -t2 -c"$connections" -d"${duration}s" --latency "http://127.0.0.1:$port$path" | grep -E "Requests/sec|Latency|50%|99%|Non-2xx|Socket errors"
done
echo "resident memory after load: $(rss) (peak $(hwm))"
