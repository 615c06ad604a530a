#!/usr/bin/env bash
# Library benchmarks (issue #17), release build, one machine, one run: the demo district's library grown to
# 10,000 resources, 300 queries as people type them (one to three words, some cut short, a third with a
# filter) each run 5 times; a lookup by id measured in the same run as the reference; and what
# recommendations add to Maple Grove's results. SQLite (a file) and PostgreSQL (BELONG_BENCH_POSTGRES_URL,
# else a throwaway cluster from scripts/test-postgres.sh).
# Usage: Benchmarks/library/run.sh [sqlite|postgres|both] [resources] [repetitions]
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
which=${1:-both}
size=${2:-10000}
repetitions=${3:-5}
swift build -c release --product ResultsBench >/dev/null 2>&1
bench="$ROOT/.build/release/ResultsBench"
work=$(mktemp -d /tmp/belong-library.XXXXXX)
chmod 755 "$work"
started_pg=""
cleanup() {
  [ -n "$started_pg" ] && "$ROOT/scripts/test-postgres.sh" stop "$work/pg" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

summarize() {
  python3 - "$1" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
print(f"{r['database']}: {r['resources']:,} resources (grown in {r['seedSeconds']:.0f} s); {r['searches']:,} searches: "
      f"p50 {r['searchP50']:.2f} ms, p90 {r['searchP90']:.2f} ms, p99 {r['searchP99']:.2f} ms, max {r['searchMax']:.2f} ms "
      f"(targets 5 and 20 ms); a lookup by id p50 {r['lookupP50']:.2f} ms, so search p50 = {r['searchP50'] / r['lookupP50']:.1f}× a lookup")
print(f"  recommendations for a school: p50 {r['recommendP50']:.2f} ms, p99 {r['recommendP99']:.2f} ms (target 2 ms), "
      f"beside {r['schoolResultsP50']:.2f} ms for the page's own results ({r['recommendP50'] / r['schoolResultsP50']:.2f}×); {r['recommendations']} recommended")
PY
}

if [ "$which" = sqlite ] || [ "$which" = both ]; then
  summarize "$("$bench" library --database "$work/library.sqlite" --resources "$size" --repetitions "$repetitions")"
fi
if [ "$which" = postgres ] || [ "$which" = both ]; then
  url=${BELONG_BENCH_POSTGRES_URL:-}
  if [ -z "$url" ]; then
    port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    url=$("$ROOT/scripts/test-postgres.sh" start "$work/pg" "$port")
    started_pg=1
  fi
  summarize "$("$bench" library --database "$url" --resources "$size" --repetitions "$repetitions")"
fi
