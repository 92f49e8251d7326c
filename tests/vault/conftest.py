"""Fixtures for the vault: a migrated records database (SQLite, or PostgreSQL for tests marked ``postgres``),
a data dir with the key store and KEK, and a clock the tests move."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from sanctuary.db.migrate import upgrade
from sanctuary.settings import Settings
from sanctuary.vault.service import Vault
from tests.desk import pg


@dataclass
class Clock:
    now: datetime = field(default_factory=lambda: datetime(2026, 3, 2, 9, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **kwargs: float) -> None:
        self.now += timedelta(**kwargs)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def settings(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Settings]:
    data_dir = tmp_path / "data"
    if backend == "sqlite":
        settings = Settings.for_data_dir(data_dir)
        upgrade(settings)
        yield settings
        return
    server: pg.Server = request.getfixturevalue("pg_server")
    with pg.fresh_database(server) as url:
        settings = Settings.for_data_dir(data_dir, url)
        upgrade(settings)
        yield settings


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def open_vault(settings: Settings, clock: Clock) -> Iterator[Callable[[], Vault]]:
    opened: list[Vault] = []

    def make() -> Vault:
        vault = Vault.open(settings, clock=clock)
        opened.append(vault)
        return vault

    yield make
    for vault in opened:
        vault.close()
        vault.engine.dispose()


@pytest.fixture
def vault(open_vault: Callable[[], Vault]) -> Vault:
    return open_vault()


def files_containing(root: Path, needle: bytes) -> list[str]:
    """Every file under ``root`` whose bytes contain ``needle`` (the database, its WAL and journal, the key
    store and its WAL, backups, keys)."""
    hits = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and needle in path.read_bytes():
            hits.append(str(path.relative_to(root)))
    return hits
