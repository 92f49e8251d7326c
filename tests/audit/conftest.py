"""Fixtures: a real SQLite database in a temporary data dir, set up like the desk's (WAL, BEGIN IMMEDIATE)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

import sanctuary.audit.tables
import sanctuary.desk.models
import sanctuary.reports.tables  # noqa: F401  (declares its table on the metadata)
from sanctuary.audit.keys import load_or_create_signing_key
from sanctuary.audit.log import AuditLog
from sanctuary.db.base import metadata
from sanctuary.db.session import create_db_engine, make_session_factory
from sanctuary.settings import Settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.for_data_dir(tmp_path / "var")


@pytest.fixture
def engine(settings: Settings) -> Iterator[Engine]:
    engine = create_db_engine(settings)
    metadata.create_all(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def session_factory(engine: Engine) -> sessionmaker[Session]:
    return make_session_factory(engine)


@pytest.fixture
def signing_key(settings: Settings) -> Ed25519PrivateKey:
    return load_or_create_signing_key(settings.data_dir)


@pytest.fixture
def log(signing_key: Ed25519PrivateKey) -> AuditLog:
    return AuditLog(signing_key)


def fill(factory: sessionmaker[Session], log: AuditLog, n: int) -> None:
    """Append ``n`` entries, one transaction each, like the desk does."""
    with factory() as session:
        for i in range(n):
            with session.begin():
                log.append(session, "request.logged", {"request_id": i, "action": "hold"})
