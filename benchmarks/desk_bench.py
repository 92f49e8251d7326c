"""Benchmark: POST /api/v1/requests under concurrent load, against a bare FastAPI endpoint, in one run.

Loopback only and bounded: each server gets ``--requests`` timed requests (after ``--warmup``) from
``--concurrency`` keep-alive connections, one server at a time so they do not compete for the CPU, for
``--rounds`` rounds that alternate the two servers (the reported ratio is the median round's).

1. A bare FastAPI app (one sync POST endpoint that parses the same JSON body and answers 201) under the same
   uvicorn settings as ``sanctuary serve``.
2. ``sanctuary serve`` with SQLite (WAL, ``synchronous=FULL``) in a throw-away data dir, bearer-token auth,
   the law engine's decision, the desk's rows and the audit-log appends, committed before the 201.
3. In process, the same desk write path (``sanctuary.desk.cases.log_request`` + commit) with every
   ``AuditLog.append``/``append_many`` call timed, to give the latency the log appends add to one request.

    .venv/bin/python benchmarks/desk_bench.py [--requests 1000] [--concurrency 16] [--rounds 3] [--json]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.desk.conftest import detainer_body  # noqa: E402
from tests.desk.server import create_account, env_for, free_port, served  # noqa: E402

BARE_APP = """
import sys, uvicorn
from typing import Any
from fastapi import FastAPI
app = FastAPI()
@app.post("/bare", status_code=201)
def bare(body: dict[str, Any]) -> dict[str, Any]:
    return {"id": 1, "received": len(body)}
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[1]), access_log=False, log_level="warning",
            server_header=False)
