"""The same log on a real PostgreSQL: the migration, concurrent appends from many connections, tampering."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from sanctuary.audit.log import AuditLog, check_inclusion
from sanctuary.db.migrate import upgrade
from sanctuary.db.session import create_db_engine, make_session_factory
from sanctuary.settings import Settings
from tests.desk import pg

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_engine(pg_server: pg.Server, tmp_path: Path) -> Iterator[Engine]:
    with pg.fresh_database(pg_server) as url:
        settings = Settings.for_data_dir(tmp_path / "var", url)
        assert "0002_audit" in upgrade(settings)
        engine = create_db_engine(settings)
        yield engine
        engine.dispose()


def test_concurrent_appends_are_dense_and_the_log_verifies(pg_engine: Engine) -> None:
    log = AuditLog(Ed25519PrivateKey.generate())
    factory: sessionmaker[Session] = make_session_factory(pg_engine)
    got: list[int] = []

    def work(worker: int) -> None:
        with factory() as session:
            for i in range(30):
                with session.begin():
                    got.append(log.append(session, "request.logged", {"request_id": worker * 100 + i}))

    threads = [threading.Thread(target=work, args=(w,)) for w in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(got) == list(range(240))
    with factory() as session:
        with session.begin():
            cp = log.checkpoint(session)
        report = log.verify(session)
        assert report.ok, report.problems
        leaf = log.entry(session, 117)["leaf_hash"]
        check_inclusion(117, 240, leaf, log.inclusion_proof(session, 117, 240), cp["root_hash"])
        session.rollback()
        with session.begin():
            session.execute(text("UPDATE audit_entries SET refs = :r WHERE idx = 117"), {"r": '{"request_id":1}'})
        report = log.verify(session)
        assert not report.ok and report.first_bad_index == 117


def test_tampering_on_postgresql_is_located_through_the_server_side_cursor(pg_engine: Engine) -> None:
    """verify reads PostgreSQL through a server-side cursor, in batches of 5,000: entries beyond the first batch,
    a JSON-equivalent rewrite, a rewritten stored node and a removed node are all found and located."""
    log = AuditLog(Ed25519PrivateKey.generate())
    factory: sessionmaker[Session] = make_session_factory(pg_engine)
    with factory() as session:
        with session.begin():
            log.append_many(session, [("request.logged", {"request_id": i, "action": "hold"}) for i in range(6000)])
            log.checkpoint(session)
        assert log.verify(session).ok
        session.rollback()
        with session.begin():
            session.execute(text("UPDATE audit_entries SET refs = :r WHERE idx = 5500"),
                            {"r": '{"request_id":5500, "action":"hold"}'})
        report = log.verify(session)
        assert not report.ok and report.first_bad_index == 5500
        assert report.problems[0].startswith("entry 5500: content does not match its leaf hash")
        session.rollback()
        with session.begin():
            session.execute(text("UPDATE audit_entries SET refs = :r WHERE idx = 5500"),
                            {"r": '{"action":"hold","request_id":5500}'})
            session.execute(text("UPDATE audit_nodes SET hash = :h WHERE level = 3 AND idx = 300"), {"h": b"\0" * 32})
            session.execute(text("DELETE FROM audit_nodes WHERE level = 1 AND idx = 2000"))
        report = log.verify(session)
        assert not report.ok
        assert "entries 2400..2407: differ from their stored subtree hash (rewritten)" in report.problems
        assert "entries 4000..4001: stored tree node missing" in report.problems
