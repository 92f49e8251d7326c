"""Benchmark: ``sanctuary audit verify`` on a large log (SQLite, the desk's settings).

Builds (once, then reuses) a data dir holding an audit log of ``--entries`` entries written by
``AuditLog.append_many`` in batches of 5,000 (realistic refs: a request id, a ruleset digest, an action) with a
signed checkpoint every 100,000 entries and one at the end. Then times:

- ``AuditLog.verify`` in process (best and median of ``--repeat``), entries per second of wall time and of
  CPU time (the process's own, which other work on a shared machine disturbs less);
- ``sanctuary audit verify --data-dir DIR`` end to end in a fresh process (wall time, start-up included).

    .venv/bin/python benchmarks/verify_bench.py [--entries 1000000] [--repeat 3] [--dir /tmp/verify-bench] [--json]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from sanctuary.audit.setup import build_audit_log
from sanctuary.db.migrate import upgrade
from sanctuary.db.session import create_null_pool_engine
from sanctuary.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
ACTIONS = ("hold", "notify_release", "transfer", "disclose", "interview")


def build(data_dir: Path, entries: int) -> None:
    settings = Settings.for_data_dir(data_dir)
    upgrade(settings)
    engine = create_null_pool_engine(settings)
    log = build_audit_log(settings, engine)  # as the desk builds it: signer and checkpoint ledger
    ruleset = hashlib.sha256(b"bench").hexdigest()
    with Session(engine) as session:
        done = log.size(session)
        session.rollback()
        while done < entries:
            n = min(5000, entries - done)
            items: list[tuple[str, dict[str, str | int]]] = [
                ("request.decided", {"request_id": done + i, "ruleset": ruleset, "action": ACTIONS[(done + i) % 5]})
                for i in range(n)
            ]
            with session.begin():
                log.append_many(session, items)
                done += n
                if done % 100_000 == 0 or done == entries:
                    log.checkpoint(session)
    engine.dispose()


def time_in_process(data_dir: Path, repeat: int) -> dict[str, Any]:
    settings = Settings.for_data_dir(data_dir)
    engine = create_null_pool_engine(settings)
    log = build_audit_log(settings, engine)
    runs: list[float] = []
    cpu: list[float] = []
    size = 0
    for _ in range(repeat):
        with Session(engine) as session:
            t0, c0 = time.perf_counter(), time.process_time()
            report = log.verify(session)
            runs.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        assert report.ok, report.problems[:5]
        size = report.size
    engine.dispose()
    best, median = min(runs), statistics.median(runs)
    return {"entries": size, "checkpoints": report.checkpoints_checked, "best_s": round(best, 3),
            "median_s": round(median, 3), "entries_per_s_best": round(size / best),
            "entries_per_s_median": round(size / median), "cpu_best_s": round(min(cpu), 3),
            "entries_per_cpu_s": round(size / min(cpu))}


def time_cli(data_dir: Path, repeat: int) -> dict[str, Any]:
    exe = str(Path(sys.executable).with_name("sanctuary"))
    env = {**os.environ, "SANCTUARY_DATA_DIR": str(data_dir)}
    runs: list[float] = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        done = subprocess.run([exe, "audit", "verify", "--data-dir", str(data_dir)], env=env,
                              capture_output=True, text=True, check=False)
        runs.append(time.perf_counter() - t0)
        if done.returncode != 0:
            raise SystemExit(f"audit verify failed: {done.stdout}{done.stderr}")
    return {"best_s": round(min(runs), 3), "median_s": round(statistics.median(runs), 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dir", type=Path, default=None, help="data dir to build into / reuse")
    parser.add_argument("--no-cli", action="store_true", help="skip the end-to-end CLI timing")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    data_dir = args.dir or Path(f"/tmp/sanctuary-verify-bench-{args.entries}")
    data_dir.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    build(data_dir, args.entries)
    results: dict[str, Any] = {"data_dir": str(data_dir), "build_s": round(time.perf_counter() - t0, 1),
                               "in_process": time_in_process(data_dir, args.repeat)}
    if not args.no_cli:
        results["cli"] = time_cli(data_dir, args.repeat)
        results["cli"]["entries_per_s_best"] = round(results["in_process"]["entries"] / results["cli"]["best_s"])
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for name, value in results.items():
            print(f"{name:12} {value}")


if __name__ == "__main__":
    main()
