"""The collector: signed filings accepted, a forged signature and a rewritten history refused, a missing agency
listed, the statewide roll-up summed; on SQLite and PostgreSQL (migrated by Alembic, revision 0007_collector)."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from sanctuary.audit.keys import load_or_create_signing_key
from sanctuary.audit.log import AuditLog
from sanctuary.collector import service
from sanctuary.db.base import metadata
from sanctuary.db.migrate import upgrade
from sanctuary.db.session import create_db_engine, make_session_factory
from sanctuary.reports import document as documents
from sanctuary.settings import Settings
from tests.desk import pg
from tests.reports.conftest import request


@dataclass
class Desk:
    """One agency's desk: its own database, audit log and signing key."""

    engine: Engine
    sessions: sessionmaker[Session]
    key: Ed25519PrivateKey
    log: AuditLog

    def add(self, rid: int, on: str = "2026-02-03", final: str | None = None) -> None:
        with self.sessions() as session, session.begin():
            request(self.log, session, rid, on=on, where="us/il/cook-county", paper="detainer", action="hold",
                    by="ice", final=final)

    def report(self, prove_from: int | None = None) -> dict[str, Any]:
        with self.sessions() as session, session.begin():
            return documents.build(session, self.log, self.key, documents.spec_named("illinois"), "2026",
                                   prove_from=prove_from)

    def reset(self) -> None:
        """Throw the whole log away and start again with the same key (rewriting history)."""
        metadata.drop_all(self.engine)
        metadata.create_all(self.engine)


def _desk(path: Path) -> Iterator[Desk]:
    settings = Settings.for_data_dir(path)
    engine = create_db_engine(settings)
    metadata.create_all(engine)
    key = load_or_create_signing_key(settings.data_dir)
    yield Desk(engine, make_session_factory(engine), key, AuditLog(key))
    engine.dispose()


@pytest.fixture
def desk_a(tmp_path: Path) -> Iterator[Desk]:
    yield from _desk(tmp_path / "a")


