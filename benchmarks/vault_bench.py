"""Records vault: cost of put, get and shred at 10k and 100k people, on SQLite set up as the desk runs it
(WAL, synchronous=FULL, BEGIN IMMEDIATE) with the key store in its own SQLite file.

For each size, a throw-away data dir is filled with that many people (one ``client_intake`` record and one
data key each), written in bulk with the vault's own envelope encryption (per-person data key, wrapped by the
KEK; records sealed with AES-256-GCM) but in large transactions, so that filling 100k people does not take
100k fsyncs. Then, through the public :class:`sanctuary.vault.service.Vault` API, one operation at a time:

- ``put`` of a record for a new person (creates and stores a data key, seals, inserts, audits, two commits);
- ``put`` of another record for an existing person (key already there: one commit);
- ``get`` (unwrap, open, audit the read, one commit);
- ``shred`` of one person, split into the shred itself (keys destroyed, records blanked, audited) and the scrub
  that follows (WAL checkpoints and VACUUM of the key store and of the records database), whose cost grows
  with the size of the files;
- ``expire`` shredding 100 people at once (one scrub for the batch);
- rotating the key-encryption key (every data key re-wrapped, then the key store scrubbed).

With ``--postgres`` the records database is a PostgreSQL started for the run (Debian's PostgreSQL 15, as the
tests start it; or ``SANCTUARY_TEST_POSTGRES_URL``); the key store stays a local SQLite file, as in production.

usage: .venv/bin/python benchmarks/vault_bench.py [--sizes 10000 100000] [--ops 200] [--shreds 10] [--postgres]
       [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import tempfile
import time
import uuid
from contextlib import nullcontext
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from sanctuary.db.migrate import upgrade
from sanctuary.db.session import create_db_engine
from sanctuary.settings import Settings
from sanctuary.vault.envelope import seal
from sanctuary.vault.rotation import rotate_kek
from sanctuary.vault.service import Actor, Vault
from sanctuary.vault.tables import vault_records

ACTOR = Actor.cli("bench")
BATCH = 5000


def pct(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def summary(samples: list[float]) -> dict[str, float]:
    ms = [s * 1e3 for s in samples]
    return {"p50_ms": round(pct(ms, 50), 2), "p99_ms": round(pct(ms, 99), 2), "mean_ms": round(statistics.fmean(ms), 2),
            "n": len(ms)}


def fill(vault: Vault, people: int, clock_now: datetime) -> list[str]:
    """``people`` subjects with one record each, in bulk transactions; returns the subjects."""
    subjects = [f"P-{i:07d}" for i in range(people)]
    db = vault.keystore._db  # bulk path: the key store's own connection, one transaction per batch
    for start in range(0, people, BATCH):
        chunk = subjects[start:start + BATCH]
        keys, records = [], []
        for subject in chunk:
            ref = vault.envelope.subject_ref(subject)
            key_id, data_key = uuid.uuid4().hex, vault.envelope.new_data_key()
            keys.append((key_id, ref, vault.envelope.wrap(data_key, key_id, ref), vault.envelope.kek_id,
                         clock_now.isoformat()))
            record_id = uuid.uuid4().hex
            fields = {"name": f"Person {subject}", "phone": "555-0100", "address": "1 Main St", "notes": "x" * 80}
            records.append({"id": record_id, "subject_ref": ref, "kind": "client_intake", "key_id": key_id,
                            "created_at": clock_now, "expires_at": clock_now + timedelta(days=1095),
                            "created_by_id": None,
                            "ciphertext": seal(data_key, fields, f"vault-record|{record_id}|client_intake|{key_id}"),
                            "shredded_at": None, "shred_reason": None})
        db.execute("BEGIN IMMEDIATE")
        db.executemany("INSERT INTO data_keys (key_id, subject_ref, wrapped, kek_id, created_at) "
                       "VALUES (?, ?, ?, ?, ?)", keys)
        db.execute("COMMIT")
        with vault.sessions() as session, session.begin():
            session.execute(insert(vault_records), records)
    vault.scrub()
    return subjects


def timed(fn: Any, *args: Any) -> tuple[float, Any]:
    t0 = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - t0, result


def run_size(people: int, ops: int, shreds: int, database_url: str | None = None) -> dict[str, Any]:
    root = Path(tempfile.mkdtemp(prefix=f"vault-bench-{people}-"))
    try:
        settings = Settings.for_data_dir(root / "data", database_url)
        upgrade(settings)
        now = datetime(2026, 3, 2, tzinfo=UTC)
        engine = create_db_engine(settings)  # pooled, as the desk runs it (the CLI uses a one-shot engine)
        vault = Vault.open(settings, engine=engine, clock=lambda: now)
        t0 = time.perf_counter()
        subjects = fill(vault, people, now)
        fill_s = time.perf_counter() - t0
        sizes = {"records_db_mb": _records_mb(settings, root), "keystore_mb":
                 round(os.path.getsize(vault.keystore.path) / 2**20, 1)}
        put_new, put_existing, get = [], [], []
        ids = []
        for i in range(ops):
            s, record = timed(vault.put, "client_intake", f"NEW-{i}", {"name": f"new {i}", "phone": "555"}, ACTOR)
            put_new.append(s)
            ids.append(record)
            s, record = timed(vault.put, "client_intake", subjects[(i * 7919) % people], {"notes": "visit"}, ACTOR)
            put_existing.append(s)
            ids.append(record)
        for i in range(ops):
            s, _ = timed(vault.get, ids[(i * 31) % len(ids)], ACTOR)
            get.append(s)
        shred_only, scrub = [], []
        for i in range(shreds):
            subject = subjects[(i * 104729) % people]
            t0 = time.perf_counter()
            from sanctuary.vault.service import ShredResult

            vault._shred_ref(vault.envelope.subject_ref(subject), ACTOR, "manual", ShredResult())
            t1 = time.perf_counter()
            vault.scrub()
            t2 = time.perf_counter()
            shred_only.append(t1 - t0)
            scrub.append(t2 - t1)
        # Retention: 100 people due at once, one scrub for the batch.
        later = now + timedelta(days=2000)
        vault.clock = lambda: later
        due = subjects[people // 2:people // 2 + 100]
        with vault.sessions() as session, session.begin():
            from sqlalchemy import update

            refs = [vault.envelope.subject_ref(s) for s in due]
            session.execute(update(vault_records).where(vault_records.c.subject_ref.in_(refs))
                            .values(expires_at=now + timedelta(days=1)))
        # Only those 100 are past retention at `later`? Every record expires after 1095 days: move the rest on.
        with vault.sessions() as session, session.begin():
            session.execute(update(vault_records).where(vault_records.c.subject_ref.not_in(refs))
                            .values(expires_at=later + timedelta(days=1)))
        s, result = timed(vault.expire, ACTOR)
        rotate_s, _ = timed(rotate_kek, settings.data_dir, vault.keystore)
        vault.close()
        vault.engine.dispose()
        return {"people": people, "fill_s": round(fill_s, 1), **sizes, "put_new_person": summary(put_new),
                "put_existing_person": summary(put_existing), "get": summary(get),
                "shred_one_person": summary(shred_only), "scrub_after_shred": summary(scrub),
                "expire_100_people_s": round(s, 2), "expire_shredded": result.subjects,
                "rotate_kek_s": round(rotate_s, 2)}
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _records_mb(settings: Settings, root: Path) -> float:
    if settings.is_sqlite:
        return round(os.path.getsize(root / "data" / "sanctuary.db") / 2**20, 1)
    from sqlalchemy import create_engine, text

    engine = create_engine(settings.database_url)
    try:
        with engine.connect() as connection:
            size = connection.execute(text("SELECT pg_total_relation_size('vault_records')")).scalar()
    finally:
        engine.dispose()
    return round(int(size or 0) / 2**20, 1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--ops", type=int, default=200)
    parser.add_argument("--shreds", type=int, default=10)
    parser.add_argument("--postgres", action="store_true", help="records on a PostgreSQL started for the run")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.postgres:
        import sys

        sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        from tests.desk import pg

        server = pg.from_env()
        with pg.local_server() if server is None else nullcontext(server) as running:
            results = []
            for n in args.sizes:
                with pg.fresh_database(running) as url:
                    results.append(run_size(n, args.ops, args.shreds, url))
    else:
        results = [run_size(n, args.ops, args.shreds) for n in args.sizes]
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print("| people | records DB / key store | put (new person) p50 / p99 | put (known person) p50 / p99 | "
          "get p50 / p99 | shred p50 | scrub after shred p50 / p99 | expire 100 people | rotate the KEK |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['people']:,} | {r['records_db_mb']} MB / {r['keystore_mb']} MB | "
              f"{r['put_new_person']['p50_ms']} / {r['put_new_person']['p99_ms']} ms | "
              f"{r['put_existing_person']['p50_ms']} / {r['put_existing_person']['p99_ms']} ms | "
              f"{r['get']['p50_ms']} / {r['get']['p99_ms']} ms | {r['shred_one_person']['p50_ms']} ms | "
              f"{r['scrub_after_shred']['p50_ms']} / {r['scrub_after_shred']['p99_ms']} ms | "
              f"{r['expire_100_people_s']} s ({r['expire_shredded']} shredded) | {r['rotate_kek_s']} s |")


if __name__ == "__main__":
    main()
