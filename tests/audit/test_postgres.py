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
