"""Submission guarantees against the real server process: a response acknowledged with 201 survives
`kill -9` of the server at any moment, and a code is used if and only if its response is stored.

Runs on SQLite, and on PostgreSQL too when BELONG_TEST_POSTGRES_URL is set. The server binary is
BELONG_BINARY, else .build/debug/belong.
"""
import http.client
import importlib.util
import json
import os
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BINARY = Path(os.environ.get("BELONG_BINARY", ROOT / ".build" / "debug" / "belong"))

spec = importlib.util.spec_from_file_location("bench", ROOT / "Benchmarks" / "respond" / "bench.py")
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(database: str, port: int, log) -> subprocess.Popen:
    process = subprocess.Popen([str(BINARY), "serve", "--database", database, "--port", str(port),
                                "--public-dir", str(ROOT / "Public"), "--log-level", "warning"], stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 60
    while time.time() < deadline:
        assert process.poll() is None, "belong serve exited"
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                return process
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("belong serve did not start")


def post(port: int, code: str, body: bytes) -> int | None:
    """The status of one submission, or None when the connection died before an answer."""
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("POST", f"/api/v1/respond/{code}", body=body, headers={"Content-Type": "application/json"})
        status = connection.getresponse().status
        connection.close()
        return status
    except OSError:
        return None
    except http.client.HTTPException:
        return None


@pytest.fixture(params=["sqlite", "postgres"])
def database(request, tmp_path):
    if request.param == "postgres":
        url = os.environ.get("BELONG_TEST_POSTGRES_URL")
        if not url:
            pytest.skip("BELONG_TEST_POSTGRES_URL is not set")
        # A database of its own, so the demo district loads into an empty one.
        name = f"belong_durability_{os.getpid()}"
        admin = url.rsplit("/", 1)[0] + "/postgres"
        subprocess.run(["psql", admin, "-X", "-q", "-c", f"DROP DATABASE IF EXISTS {name}", "-c", f"CREATE DATABASE {name}"], check=True)
        yield url.rsplit("/", 1)[0] + "/" + name
        subprocess.run(["psql", admin, "-X", "-q", "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"], check=False)
    else:
        yield str(tmp_path / "belong.sqlite")


def test_acknowledged_responses_survive_kill_9_and_codes_match_responses(database, tmp_path):
    if not BINARY.exists():
        pytest.fail(f"{BINARY} not found: run `swift build` first or set BELONG_BINARY")
    subprocess.run([str(BINARY), "demo", "--database", database, "--log-level", "warning"], check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    log = open(tmp_path / "server.log", "w")
    server = serve(database, port, log)
    bench.prepare(database, f"http://127.0.0.1:{port}", 4001, tmp_path)
    codes = (tmp_path / "codes.txt").read_text().split()
    body = (tmp_path / "body.json").read_bytes()
    before = bench.count(database, tmp_path)

    # 16 clients submit as fast as they can; the server is killed once 500 answers are in.
    acknowledged, outcomes, lock = [], {}, threading.Lock()
    queue = iter(codes)

    def client():
        while True:
            with lock:
                code = next(queue, None)
            if code is None:
                return
            status = post(port, code, body)
            with lock:
                outcomes[code] = status
                if status == 201:
                    acknowledged.append(code)

    threads = [threading.Thread(target=client) for _ in range(16)]
    for thread in threads:
        thread.start()
    while len(acknowledged) < 500 and any(t.is_alive() for t in threads):
        time.sleep(0.005)
    server.send_signal(signal.SIGKILL)
    server.wait()
    for thread in threads:
        thread.join()
    acked = set(acknowledged)
    assert len(acked) >= 500
    assert any(status is None for status in outcomes.values()), "the kill landed while submissions were in flight"

    # After a restart: every acknowledged code is used, and its response is there.
    server = serve(database, port, log)
    try:
        for code in acked:
            assert post(port, code, body) == 409, f"{code} was acknowledged, so it must be used"
        # Codes whose answer was lost in the kill: a retry stores them now, or finds them already stored.
        for code, status in outcomes.items():
            if status != 201:
                assert post(port, code, body) in (201, 409)
        sent = set(outcomes)
        for code in codes:
            if code not in sent:
                assert post(port, code, body) == 201
        # Exactly once: one response per code, no more, no less.
        assert bench.count(database, tmp_path) - before == len(codes)
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
