"""Audit log benchmark on SQLite, set up as the desk runs it (WAL, synchronous=FULL, BEGIN IMMEDIATE).

Measures, in a throw-away data dir:

- ``append`` alone inside an open transaction (what the log adds to a desk write, before its commit);
- a desk-like write transaction (one row inserted, committed) with and without an append, interleaved, so the
  difference is the append's real cost including its share of the commit;
- the same append latency once the log already holds ``--prefill`` entries (appends are O(log n));
- signing a checkpoint, building inclusion / consistency proofs, and ``verify`` throughput.

Usage: ``.venv/bin/python benchmarks/audit_bench.py [--n 2000] [--prefill 50000] [--json]``
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Integer, MetaData, String, Table, insert
from sqlalchemy.orm import Session, sessionmaker

import sanctuary.audit.tables  # noqa: F401  (declares the audit tables)
from sanctuary.audit.keys import load_or_create_signing_key
from sanctuary.audit.log import AuditLog
from sanctuary.db.base import metadata
from sanctuary.db.session import create_db_engine, make_session_factory
from sanctuary.settings import Settings

bench_metadata = MetaData()
desk_like = Table("bench_desk_rows", bench_metadata, Column("id", Integer, primary_key=True), Column("v", String(64)))


def pct(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def summary(samples_s: list[float]) -> dict[str, float]:
    us = [s * 1e6 for s in samples_s]
    return {"p50_us": round(pct(us, 50), 1), "p99_us": round(pct(us, 99), 1), "mean_us": round(statistics.fmean(us), 1)}


def time_append_only(factory: sessionmaker[Session], log: AuditLog, n: int, start: int) -> list[float]:
    out: list[float] = []
    with factory() as session:
        for i in range(n):
            with session.begin():
                session.execute(insert(desk_like).values(v=f"row {i}"))  # the desk's own write opens the transaction
                t0 = time.perf_counter()
                log.append(session, "request.logged", {"request_id": start + i, "action": "hold"})
                out.append(time.perf_counter() - t0)
    return out


def time_transactions(factory: sessionmaker[Session], log: AuditLog, n: int) -> tuple[list[float], list[float]]:
    bare: list[float] = []
    logged: list[float] = []
    with factory() as session:
        for i in range(n):
            for with_log, sink in ((False, bare), (True, logged)):
                t0 = time.perf_counter()
                with session.begin():
                    session.execute(insert(desk_like).values(v=f"row {i}"))
                    if with_log:
                        log.append(session, "request.logged", {"request_id": i})
                sink.append(time.perf_counter() - t0)
    return bare, logged


def timed(fn: Callable[[], object], repeat: int) -> list[float]:
    out: list[float] = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def prefill(factory: sessionmaker[Session], log: AuditLog, total: int) -> None:
    with factory() as session:
        done = log.size(session)
        session.rollback()
        while done < total:
            with session.begin():
                for _ in range(min(5000, total - done)):
                    log.append(session, "request.logged", {"request_id": done})
                    done += 1


def run(n: int, prefill_to: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="audit-bench-") as tmp:
        settings = Settings.for_data_dir(Path(tmp))
        engine = create_db_engine(settings)
        metadata.create_all(engine)
        bench_metadata.create_all(engine)
        factory = make_session_factory(engine)
        log = AuditLog(load_or_create_signing_key(settings.data_dir))
        results: dict[str, Any] = {"n": n}

        time_append_only(factory, log, 200, 0)  # warm-up
        results["append_in_transaction_small_log"] = summary(time_append_only(factory, log, n, 10_000))
        bare, logged = time_transactions(factory, log, n)
        results["desk_transaction_without_append"] = summary(bare)
        results["desk_transaction_with_append"] = summary(logged)
        results["added_by_append"] = {
            "p50_us": round((pct(logged, 50) - pct(bare, 50)) * 1e6, 1),
            "p99_us": round((pct(logged, 99) - pct(bare, 99)) * 1e6, 1),
            "mean_us": round((statistics.fmean(logged) - statistics.fmean(bare)) * 1e6, 1),
        }

        t0 = time.perf_counter()
        prefill(factory, log, prefill_to)
        results["prefill"] = {"entries": prefill_to, "seconds": round(time.perf_counter() - t0, 2)}
        results["append_in_transaction_large_log"] = summary(time_append_only(factory, log, n, 1_000_000))

        with factory() as session:
            size = log.size(session)
            session.rollback()
            with session.begin():
                results["checkpoint_sign_and_store"] = summary(timed(lambda: log.checkpoint(session), 200))
            results["inclusion_proof"] = summary(timed(lambda: log.inclusion_proof(session, size // 3, size), 300))
            results["consistency_proof"] = summary(
                timed(lambda: log.consistency_proof(session, size // 2 + 1, size), 300)
            )
            t0 = time.perf_counter()
            report = log.verify(session)
            seconds = time.perf_counter() - t0
            assert report.ok, report.problems
            results["verify"] = {
                "entries": report.size,
                "seconds": round(seconds, 2),
                "entries_per_second": round(report.size / seconds),
            }
        engine.dispose()
        return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--n", type=int, default=2000, help="timed appends per measurement")
    parser.add_argument("--prefill", type=int, default=50_000, help="log size for the large-log measurement")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = run(args.n, args.prefill)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    for name, value in results.items():
        print(f"{name:38} {value}")


if __name__ == "__main__":
    main()
