"""A 201 on SQLite survives a power cut (issue #14): under load, every acknowledged response's bytes were
written to the write-ahead log and that log was synced to the disk before the client heard 201.

The server runs under strace, which records each write to the -wal file with its data and each fsync of
it, with times on the same clock as the clients'. Every response carries a token of its own in an open
answer, so the write holding it can be found. With BELONG_SQLITE_SYNCHRONOUS=normal the same check must
find acknowledgements ahead of their sync, or the check proves nothing.
"""
import json
import re
import shutil

import pytest

from harness import BINARY, Load, Server, bench, demo_database

pytestmark = pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")

LINE = re.compile(r"^(\d+)\s+(\d+\.\d+)\s+(.*)$")
CALL = re.compile(r"^(pwrite64|write|pwritev|writev|fsync|fdatasync)\((\d+)<([^>]*)>(.*)$")
RESUMED = re.compile(r"^<\.\.\. (\w+) resumed>(.*)$")


def wal_events(trace: str) -> tuple[list[tuple[float, str]], list[float]]:
    """Writes to the -wal file (entry time, data) and completed syncs of it (return time)."""
    writes, syncs, pending = [], [], {}
    for raw in trace.splitlines():
        match = LINE.match(raw)
        if not match:
            continue
        pid, at, rest = match.group(1), float(match.group(2)), match.group(3)
        if resumed := RESUMED.match(rest):
            call, path = pending.pop(pid, (None, None))
            if call in ("fsync", "fdatasync") and path.endswith("-wal") and resumed.group(2).rstrip().endswith("= 0"):
                syncs.append(at)
            continue
        call = CALL.match(rest)
        if not call or not call.group(3).endswith("-wal"):
            continue
        name, path, tail = call.group(1), call.group(3), call.group(4)
        if name in ("fsync", "fdatasync"):
            if tail.endswith("<unfinished ...>"):
                pending[pid] = (name, path)
            elif tail.rstrip().endswith("= 0"):
                syncs.append(at)
        else:
            writes.append((at, tail))
    return writes, sorted(syncs)


def run(database: str, tmp_path, synchronous: str) -> dict:
    trace = tmp_path / f"strace-{synchronous}.txt"
    server = Server(database, tmp_path / f"server-{synchronous}.log", env={"BELONG_SQLITE_SYNCHRONOUS": synchronous},
                    wrapper=["strace", "-f", "-ttt", "-y", "-s", "65536", "-e", "trace=pwrite64,write,pwritev,writev,fsync,fdatasync",
                             "-o", str(trace)])
    try:
        bench.prepare(database, server.url, 241, tmp_path)
        codes = (tmp_path / "codes.txt").read_text().split()
        template = json.loads((tmp_path / "body.json").read_text())

        def body_for(code: str) -> bytes:
            body = json.loads(json.dumps(template))
            for key in body["answers"]["texts"]:
                body["answers"]["texts"][key] = f"token-{code}-end"
            return json.dumps(body).encode()

        load = Load([server], codes, body_for, clients=8, pace=0).start()
        load.join()
        # When each client had heard its 201: the end of its wait.
        acknowledged = {a.code: a.started + a.elapsed for a in load.snapshot() if a.status == 201}
    finally:
        server.stop()
    writes, syncs = wal_events(trace.read_text(errors="replace"))
    assert syncs or synchronous == "normal", "no sync of the write-ahead log was seen at all"
    unsynced = []
    for code, heard in acknowledged.items():
        token = f"token-{code}-end"
        written = next((at for at, data in writes if token in data), None)
        assert written is not None, f"the write of {code}'s response was not seen"
        if not any(written < synced < heard for synced in syncs):
            unsynced.append(code)
    return {"acknowledged": len(acknowledged), "unsynced": len(unsynced), "syncs": len(syncs)}


@pytest.fixture
def database(tmp_path):
    if not BINARY.exists():
        pytest.fail(f"{BINARY} not found: run `swift build` first or set BELONG_BINARY")
    path = str(tmp_path / "belong.sqlite")
    demo_database(path)
    return path


def test_every_201_follows_a_sync_of_the_log_that_holds_its_response(database, tmp_path):
    outcome = run(database, tmp_path, "full")
    print(f"\nsynchronous full: {outcome}")
    assert outcome["acknowledged"] == 240
    assert outcome["unsynced"] == 0, f"{outcome['unsynced']} responses were acknowledged before the disk had them"


def test_the_check_finds_acknowledgements_ahead_of_the_disk_with_synchronous_normal(database, tmp_path):
    outcome = run(database, tmp_path, "normal")
    print(f"\nsynchronous normal: {outcome}")
    assert outcome["acknowledged"] == 240
    assert outcome["unsynced"] > 0
