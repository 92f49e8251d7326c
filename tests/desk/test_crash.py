"""Nothing acknowledged is lost: kill -9 the server during concurrent writes, restart, check every 201."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import httpx
import pytest

from tests.desk.conftest import detainer_body
from tests.desk.server import cli, create_account, env_for, free_port, served

pytestmark = pytest.mark.slow

WRITERS = 8


def test_kill_9_during_concurrent_writes(tmp_path: Path) -> None:
    env = env_for(tmp_path / "data")
    clerk = create_account(env, "crashclerk", "clerk", "crash test password")
    supervisor = create_account(env, "crashsup", "supervisor", "crash test password")
    port = free_port()
    acknowledged: list[int] = []
    lock = threading.Lock()
    stop = threading.Event()

    def writer() -> None:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10,
                          headers={"Authorization": f"Bearer {clerk}"}) as http:
            while not stop.is_set():
                try:
                    response = http.post("/api/v1/requests", json=detainer_body())
                except httpx.HTTPError:
                    return  # the server died under us: this request was never acknowledged
                if response.status_code == 201:
                    with lock:
                        acknowledged.append(int(response.json()["id"]))

    with served(env, port) as process:
        threads = [threading.Thread(target=writer) for _ in range(WRITERS)]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 30
        while len(acknowledged) < 60 and time.monotonic() < deadline:
            time.sleep(0.02)
        os.kill(process.pid, signal.SIGKILL)  # mid-flight: writers are still posting
        process.wait(timeout=10)
        stop.set()
        for thread in threads:
            thread.join(timeout=15)
    assert len(acknowledged) >= 60, "the load never got going"

    with served(env, port), httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10,
                                          headers={"Authorization": f"Bearer {supervisor}"}) as http:
        stored = {r["id"] for r in http.get("/api/v1/requests").json()["requests"]}
        listed = http.get("/api/v1/requests").json()["count"]
        missing = [i for i in acknowledged if http.get(f"/api/v1/requests/{i}").status_code != 200]
    assert missing == [], f"{len(missing)} acknowledged requests lost"
    assert set(acknowledged) <= stored or listed >= 200  # the list is capped at 200 rows
    verified = cli(env, "audit", "verify")
    assert verified.returncode == 0, verified.stdout + verified.stderr
