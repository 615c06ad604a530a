#!/usr/bin/env python3
"""Times a large roster import with a release build, and reads its peak memory.

Generates the default bundle (50,000 students, 3,000 staff, 2,000 classes, 200,000 enrollments),
imports it into a fresh SQLite file, then imports it again (every row unchanged); with
--postgres URL, does the same on PostgreSQL (the schema is reset first). Targets from issue #3:
under 60 s on SQLite, under 120 s on PostgreSQL, peak memory under 500 MB.

    Benchmarks/import/run.py [--postgres postgres://…] [--skip-build]
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", help="PostgreSQL URL to measure too (its public schema is dropped and recreated)")
    parser.add_argument("--skip-build", action="store_true")
    args = parser.parse_args()
    if not args.skip_build:
        subprocess.run(["swift", "build", "-c", "release", "--product", "belong"], cwd=ROOT, check=True, capture_output=True)
    binary = os.path.join(ROOT, ".build", "release", "belong")
    work = tempfile.mkdtemp(prefix="belong-import-bench-")
    try:
        bundle = os.path.join(work, "bundle")
        subprocess.run([sys.executable, os.path.join(ROOT, "Benchmarks", "import", "generate_bundle.py"), bundle], check=True)
        targets = [("SQLite", os.path.join(work, "bench.sqlite"), 60)]
        if args.postgres:
            subprocess.run(["psql", args.postgres, "-q", "-c", "DROP SCHEMA public CASCADE; CREATE SCHEMA public;"], check=True)
            targets.append(("PostgreSQL", args.postgres, 120))
        for name, database, limit in targets:
            subprocess.run([binary, "migrate", "--database", database, "--log-level", "warning"], check=True, capture_output=True)
            for attempt in ("first import", "same bundle again"):
                # A fresh Python child per run, so ru_maxrss is that run's own peak.
                probe = subprocess.run([sys.executable, "-c", PROBE, binary, database, bundle], capture_output=True, text=True)
                if probe.returncode != 0:
                    print(probe.stdout[-3000:], probe.stderr[-3000:])
                    sys.exit(f"{name} {attempt} failed")
                elapsed, peak, summary = probe.stdout.split("\n", 2)
                elapsed, peak = float(elapsed), float(peak)
                verdict = "ok" if elapsed < limit and peak < 500 else "OVER TARGET"
                print(f"{name:10} {attempt:18} {elapsed:6.1f} s  (target {limit} s, ratio {elapsed / limit:.2f})  "
                      f"peak {peak:6.0f} MB  (target 500 MB, ratio {peak / 500:.2f})  {verdict}")
                print("    " + "\n    ".join(line for line in summary.splitlines() if line.startswith("  ") and "add" in line))
    finally:
        shutil.rmtree(work, ignore_errors=True)


PROBE = r'''
import resource, subprocess, sys, time
binary, database, bundle = sys.argv[1:4]
start = time.monotonic()
result = subprocess.run([binary, "import", "oneroster", bundle, "--database", database, "--log-level", "warning"], capture_output=True, text=True)
elapsed = time.monotonic() - start
if result.returncode != 0:
    print(result.stdout[-3000:], result.stderr[-3000:])
    sys.exit(1)
print(elapsed)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
print(result.stdout)
'''

if __name__ == "__main__":
    main()