"""


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q / 100 * (len(ordered) - 1)))]


async def _load(port: int, path: str, body: bytes, token: str | None, total: int, concurrency: int) -> dict[str, Any]:
    headers = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
               f"Content-Length: {len(body)}\r\n" + (f"Authorization: Bearer {token}\r\n" if token else "") + "\r\n")
    request = headers.encode() + body
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    remaining = total

    async def worker() -> None:
        nonlocal remaining
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while remaining > 0:
                remaining -= 1
                start = time.perf_counter()
                writer.write(request)
                await writer.drain()
                status_line = await reader.readline()
                length = 0
                while True:
                    line = await reader.readline()
                    if line in (b"\r\n", b""):
                        break
                    name, _, value = line.decode().partition(":")
                    if name.lower() == "content-length":
                        length = int(value)
                await reader.readexactly(length)
                latencies.append(time.perf_counter() - start)
                code = int(status_line.split()[1])
                statuses[code] = statuses.get(code, 0) + 1
        finally:
            writer.close()

    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - began
    return {"requests": len(latencies), "seconds": round(elapsed, 3), "rps": round(len(latencies) / elapsed, 1),
            "p50_ms": round(percentile(latencies, 50) * 1000, 2), "p99_ms": round(percentile(latencies, 99) * 1000, 2),
            "statuses": statuses}


def _tree(pid: int) -> list[int]:
    pids = [pid]
    for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split():
        pids.extend(_tree(int(child)))
    return pids


def pin(pid: int, cpus: set[int]) -> None:
    """Every thread of a process and its children on ``cpus`` (threads started later inherit it)."""
    for each in _tree(pid):
        for task in Path(f"/proc/{each}/task").iterdir():
            os.sched_setaffinity(int(task.name), cpus)


def cpu_seconds(pid: int) -> tuple[float, float]:
    """User and system CPU time of a process and its children (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    user = system = 0.0
    for each in _tree(pid):
        fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        user += int(fields[11]) / tick
        system += int(fields[12]) / tick
    return user, system


def run_load(port: int, path: str, body: bytes, token: str | None, total: int, warmup: int,
             concurrency: int, pid: int) -> dict[str, Any]:
    asyncio.run(_load(port, path, body, token, warmup, concurrency))
    before = cpu_seconds(pid)
    result = asyncio.run(_load(port, path, body, token, total, concurrency))
    after = cpu_seconds(pid)
    n = max(1, result["requests"])
    result["server_user_cpu_ms_per_request"] = round((after[0] - before[0]) / n * 1000, 3)
    result["server_system_cpu_ms_per_request"] = round((after[1] - before[1]) / n * 1000, 3)
    result["server_cpu_ms_per_request"] = round(
        result["server_user_cpu_ms_per_request"] + result["server_system_cpu_ms_per_request"], 3)
    return result


@contextmanager
def bare_server(port: int) -> Iterator[subprocess.Popen[str]]:
    process = subprocess.Popen([sys.executable, "-c", BARE_APP, str(port)], stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        wait_healthy_bare(port, process)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=15)


def wait_healthy_bare(port: int, process: subprocess.Popen[str]) -> None:
    import httpx

    for _ in range(300):
        if process.poll() is not None:
            raise RuntimeError("bare server exited")
        try:
            httpx.get(f"http://127.0.0.1:{port}/docs", timeout=2)
            return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError("bare server did not start")


def append_cost(n: int) -> dict[str, Any]:
    """Time every AuditLog.append made by the desk's write path, and the write path itself, in process."""
    from sanctuary.db.migrate import upgrade
    from sanctuary.desk import accounts, cases
    from sanctuary.desk.context import DeskContext
    from sanctuary.desk.schemas import CreateRequest
    from sanctuary.settings import Settings

    with tempfile.TemporaryDirectory(prefix="desk-bench-") as tmp:
        settings = Settings.for_data_dir(Path(tmp))
        upgrade(settings)
        ctx = DeskContext.build(settings)
        real = ctx.audit
        per_request: list[float] = []
        totals: list[float] = []

        class Timed:
            def append(self, session: Any, kind: str, refs: dict[str, str | int]) -> int:
                start = time.perf_counter()
                index: int = real.append(session, kind, refs)
                per_request[-1] += time.perf_counter() - start
                return index

            def append_many(self, session: Any, items: Sequence[tuple[str, dict[str, str | int]]]) -> list[int]:
                start = time.perf_counter()
                indices: list[int] = real.append_many(session, items)
                per_request[-1] += time.perf_counter() - start
                return indices

        body = CreateRequest.model_validate(detainer_body())
        with ctx.sessions() as session:
            user = accounts.create_user(ctx, session, "benchclerk", "clerk", "bench password")
            session.commit()
        ctx.audit = Timed()
        for i in range(n + 50):
            per_request.append(0.0)
            start = time.perf_counter()
            with ctx.sessions() as session:
                cases.log_request(ctx, session, user, body.request, body.intake)
                session.commit()
            totals.append(time.perf_counter() - start)
            if i < 50:  # warm-up
                per_request.pop()
                totals.pop()
        ctx.close()
    return {"requests": n, "appends_per_request": 3,
            "append_p50_ms": round(percentile(per_request, 50) * 1000, 3),
            "append_p99_ms": round(percentile(per_request, 99) * 1000, 3),
            "append_mean_ms": round(statistics.fmean(per_request) * 1000, 3),
            "write_path_p50_ms": round(percentile(totals, 50) * 1000, 2),
            "write_path_p99_ms": round(percentile(totals, 99) * 1000, 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--warmup", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--workers", type=int, default=1, help="worker processes for sanctuary serve")
    parser.add_argument("--rounds", type=int, default=3, help="bare/desk load rounds, alternated")
    parser.add_argument("--postgres", action="store_true", help="the desk on a throw-away PostgreSQL database "
                        "(SANCTUARY_TEST_POSTGRES_URL, else Debian's PostgreSQL started in a temporary directory)")
    parser.add_argument("--pin", action="store_true", help="the server under load on CPU 1 and this load "
                        "generator on CPU 0 (Linux, 2 CPUs or more): on a 2-core machine they then never share a "
                        "core, so rounds vary less")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.pin and (os.cpu_count() or 1) < 2:
        parser.error("--pin needs at least 2 CPUs")
    if not 1 <= args.requests <= 20000 or not 1 <= args.concurrency <= 64 or not 1 <= args.rounds <= 10:
        parser.error("--requests must be 1..20000, --concurrency 1..64 and --rounds 1..10 (the benchmark is bounded)")
    body = json.dumps(detainer_body()).encode()

    rounds: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="desk-bench-") as tmp, ExitStack() as stack:
        database_url = None
        if args.postgres:  # a throw-away PostgreSQL server and database (tests/desk/pg.py)
            from tests.desk import pg

            server = pg.from_env() or stack.enter_context(pg.local_server())
            database_url = stack.enter_context(pg.fresh_database(server))
        env = env_for(Path(tmp) / "data", database_url)
        token = create_account(env, "benchclerk", "clerk", "bench password")
        bare_port, desk_port = free_port(), free_port()
        # Both servers run, but only one is under load at a time; alternating them round by round means each
        # ratio compares two measurements taken seconds apart, on a machine whose load from others varies.
        with bare_server(bare_port) as bare_process, \
                served(env, desk_port, "--workers", str(args.workers)) as desk_process:
            if args.pin:
                os.sched_setaffinity(0, {0})
                pin(bare_process.pid, {1})
                pin(desk_process.pid, {1})
            for _ in range(args.rounds):
                bare = run_load(bare_port, "/bare", body, None, args.requests, args.warmup, args.concurrency,
                                bare_process.pid)
                desk = run_load(desk_port, "/api/v1/requests", body, token, args.requests, args.warmup,
                                args.concurrency, desk_process.pid)
                rounds.append({"bare": bare, "desk": desk, "throughput_ratio": round(desk["rps"] / bare["rps"], 3)})
    # The round with the median ratio is the one reported; every round is in the JSON.
    middle = sorted(rounds, key=lambda r: float(r["throughput_ratio"]))[len(rounds) // 2]
    bare, desk = middle["bare"], middle["desk"]

    appends = append_cost(min(args.requests, 2000))
    result = {
        "machine": {"cpus": os.cpu_count(), "load_average": [round(x, 2) for x in os.getloadavg()]},
        "concurrency": args.concurrency,
        "workers": args.workers,
        "pinned": args.pin,
        "database": "postgresql" if args.postgres else "sqlite",
        "bare": bare,
        "desk": desk,
        "throughput_ratio": middle["throughput_ratio"],
        "rounds": rounds,
        "audit_append": appends,
    }
    out = ROOT / "benchmarks" / "out"
    out.mkdir(exist_ok=True)
    (out / "desk_bench.json").write_text(json.dumps(result, indent=2))
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"bare FastAPI endpoint : {bare['rps']:8.1f} req/s  p50 {bare['p50_ms']} ms  p99 {bare['p99_ms']} ms"
          f"  server CPU user {bare['server_user_cpu_ms_per_request']} + system "
          f"{bare['server_system_cpu_ms_per_request']} ms/request")
    print(f"POST /api/v1/requests : {desk['rps']:8.1f} req/s  p50 {desk['p50_ms']} ms  p99 {desk['p99_ms']} ms"
          f"  server CPU user {desk['server_user_cpu_ms_per_request']} + system "
          f"{desk['server_system_cpu_ms_per_request']} ms/request  statuses {desk['statuses']}")
    print(f"throughput ratio desk/bare: {result['throughput_ratio']} (median of {len(rounds)} rounds: "
          f"{', '.join(str(r['throughput_ratio']) for r in rounds)})")
    print(f"audit appends per request (3): p50 {appends['append_p50_ms']} ms, p99 {appends['append_p99_ms']} ms; "
          f"whole write path p50 {appends['write_path_p50_ms']} ms, p99 {appends['write_path_p99_ms']} ms")
    print(f"database {result['database']}, {args.workers} worker(s); load average {result['machine']['load_average']}")


if __name__ == "__main__":
    main()
