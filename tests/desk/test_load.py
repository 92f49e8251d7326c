"""Issue 8, item 1: the desk under ordinary concurrent use does not freeze.

A real ``sanctuary serve`` on a loopback port, on SQLite and on PostgreSQL: page logins with right and wrong
passwords, list views, API posts and page posts all at once, in waves, while ``/healthz`` is probed. Every
answer must come, none may be a 5xx, and ``/healthz`` must answer within 2 s throughout. Bounded: 3 waves of
40 requests, each with a 30 s client timeout.
"""

from __future__ import annotations

import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from sanctuary.settings import Settings
from tests.desk.conftest import detainer_body
from tests.desk.server import create_account, env_for, free_port, served

pytestmark = pytest.mark.slow

PASSWORD = "correct horse battery staple"
WAVES = 3


def _login(base: str, username: str, password: str) -> int:
    with httpx.Client(base_url=base, timeout=30) as http:
        page = http.get("/login").text
        csrf = re.search(r'name="csrf" value="([^"]*)"', page)
        response = http.post("/login", data={"csrf": csrf.group(1) if csrf else "", "username": username,
                                             "password": password})
        return response.status_code


def _page_escalation(base: str, request_id: int) -> int:
    with httpx.Client(base_url=base, timeout=30) as http:
        csrf = re.search(r'name="csrf" value="([^"]*)"', http.get("/login").text)
        http.post("/login", data={"csrf": csrf.group(1) if csrf else "", "username": "loadsup",
                                  "password": PASSWORD})
        page = http.get(f"/requests/{request_id}")
        token = re.search(r'name="csrf" value="([^"]*)"', page.text)
        if page.status_code != 200 or token is None:
            return page.status_code
        return http.post(f"/requests/{request_id}/escalate",
                         data={"csrf": token.group(1), "target_role": "counsel", "note": "load"}).status_code


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
                         indirect=True)
def test_logins_lists_and_posts_at_once_never_freeze(settings: Settings, tmp_path: Path) -> None:
    url = None if settings.is_sqlite else settings.database_url
    env = env_for(settings.data_dir, url)
    clerk = create_account(env, "loadclerk", "clerk", PASSWORD)
    supervisor = create_account(env, "loadsup", "supervisor", PASSWORD)
    create_account(env, "loadcounsel", "counsel", PASSWORD)
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    health: list[float] = []
    stop = threading.Event()

    def probe() -> None:
        with httpx.Client(base_url=base, timeout=30) as http:
            while not stop.is_set():
                started = time.perf_counter()
                try:
                    ok = http.get("/healthz").status_code == 200
                except httpx.HTTPError:
                    ok = False
                health.append(time.perf_counter() - started if ok else 30.0)
                time.sleep(0.1)

    def post(_: int) -> int:
        return httpx.post(f"{base}/api/v1/requests", json=detainer_body(), timeout=30,
                          headers={"Authorization": f"Bearer {clerk}"}).status_code

    def listing(_: int) -> int:
        return httpx.get(f"{base}/api/v1/requests", timeout=30,
                         headers={"Authorization": f"Bearer {supervisor}"}).status_code

    with served(env, port) as server:
        seeded = httpx.post(f"{base}/api/v1/requests", json=detainer_body(), timeout=30,
                            headers={"Authorization": f"Bearer {clerk}"})
        assert seeded.status_code == 201
        request_id = seeded.json()["id"]
        prober = threading.Thread(target=probe)
        prober.start()
        codes: list[int | str] = []
        try:
            with ThreadPoolExecutor(24) as pool:
                for _ in range(WAVES):
                    futures = [pool.submit(_login, base, "loadcounsel", PASSWORD if i % 2 else "wrong password")
                               for i in range(8)]
                    futures += [pool.submit(listing, i) for i in range(8)]
                    futures += [pool.submit(post, i) for i in range(8)]
                    futures += [pool.submit(_page_escalation, base, request_id) for _ in range(4)]
                    futures += [pool.submit(_login, base, f"nobody{i}", "wrong password") for i in range(4)]
                    for future in futures:
                        try:
                            codes.append(future.result(timeout=60))
                        except Exception as exc:  # a hang or a dropped connection
                            codes.append(type(exc).__name__)
        finally:
            stop.set()
            prober.join(timeout=35)
    log = server.stdout.read()[-3000:] if server.stdout else ""
    failed = [c for c in codes if not isinstance(c, int) or c >= 500]
    assert not failed, f"answers: {sorted(set(map(str, codes)))}; server log: {log}"
    assert codes.count(201) >= 8 * WAVES  # the API posts were all stored
    assert health and max(health) <= 2.0, f"worst /healthz {max(health):.2f} s"