@pytest.fixture
def desk_b(tmp_path: Path) -> Iterator[Desk]:
    yield from _desk(tmp_path / "b")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def collector(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[sessionmaker[Session]]:
    data_dir = tmp_path / "collector"
    if request.param == "sqlite":
        settings = Settings.for_data_dir(data_dir)
        upgrade(settings)
        engine = create_db_engine(settings)
        yield make_session_factory(engine)
        engine.dispose()
        return
    server: pg.Server = request.getfixturevalue("pg_server")
    with pg.fresh_database(server) as url:
        settings = Settings.for_data_dir(data_dir, url)
        upgrade(settings)
        engine = create_db_engine(settings)
        yield make_session_factory(engine)
        engine.dispose()


def _register(sessions: sessionmaker[Session], agency: str, desk: Desk, where: str = "us/il/cook-county") -> None:
    with sessions() as session, session.begin():
        service.register_agency(session, agency, agency.title(), where, desk.key.public_key())


def _receive(sessions: sessionmaker[Session], doc: dict[str, Any]) -> service.Accepted:
    with sessions() as session, session.begin():
        return service.receive(session, doc)


def test_filings_roll_up_and_the_agency_that_did_not_file_is_listed(
    collector: sessionmaker[Session], desk_a: Desk, desk_b: Desk, tmp_path: Path
) -> None:
    _register(collector, "sheriff-a", desk_a)
    _register(collector, "sheriff-b", desk_b)
    spare = load_or_create_signing_key(tmp_path / "c")
    with collector() as session, session.begin():
        service.register_agency(session, "police-c", "Police C", "us/il/chicago", spare.public_key())
        service.register_agency(session, "portland", "Portland", "us/or/portland",
                                load_or_create_signing_key(tmp_path / "d").public_key())
    for rid in (1, 2, 3):
        desk_a.add(rid)
    desk_b.add(1, final="declined")
    assert _receive(collector, desk_a.report()).agency_id == "sheriff-a"
    assert _receive(collector, desk_b.report()).agency_id == "sheriff-b"
    with collector() as session:
        total = service.rollup(session, "illinois", "2026")
        absent = service.missing(session, "illinois", "2026", date(2027, 3, 2))
        early = service.missing(session, "illinois", "2026", date(2027, 2, 1))
    assert total["agencies_filed"] == 2
    assert total["totals"]["detainers_and_civil_warrants_received"] == 4  # 3 + 1
    assert absent["not_filed"] == [{"id": "police-c", "name": "Police C"}]  # Portland is not under us/il
    assert absent["expected"] == 3 and absent["due"] == "2027-03-01" and absent["late"] is True
    assert early["late"] is False


def test_a_forged_or_unknown_signature_is_refused(collector: sessionmaker[Session], desk_a: Desk,
                                                 desk_b: Desk) -> None:
    _register(collector, "sheriff-a", desk_a)
    desk_a.add(1)
    doc = desk_a.report()
    forged = copy.deepcopy(doc)
    forged["totals"]["detainers_and_civil_warrants_received"] = 0
    with pytest.raises(service.FilingRejected, match=r"^report_signature: does not verify"):
        _receive(collector, forged)
    desk_b.add(1)
    with pytest.raises(service.FilingRejected, match="belongs to no registered agency"):
        _receive(collector, desk_b.report())
    # B re-signs A's report with its own key while claiming A's key id: the signature fails.
    stolen = documents.sign_document({k: v for k, v in doc.items() if k != "report_signature"}, desk_b.key)
    stolen["report_signature"]["key_id"] = doc["report_signature"]["key_id"]
    with pytest.raises(service.FilingRejected, match=r"^report_signature: does not verify"):
        _receive(collector, stolen)
    with collector() as session:
        assert service.rollup(session, "illinois", "2026")["agencies_filed"] == 0


def test_a_rewritten_history_is_refused(collector: sessionmaker[Session], desk_a: Desk) -> None:
    _register(collector, "sheriff-a", desk_a)
    for rid in (1, 2, 3):
        desk_a.add(rid)
    first = _receive(collector, desk_a.report())
    # The honest path: the log grows and the filing proves it extends the last one.
    desk_a.add(4)
    grown = _receive(collector, desk_a.report(prove_from=first.log_size))
    assert grown.log_size > first.log_size
    desk_a.add(5)
    with pytest.raises(service.FilingRejected, match=f"--prove-from {grown.log_size}"):
        _receive(collector, desk_a.report())  # no proof
    # The agency wipes its log and writes a different history, longer than before, with the same key.
    desk_a.reset()
    for rid in (10, 11, 12, 13, 14, 15, 16):
        desk_a.add(rid, on="2026-06-01")
    with pytest.raises(service.FilingRejected, match="history was rewritten"):
        _receive(collector, desk_a.report(prove_from=grown.log_size))


def test_a_shorter_log_is_refused(collector: sessionmaker[Session], desk_a: Desk) -> None:
    _register(collector, "sheriff-a", desk_a)
    for rid in (1, 2, 3):
        desk_a.add(rid)
    _receive(collector, desk_a.report())
    desk_a.reset()
    desk_a.add(1)
    with pytest.raises(service.FilingRejected, match="cut back"):
        _receive(collector, desk_a.report())


def test_collector_commands(desk_a: Desk, desk_b: Desk, tmp_path: Path) -> None:
    import json as jsonlib

    import typer
    from typer.testing import CliRunner

    from sanctuary.collector.cli import register

    app = typer.Typer()
    register(app)
    runner = CliRunner()
    base = ["--data-dir", str(tmp_path / "state")]
    for name, desk in (("cook", desk_a), ("chicago", desk_b)):
        pub = tmp_path / f"{name}.pub"
        pub.write_text(desk.key.public_key().public_bytes_raw().hex())  # not PEM nor base64: refused
        bad = runner.invoke(app, ["collector", "agency-add", "--id", name, "--name", name, "--jurisdiction",
                                  f"us/il/{name}", "--public-key", str(pub), *base])
        assert bad.exit_code == 2 and "--public-key:" in bad.output
        from cryptography.hazmat.primitives import serialization

        pub.write_bytes(desk.key.public_key().public_bytes(serialization.Encoding.PEM,
                                                           serialization.PublicFormat.SubjectPublicKeyInfo))
        added = runner.invoke(app, ["collector", "agency-add", "--id", name, "--name", name.title(),
                                    "--jurisdiction", f"us/il/{name}", "--public-key", str(pub), *base])
        assert added.exit_code == 0, added.output
    desk_a.add(1)
    desk_a.add(2)
    good, forged = tmp_path / "cook.json", tmp_path / "forged.json"
    doc = desk_a.report()
    good.write_text(jsonlib.dumps(doc))
    doc["totals"]["detainers_and_civil_warrants_received"] = 0
    forged.write_text(jsonlib.dumps(doc))
    received = runner.invoke(app, ["collector", "receive", str(good), str(forged), *base])
    assert received.exit_code == 1
    assert f"accepted {good}: cook illinois 2026" in received.stdout
    assert f"REFUSED {forged}: report_signature: does not verify" in received.stdout
    size = runner.invoke(app, ["collector", "last-checkpoint", "--agency", "cook", *base])
    assert size.stdout.split()[0] == str(doc["source"]["size"])
    missing = jsonlib.loads(runner.invoke(app, ["collector", "missing", "--report", "illinois", "--period", "2026",
                                                "--as-of", "2027-03-02", *base]).stdout)
    assert missing["not_filed"] == [{"id": "chicago", "name": "Chicago"}] and missing["late"] is True
    rolled = runner.invoke(app, ["collector", "rollup", "--report", "illinois", "--period", "2026", "--format", "csv",
                                 *base])
    assert "detainers_and_civil_warrants_received,Immigration detainers and civil immigration warrants received," \
           "5 ILCS 805/25(a)(2),2" in rolled.stdout
    assert rolled.stdout.strip().endswith("agencies_filed,,,1")
