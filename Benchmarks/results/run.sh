#!/usr/bin/env bash
# Results engine benchmarks (issue #5), release build, one machine, one run:
#   1. a district of 50 schools × 1,000 responses × 3 waves: the school and district results pages
#      served in process (median server time), and loading a wave;
#   2. the full district summary (every item at every school and for every attribute value, with the
#      privacy filter) over 200,000 and 1,000,000 responses × 20 items, beside DuckDB computing the same
#      figures from the same records (checked equal), the engine's bytes per response, and loading
#      1,000,000 responses from SQLite.
# Usage: Benchmarks/results/run.sh [sizes…]   sizes: district 200k 1m (default: all three)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(district 200k 1m)
python3 -c "import duckdb, numpy, pandas" 2>/dev/null || pip install -q duckdb numpy pandas
swift build -c release --product ResultsBench >/dev/null 2>&1
bench="$ROOT/.build/release/ResultsBench"
work=$(mktemp -d /tmp/belong-results.XXXXXX)
trap 'rm -rf "$work"' EXIT

for size in "${sizes[@]}"; do
  case "$size" in
    district)
      "$bench" generate --database "$work/district.sqlite" --schools 50 --per-school 1000 --waves 3 >/dev/null
      echo "district (50 schools × 1,000 responses × 3 waves): $("$bench" measure --database "$work/district.sqlite" --repetitions 7 --pages)"
      "$bench" generate --database "$work/school.sqlite" --schools 1 --per-school 2000 --waves 2 --students 2000 >/dev/null
      echo "one school (2,000 responses × 20 items × 2 waves): $("$bench" measure --database "$work/school.sqlite" --repetitions 7 --pages)"
      ;;
    200k|1m)
      per=$([ "$size" = 200k ] && echo 4000 || echo 20000)
      "$bench" generate --database "$work/$size.sqlite" --schools 50 --per-school "$per" --waves 1 --bin "$work/$size.bin" >/dev/null
      engine=$("$bench" measure --database "$work/$size.sqlite" --repetitions 5 --figures "$work/$size.json")
      duck=$(python3 Benchmarks/results/duckdb_summary.py "$work/$size.bin" "$work/$size.json" 5)
      python3 - "$size" "$engine" "$duck" <<'PY'
import json, sys
size, engine, duck = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3])
print(f"{size}: {engine['responses']:,} responses, {engine['cells']:,} cells, {engine['bytesPerResponse']:.1f} bytes a response; "
      f"load from SQLite {engine['loadMilliseconds'] / 1000:.2f} s")
print(f"  engine full summary with privacy filter {engine['fullSummaryMilliseconds']:.0f} ms "
      f"(pass {engine['passParallelMilliseconds']:.0f} ms, suppression plan {engine['planMilliseconds']:.0f} ms); "
      f"DuckDB {duck['duckdbMilliseconds']:.0f} ms; same figures: {duck['sameFigures']}")
print(f"  privacy filter: {engine['groups']:,} groups, {engine['groupsWithheldSmall']:,} withheld as fewer than n, "
      f"{engine['groupsWithheldProtecting']:,} to protect a smaller one; {engine['figureCells']:,} figures in groups, "
      f"{engine['figureCellsWithheldSmall']:,} withheld as fewer than n, {engine['figureCellsWithheldProtecting']:,} to protect")
print(f"  ratio engine / DuckDB: {engine['fullSummaryMilliseconds'] / duck['duckdbMilliseconds']:.2f} with the privacy filter, "
      f"{(engine['fullSummaryMilliseconds'] - engine['planMilliseconds']) / duck['duckdbMilliseconds']:.2f} for the figures alone")
if not duck["sameFigures"]:
    sys.exit("the engine and DuckDB disagree")
PY
      ;;
    *) echo "unknown size $size" >&2; exit 2 ;;
  esac
done
