"""Appends from many threads (separate connections) serialize: dense, unique indices and a valid tree."""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from sanctuary.audit.log import AuditLog
from sanctuary.audit.tables import audit_entries
from sanctuary.db.base import metadata

THREADS, PER_THREAD = 6, 25


def _hammer(factory: sessionmaker[Session], log: AuditLog, worker: int, got: list[int]) -> None:
    with factory() as session:
        for i in range(PER_THREAD):
            with session.begin():
                got.append(log.append(session, "request.logged", {"request_id": worker * 1000 + i}))


def _run(factory: sessionmaker[Session], log: AuditLog) -> list[int]:
    got: list[int] = []
    threads = [threading.Thread(target=_hammer, args=(factory, log, w, got)) for w in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return got


def test_threads_appending_through_the_desk_engine(session_factory: sessionmaker[Session], log: AuditLog) -> None:
    got = _run(session_factory, log)
    assert sorted(got) == list(range(THREADS * PER_THREAD))
    with session_factory() as session:
        with session.begin():
            cp = log.checkpoint(session)
        report = log.verify(session)
        assert report.ok, report.problems
        assert cp["size"] == report.size == THREADS * PER_THREAD
        refs = session.execute(select(func.count(func.distinct(audit_entries.c.refs)))).scalar_one()
        assert refs == THREADS * PER_THREAD  # every append landed exactly once


def test_threads_appending_through_a_plain_engine(tmp_path: Path, log: AuditLog) -> None:
    """Without the desk's BEGIN IMMEDIATE, the head-row UPDATE still takes the write lock before any read."""
    engine = create_engine(f"sqlite:///{tmp_path / 'plain.db'}", connect_args={"timeout": 30})
    metadata.create_all(engine)
    try:
        factory = sessionmaker(bind=engine)
        got = _run(factory, log)
        assert sorted(got) == list(range(THREADS * PER_THREAD))
        with factory() as session:
            assert log.verify(session).ok
    finally:
        engine.dispose()
