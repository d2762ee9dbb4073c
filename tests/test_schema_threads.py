"""/api/schema/ under real threads: gunicorn with one worker and eight threads, started afresh,
answers eight simultaneous first requests with the same schema and no 500.

drf-spectacular's generator keeps module-level state it fills lazily (its extension registry and
statistics, drf-spectacular issue #1368), so concurrent first generations in one process failed.
"""

from __future__ import annotations

import os
import socket
import subprocess  # nosec B404: runs this project's own gunicorn
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
THREADS = 8


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str, timeout: float = 30) -> tuple[int, bytes]:
    try:
        # Our own server on localhost, over http: (bandit and ruff: a fixed scheme).
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 # nosec B310
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _start(port: int) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DEBUG": "0",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "config.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        "1",
        "--threads",
        str(THREADS),
        "--log-level",
        "warning",
    ]
    return subprocess.Popen(command, cwd=ROOT, env=env)  # nosec B603: fixed arguments


def _wait_ready(base: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, "gunicorn stopped"
        try:
            if _get(f"{base}/healthz", timeout=2)[0] == 200:
                return
        except OSError:
            time.sleep(0.2)
    pytest.fail("gunicorn did not start")


def _simultaneous(url: str) -> list[tuple[int, bytes]]:
    barrier = threading.Barrier(THREADS)
    results: list[Any] = [None] * THREADS  # each thread fills its own place

    def fetch(n: int) -> None:
        barrier.wait()
        results[n] = _get(url)

    threads = [threading.Thread(target=fetch, args=(n,)) for n in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


@pytest.mark.parametrize("attempt", range(3))
def test_it_serves_the_schema_to_simultaneous_first_requests(attempt, transactional_db):
    port = _free_port()
    process = _start(port)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_ready(base, process)
        results = _simultaneous(f"{base}/api/schema/")
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert [status for status, _ in results] == [200] * THREADS
    assert len({body for _, body in results}) == 1
