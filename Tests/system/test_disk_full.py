"""SQLite on a disk that fills under load (issue #14): submissions that cannot be stored get 503 with
Retry-After and a message, never a bare 500; /healthz fails; once space is freed the same server
stores again without a restart; nothing acknowledged is lost and the file passes integrity_check.

Needs a small file system of its own: a 40 MB tmpfs, mounted when the test runs as root.
"""
import json
import os
import sqlite3
import subprocess
import time

import pytest

from harness import ANSWER_BOUND, BINARY, Load, Server, bench, check_exactly_once, demo_database, submit


@pytest.fixture
def small_disk(tmp_path):
    mount = tmp_path / "small"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=40m", "tmpfs", str(mount)],
                                           capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def free_megabytes(path) -> float:
    stats = os.statvfs(path)
    return stats.f_bavail * stats.f_frsize / 1_048_576


def test_a_full_disk_gets_503_and_healthz_fails_and_it_recovers_when_space_is_freed(small_disk, tmp_path):
    if not BINARY.exists():
        pytest.fail(f"{BINARY} not found: run `swift build` first or set BELONG_BINARY")
    database = str(small_disk / "belong.sqlite")
    demo_database(database)
    # /healthz warns below 2 MB here (64 MB by default, more than this whole disk).
    server = Server(database, tmp_path / "server.log", env={"BELONG_MIN_FREE_DISK_MB": "2"})
    try:
        bench.prepare(database, server.url, 6000, tmp_path)
        codes = (tmp_path / "codes.txt").read_text().split()
        body = json.loads((tmp_path / "body.json").read_text())
        for key in body["answers"]["texts"]:
            body["answers"]["texts"][key] = "A long open answer, so the disk fills sooner. " * 20
        body = json.dumps(body).encode()
        before = bench.count(database, tmp_path)
        # Leave about 4 MB: a few hundred submissions' worth.
        filler = small_disk / "filler"
        with open(filler, "wb") as out:
            out.write(b"\0" * int((free_megabytes(small_disk) - 4) * 1_048_576))
        load = Load([server], codes, body, clients=16, pace=0.005).start()
        deadline = time.time() + 60
        while time.time() < deadline and not any(a.status == 503 for a in load.snapshot()):
            time.sleep(0.2)
        assert any(a.status == 503 for a in load.snapshot()), "the disk never filled"
        time.sleep(1)
        status, health = server.health()
        assert status == 503, f"/healthz said {status} {health} with the disk full"
        load.stop()
        answers = load.snapshot()
        filler.unlink()
        freed = time.time()
        while server.health()[0] != 200:
            assert time.time() - freed < 10, "/healthz did not recover after space was freed"
            time.sleep(0.2)
        # The same server stores again, no restart (a lighter stream: this disk is tiny).
        unsent = [code for code in codes if code not in {a.code for a in answers}][:50]
        for code in unsent:
            assert submit(server.port, code, body)[0] == 201, "submissions did not recover after space was freed"
        refused = [a for a in answers if a.status not in (201, 503)]
        assert not refused, f"{len(refused)} answers were neither 201 nor 503: {[(a.status, a.body[:120]) for a in refused[:3]]}"
        for a in answers:
            assert a.elapsed < ANSWER_BOUND + 1
            if a.status == 503:
                assert a.retry_after and "not lost" in json.loads(a.body)["message"]
        outcome = check_exactly_once(database, [server], codes, answers, body, before, tmp_path)
        print(f"\ndisk full: {sum(a.status == 503 for a in answers)} answered 503, /healthz {health}, {outcome}")
    finally:
        server.stop()
    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
