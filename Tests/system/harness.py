"""What the reliability tests share: a real `belong serve` process, a PostgreSQL cluster of the test's
own that it may restart or stop, and paced submissions from many clients with every answer and its
time recorded. Standard library only, like the durability test beside it.
"""
import http.client
import importlib.util
import json
import os
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BINARY = Path(os.environ.get("BELONG_BINARY", ROOT / ".build" / "debug" / "belong"))
PG_SCRIPT = ROOT / "scripts" / "test-postgres.sh"

spec = importlib.util.spec_from_file_location("bench", ROOT / "Benchmarks" / "respond" / "bench.py")
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)

# The bound Belong promises (README, "Guarantees"): a clear answer within 10 s, whatever the database does.
ANSWER_BOUND = 10.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def postgres_available() -> bool:
    return any(Path("/usr/lib/postgresql").glob("*/bin/initdb")) or subprocess.run(
        ["sh", "-c", "command -v initdb"], capture_output=True).returncode == 0


class Postgres:
    """A cluster of the test's own, durable (fsync on), so restarting it is what an operator's restart is."""

    def __init__(self):
        # Not under pytest's tmp_path: PostgreSQL runs as its own user, which cannot enter root's private folders.
        import tempfile
        self.home = Path(tempfile.mkdtemp(prefix="belong-pg-"))
        self.home.chmod(0o755)
        self.directory = self.home / "pg"
        directory = self.directory
        self.port = free_port()
        env = dict(os.environ, BELONG_PG_DURABLE="1")
        self.url = subprocess.run([str(PG_SCRIPT), "start", str(directory), str(self.port)], env=env,
                                  capture_output=True, text=True, check=True).stdout.strip()

    def _run(self, command: str) -> None:
        subprocess.run([str(PG_SCRIPT), command, str(self.directory)], check=True, capture_output=True)

    def restart(self) -> None:
        self._run("restart")

    def halt(self) -> None:
        self._run("halt")

    def resume(self) -> None:
        self._run("resume")

    def close(self) -> None:
        subprocess.run([str(PG_SCRIPT), "stop", str(self.directory)], check=False, capture_output=True)
        import shutil
        shutil.rmtree(self.home, ignore_errors=True)


class Server:
    """One `belong serve` on a port of its own, its log in `log_path`."""

    def __init__(self, database: str, log_path: Path, env: dict | None = None, wrapper: list[str] | None = None):
        self.database = database
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.log = open(log_path, "a")
        self.wrapped = bool(wrapper)
        command = [str(BINARY), "serve", "--database", database, "--port", str(self.port),
                   "--public-dir", str(ROOT / "Public"), "--log-level", "warning"]
        self.process = subprocess.Popen((wrapper or []) + command, stdout=self.log, stderr=subprocess.STDOUT,
                                        env=dict(os.environ, **(env or {})))
        deadline = time.time() + 90
        while time.time() < deadline:
            assert self.process.poll() is None, f"belong serve exited: {log_path.read_text()[-2000:]}"
            if self.health(timeout=1)[0] == 200:
                return
            time.sleep(0.2)
        raise RuntimeError("belong serve did not start")

    def health(self, timeout: float = 5) -> tuple[int | None, dict]:
        try:
            with urllib.request.urlopen(f"{self.url}/healthz", timeout=timeout) as response:
                return response.status, json.load(response)
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}")
        except (OSError, ValueError):
            return None, {}

    @property
    def pid(self) -> int:
        """The server's own process: under a wrapper such as strace, the wrapper's child."""
        if not self.wrapped:
            return self.process.pid
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children").read_text().split()
        return int(children[0])

    def rss_kilobytes(self) -> int:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        raise RuntimeError("no VmRSS")

    def stop(self, timeout: float = 30) -> float:
        """SIGTERM, and the seconds until the process was gone."""
        started = time.time()
        if self.process.poll() is None:
            # The server itself, not a wrapper: strace, told to stop, would let it run on untraced.
            os.kill(self.pid, 15)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
                raise AssertionError(f"belong serve did not stop within {timeout} s of SIGTERM")
        self.log.close()
        return time.time() - started


