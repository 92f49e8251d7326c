"""Collector benchmark: a state's agencies file a report, then file again with a consistency proof.

Each simulated agency has its own Ed25519 key and its own audit log (an in-memory RFC 9162 tree of
``--entries`` leaves, growing by ``--grow`` before the second filing), signs checkpoints in the desk's signed-note
format and signs its report document exactly as ``sanctuary report`` does. The collector's database is
PostgreSQL when one can be had (``SANCTUARY_TEST_POSTGRES_URL``, or a throw-away server started through the
tests' fixture), else SQLite; ``--backend sqlite`` forces SQLite. Migrated by Alembic (0007_collector).

Measures: registering N agencies; receiving N first filings (signature checks, one insert each, one
transaction per file as `sanctuary collector receive` does); receiving N second filings (plus the consistency
proof against each agency's last checkpoint); the "not filed" list; the statewide roll-up.

Usage (from the repository root): ``PYTHONPATH=. .venv/bin/python benchmarks/collector_bench.py [--agencies 1000]``
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import statistics
import tempfile
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.orm import Session, sessionmaker

from sanctuary.audit import merkle
from sanctuary.audit.note import CheckpointBody, sign
from sanctuary.collector import service
from sanctuary.db.migrate import upgrade
from sanctuary.db.session import create_db_engine, make_session_factory
from sanctuary.reports import document as documents
from sanctuary.reports.spec import Computed, parse_period
from sanctuary.settings import Settings

SPEC = documents.spec_named("illinois")
PERIOD = parse_period("year", "2026")


class Agency:
    def __init__(self, n: int, entries: int, rng: random.Random) -> None:
        self.id = f"agency-{n:04d}"
        self.key = Ed25519PrivateKey.generate()
        self.tree = merkle.MemoryTree()
        self.rng = rng
        self.grow(entries)

    def grow(self, entries: int) -> None:
        for _ in range(entries):
            self.tree.append(self.rng.randbytes(48))

    def report(self, prove_from: int | None = None) -> dict[str, Any]:
        size = self.tree.size
        body = CheckpointBody("sanctuary/audit-log", size, self.tree.root(size), "2027-01-15T00:00:00.000000Z")
        checkpoint = sign(body, self.key)
        totals = {c.name: self.rng.randrange(0, 20) for c in SPEC.counts}
        doc = documents.to_document(Computed(SPEC, PERIOD, "us/il", totals, ()), checkpoint)
        if prove_from is not None:
            doc["source"]["consistency"] = {
                "from_size": prove_from,
                "proof": [h.hex() for h in self.tree.consistency_proof(prove_from, size)],
            }
        return documents.sign_document(doc, self.key)


@contextlib.contextmanager
def database(backend: str, data_dir: Path) -> Iterator[tuple[str, Settings]]:
    if backend != "sqlite":
        try:
            from tests.desk import pg

            server = pg.from_env()
            with contextlib.ExitStack() as stack:
                if server is None:
                    server = stack.enter_context(pg.local_server())
                url = stack.enter_context(pg.fresh_database(server))
                yield "postgresql", Settings.for_data_dir(data_dir, url)
                return
        except Exception as exc:  # no server here: say so and fall back
            if backend == "postgresql":
                raise
            print(f"PostgreSQL unavailable ({exc}); using SQLite")
    yield "sqlite", Settings.for_data_dir(data_dir)


def timed(label: str, results: dict[str, Any], fn: Any) -> Any:
    start = time.perf_counter()
    value = fn()
    results[label] = round(time.perf_counter() - start, 3)
    return value


def receive_all(sessions: sessionmaker[Session], docs: list[dict[str, Any]]) -> list[float]:
    latencies = []
    for doc in docs:
        start = time.perf_counter()
        with sessions() as session, session.begin():
            service.receive(session, doc)
        latencies.append(time.perf_counter() - start)
    return latencies


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--agencies", type=int, default=1000)
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--grow", type=int, default=500)
    parser.add_argument("--backend", choices=("auto", "sqlite", "postgresql"), default="auto")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    rng = random.Random(11)
    results: dict[str, Any] = {"agencies": args.agencies, "entries": args.entries, "grow": args.grow}
    agencies = timed("simulate_agencies_s", results, lambda: [Agency(i, args.entries, rng)
                                                                 for i in range(args.agencies)])
    first_docs = [a.report() for a in agencies]
    with tempfile.TemporaryDirectory() as tmp, database(args.backend, Path(tmp)) as (backend, settings):
        results["backend"] = backend
        upgrade(settings)
        engine = create_db_engine(settings)
        sessions = make_session_factory(engine)

        def register() -> None:
            with sessions() as session, session.begin():
                for i, a in enumerate(agencies[:-10]):  # the last ten never file
                    service.register_agency(session, a.id, f"Agency {i}", "us/il/cook-county", a.key.public_key())
                for a in agencies[-10:]:
                    service.register_agency(session, a.id, "Late agency", "us/il", a.key.public_key())

        timed("register_s", results, register)
        first = timed("receive_first_s", results, lambda: receive_all(sessions, first_docs[:-10]))
        previous = [a.tree.size for a in agencies]
        for a in agencies:
            a.grow(args.grow)
        second_docs = [a.report(prove_from=p) for a, p in zip(agencies, previous, strict=True)]
        second = timed("receive_with_proof_s", results, lambda: receive_all(sessions, second_docs[:-10]))
        with sessions() as session:
            missing = timed("missing_s", results, lambda: service.missing(session, "illinois", "2026",
                                                                          date(2027, 3, 2)))
            rollup = timed("rollup_s", results, lambda: service.rollup(session, "illinois", "2026"))
        engine.dispose()
    for name, samples in (("first", first), ("with_proof", second)):
        results[f"receive_{name}_p50_ms"] = round(statistics.median(samples) * 1000, 2)
        results[f"receive_{name}_p95_ms"] = round(sorted(samples)[int(0.95 * len(samples))] * 1000, 2)
        results[f"receive_{name}_per_s"] = round(len(samples) / sum(samples), 1)
    results["not_filed"] = len(missing["not_filed"])
    results["rollup_agencies"] = rollup["agencies_filed"]
    if args.json:
        print(json.dumps(results))
    else:
        for key, value in results.items():
            print(f"{key}: {value}")


if __name__ == "__main__":
    main()
