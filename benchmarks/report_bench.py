"""Desk-side report benchmark: build a statutory report from a large audit log, and verify it.

Fills a throw-away SQLite desk log (WAL, synchronous=FULL, as the desk runs it) with ``--requests`` requests of
four events each (logged, classified, decided, final decision), spread over one year in Illinois, then times:
``build`` (sign or reuse the checkpoint, read and fold every entry, recompute the Merkle root, count, sign the
document) and ``verify`` (the same read plus the checks), for the Illinois report and a monthly Oregon one.

Usage: ``.venv/bin/python benchmarks/report_bench.py [--requests 20000]``
"""

from __future__ import annotations

import argparse
import json
import os
import random
import tempfile
import time
from pathlib import Path
from typing import Any

import sanctuary.audit.tables  # noqa: F401  (declares the audit tables)
from sanctuary.audit.keys import load_or_create_signing_key
from sanctuary.audit.log import AuditLog
from sanctuary.db.base import metadata
from sanctuary.db.session import create_db_engine, make_session_factory
from sanctuary.reports import document as documents
from sanctuary.settings import Settings

PAPERS = ("detainer", "admin_warrant", "none", "judicial_warrant", "admin_subpoena")
ACTIONS = ("hold", "notify_release", "transfer", "disclose", "assist_operation")
PLACES = ("us/il/cook-county", "us/il/chicago", "us/or/portland", "us/ca/san-francisco")


def events(rid: int, rng: random.Random) -> list[tuple[str, dict[str, str | int]]]:
    day = f"2026-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
    paper = rng.choice(PAPERS)
    return [
        ("request.logged", {"request_id": rid, "channel": "fax", "user_id": 1}),
        ("request.classified", {"request_id": rid, "instrument": paper, "what": "i247a"}),
        ("request.decided", {"request_id": rid, "outcome": "forbidden", "action": rng.choice(ACTIONS),
                             "jurisdiction": rng.choice(PLACES), "instrument": paper, "agency_kind": "jail",
                             "requester_agency": rng.choice(("ice", "cbp", "dhs")), "received_on": day}),
        ("request.final_decision", {"request_id": rid, "final_outcome": rng.choice(("declined", "complied")),
                                    "role": "counsel", "user_id": 2}),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=20000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rng = random.Random(11)
    results: dict[str, Any] = {"requests": args.requests, "load_average": os.getloadavg()[0]}
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings.for_data_dir(Path(tmp))
        engine = create_db_engine(settings)
        metadata.create_all(engine)
        sessions = make_session_factory(engine)
        key = load_or_create_signing_key(settings.data_dir)
        log = AuditLog(key)
        start = time.perf_counter()
        for first in range(0, args.requests, 500):
            with sessions() as session, session.begin():
                batch = [e for rid in range(first, min(args.requests, first + 500)) for e in events(rid, rng)]
                log.append_many(session, batch)
        results["fill_s"] = round(time.perf_counter() - start, 2)
        with sessions() as session:
            results["entries"] = log.size(session)
        for name, period in (("illinois", "2026"), ("oregon", "2026-03")):
            spec = documents.spec_named(name)
            start, cpu = time.perf_counter(), time.process_time()
            with sessions() as session, session.begin():
                doc = documents.build(session, log, key, spec, period)
            results[f"{name}_build_s"] = round(time.perf_counter() - start, 3)
            results[f"{name}_build_cpu_s"] = round(time.process_time() - cpu, 3)
            start, cpu = time.perf_counter(), time.process_time()
            with sessions() as session:
                outcome = documents.verify(session, log, doc)
            results[f"{name}_verify_s"] = round(time.perf_counter() - start, 3)
            results[f"{name}_verify_cpu_s"] = round(time.process_time() - cpu, 3)
            results[f"{name}_verify_ok"] = outcome.ok
            results[f"{name}_first_count"] = next(iter(doc["totals"].values()))
        engine.dispose()
    if args.json:
        print(json.dumps(results))
    else:
        for k, v in results.items():
            print(f"{k}: {v}")


if __name__ == "__main__":
    main()