@dataclass
class Answer:
    code: str
    server: int
    started: float
    elapsed: float
    status: int | None
    retry_after: str | None
    body: bytes


def submit(port: int, code: str, body: bytes, timeout: float = 30) -> tuple[int | None, str | None, bytes]:
    """One submission: its status (None when the connection failed), its Retry-After, its body."""
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        connection.request("POST", f"/api/v1/respond/{code}", body=body, headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        answer = (response.status, response.getheader("Retry-After"), response.read())
        connection.close()
        return answer
    except (OSError, http.client.HTTPException):
        return None, None, b""


@dataclass
class Load:
    """`clients` threads submitting `codes` in turn to `servers`, each pausing `pace` s between submissions;
    `body` is the same for every code, or made for each one."""
    servers: list[Server]
    codes: list[str]
    body: bytes | Callable[[str], bytes]
    clients: int = 32
    pace: float = 0.02
    answers: list[Answer] = field(default_factory=list)

    def __post_init__(self):
        self._lock = threading.Lock()
        self._queue = iter(self.codes)
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._client, args=(i,), daemon=True) for i in range(self.clients)]

    def _client(self, index: int) -> None:
        server = self.servers[index % len(self.servers)]
        while not self._stop.is_set():
            with self._lock:
                code = next(self._queue, None)
            if code is None:
                return
            started = time.time()
            status, retry_after, body = submit(server.port, code, self.body(code) if callable(self.body) else self.body)
            with self._lock:
                self.answers.append(Answer(code, index % len(self.servers), started, time.time() - started, status, retry_after, body))
            time.sleep(self.pace)

    def start(self) -> "Load":
        for thread in self._threads:
            thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self.join()

    def join(self) -> None:
        """Waits for every client to finish: all codes sent, or told to stop."""
        for thread in self._threads:
            thread.join(timeout=60)

    def snapshot(self) -> list[Answer]:
        with self._lock:
            return list(self.answers)


def demo_database(database: str) -> None:
    subprocess.run([str(BINARY), "demo", "--database", database, "--log-level", "warning"], check=True, stdout=subprocess.DEVNULL)


def used_codes(database: str, codes: list[str]) -> set[str]:
    """Which of `codes` the database holds as used, by their HMAC as the server stores them."""
    import hashlib
    import hmac
    secret = bench.query(database, "SELECT value FROM server_secrets WHERE name = 'access-code-key'")[0][0]
    key = ("access-codes:" + secret).encode()
    by_hash = {hmac.new(key, c.encode(), hashlib.sha256).hexdigest(): c for c in codes}
    rows = bench.query(database, "SELECT code_hash FROM access_codes WHERE used = " + ("true" if bench.is_postgres(database) else "1"))
    return {by_hash[row[0]] for row in rows if row[0] in by_hash}


def check_exactly_once(database: str, servers: list[Server], codes: list[str], answers: list[Answer], body: bytes, before: int, outdir: Path) -> dict:
    """After the storm: every acknowledged code is used; every other code, retried, is stored now or was
    stored already; and the wave holds exactly one response per used code."""
    acknowledged = {a.code for a in answers if a.status == 201}
    used = used_codes(database, codes)
    assert acknowledged <= used, f"{len(acknowledged - used)} acknowledged responses were lost"
    port = servers[0].port
    retried = {}
    for code in {a.code for a in answers} - acknowledged:
        # As a student would: a 503 says try again, so try again (the database may still be catching up).
        for _ in range(10):
            status, _, _ = submit(port, code, body)
            if status != 503:
                break
            time.sleep(1)
        retried[code] = status
        assert status in (201, 409), f"a retry of {code} got {status}"
    ambiguous = [code for code, status in retried.items() if status == 409]
    # A 409 on retry means the first try was stored after all, though its answer said "try again".
    used = used_codes(database, codes)
    stored = bench.count(database, outdir) - before
    assert stored == len(used), f"{stored} responses stored for {len(used)} used codes"
    return {"acknowledged": len(acknowledged), "retried": len(retried), "stored_though_answered_503": len(ambiguous), "stored": stored}
