#!/usr/bin/env python3
"""Helpers for the submission benchmark (run.sh): issue codes straight into the database, build the
20-answer body, time the direct-insert baseline, and count stored responses. Standard library only;
PostgreSQL is reached through psql and pgbench.

  bench.py prepare DATABASE URL COUNT OUTDIR   -> OUTDIR/codes.txt, OUTDIR/body.json, OUTDIR/template.json
  bench.py direct DATABASE OUTDIR COUNT        -> prints "rows/s"
  bench.py count DATABASE OUTDIR               -> prints the wave's stored responses
"""
import hashlib
import hmac
import json
import os
import secrets
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # as BelongCore.AccessCode: no 0/O/1/I/L
ANSWERS = 20


def is_postgres(database: str) -> bool:
    return database.startswith("postgres://") or database.startswith("postgresql://")


def psql(database: str, sql: str, stdin: str | None = None) -> list[list[str]]:
    out = subprocess.run(["psql", database, "-X", "-q", "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", sql],
                         input=stdin, capture_output=True, text=True, check=True).stdout
    return [line.split("\t") for line in out.splitlines() if line]


def query(database: str, sql: str) -> list[list[str]]:
    if is_postgres(database):
        return psql(database, sql)
    with sqlite3.connect(database) as db:
        return [[str(v) if v is not None else "" for v in row] for row in db.execute(sql)]


def template(database: str) -> dict:
    """The open grades 4–12 wave of the demo, and the batch (school, grade, class) of one of its codes."""
    wave = query(database, "SELECT id FROM survey_waves WHERE state = 'open' AND respondents = 'students' "
                           "AND title NOT LIKE '%kindergarten%' ORDER BY title LIMIT 1")[0][0]
    school, grade, klass = query(database, f"SELECT school_id, grade, class_id FROM access_codes WHERE wave_id = '{wave}' "
                                           "AND class_id IS NOT NULL LIMIT 1")[0]
    secret = query(database, "SELECT value FROM server_secrets WHERE name = 'access-code-key'")[0][0]
    return {"wave": wave, "school": school, "grade": int(grade), "class": klass, "secret": secret}


def prepare(database: str, url: str, count: int, outdir: Path) -> None:
    t = template(database)
    key = ("access-codes:" + t["secret"]).encode()
    codes = ["".join(secrets.choice(ALPHABET) for _ in range(9)) for _ in range(count)]
    codes = list(dict.fromkeys(codes))
    rows = [(hmac.new(key, c.encode(), hashlib.sha256).hexdigest(), t["wave"], t["school"], t["grade"], t["class"]) for c in codes]
    if is_postgres(database):
        csv = "".join(f"{h},{w},{s},{g},{c},students\n" for h, w, s, g, c in rows)
        psql(database, "\\copy access_codes (code_hash, wave_id, school_id, grade, class_id, respondent_kind) FROM STDIN WITH (FORMAT csv)", stdin=csv)
    else:
        with sqlite3.connect(database) as db:
            db.execute("PRAGMA busy_timeout = 10000")
            db.executemany("INSERT INTO access_codes (code_hash, wave_id, school_id, grade, class_id, respondent_kind, used, void) "
                           "VALUES (?, ?, ?, ?, ?, 'students', 0, 0)", rows)
    # The survey as a client sees it: answer every scale question with a value it allows, and write a
    # line in an open question, up to 20 answers.
    with urllib.request.urlopen(f"{url}/api/v1/respond/{codes[0]}") as response:
        survey = json.load(response)
    choices, texts = {}, {}
    for item in survey["items"]:
        if item.get("choices") and len(choices) < ANSWERS:
            values = [c["value"] for c in item["choices"]]
            choices[item["id"]] = values[len(choices) % len(values)]
    for item in survey["items"]:
        if item["response"] == "openText" and len(choices) + len(texts) < ANSWERS:
            texts[item["id"]] = "Ms. Rivera, the art teacher, always asks how my week is going."
    assert len(choices) + len(texts) == ANSWERS, f"the instrument has only {len(choices) + len(texts)} questions to answer"
    (outdir / "body.json").write_text(json.dumps({"language": "en", "answers": {"choices": choices, "texts": texts}}))
    t["texts"] = json.dumps(texts, separators=(",", ":")) if texts else None
    t["choices"] = len(choices)
    (outdir / "codes.txt").write_text("\n".join(codes[1:]) + "\n")
    t["items"] = len(survey["items"])
    (outdir / "template.json").write_text(json.dumps(t))


def direct(database: str, outdir: Path, count: int) -> float:
    """One packed row per response, one transaction per row, one connection: the database's own pace."""
    t = json.loads((outdir / "template.json").read_text())
    packed = bytes([3] * t["choices"] + [0] * max(0, t["items"] - t["choices"]))
    texts = t["texts"]
    day = time.strftime("%Y-%m-%d")
    if is_postgres(database):
        with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as script:
            quoted = "NULL" if texts is None else "'" + texts.replace("'", "''") + "'"
            script.write("INSERT INTO survey_responses (id, wave_id, school_id, grade, class_id, respondent_kind, language, day, answers, texts) "
                         f"VALUES (gen_random_uuid(), '{t['wave']}', '{t['school']}', {t['grade']}, '{t['class']}', 'students', 'en', "
                         f"'{day}', '\\x{packed.hex()}'::bytea, {quoted});\n")
        out = subprocess.run(["pgbench", "-n", "-c", "1", "-M", "prepared", "-t", str(count), "-f", script.name, database],
                             capture_output=True, text=True, check=True).stdout
        Path(script.name).unlink()
        for line in out.splitlines():
            if line.startswith("tps ="):
                return float(line.split()[2])
        raise RuntimeError(out)
    db = sqlite3.connect(database, isolation_level=None)
    # The server's own settings (SQLiteBackend): WAL, synchronous FULL unless BELONG_SQLITE_SYNCHRONOUS says normal.
    synchronous = os.environ.get("BELONG_SQLITE_SYNCHRONOUS", "full").upper()
    for pragma in ("PRAGMA journal_mode = WAL", f"PRAGMA synchronous = {synchronous}", "PRAGMA busy_timeout = 10000"):
        db.execute(pragma)
    sql = ("INSERT INTO survey_responses (id, wave_id, school_id, grade, class_id, respondent_kind, language, day, answers, texts) "
           "VALUES (?, ?, ?, ?, ?, 'students', 'en', ?, ?, ?)")
    started = time.perf_counter()
    for _ in range(count):
        db.execute("BEGIN IMMEDIATE")
        db.execute(sql, (str(uuid.uuid4()).upper(), t["wave"], t["school"], t["grade"], t["class"], day, packed, texts))
        db.execute("COMMIT")
    elapsed = time.perf_counter() - started
    db.close()
    return count / elapsed


def count(database: str, outdir: Path) -> int:
    t = json.loads((outdir / "template.json").read_text())
    return int(query(database, f"SELECT count(*) FROM survey_responses WHERE wave_id = '{t['wave']}'")[0][0])


if __name__ == "__main__":
    command, database = sys.argv[1], sys.argv[2]
    if command == "prepare":
        prepare(database, sys.argv[3], int(sys.argv[4]), Path(sys.argv[5]))
    elif command == "direct":
        print(f"{direct(database, Path(sys.argv[3]), int(sys.argv[4])):.0f}")
    elif command == "count":
        print(count(database, Path(sys.argv[3])))
    else:
        sys.exit(f"unknown command {command}")
