"""Fixtures for the atlas tests: one atlas database built into a temporary directory per session."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from sanctuary.atlas import build, store


@pytest.fixture(scope="session")
def atlas_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("atlas") / "atlas.db"
    build.build(path)
    return path


@pytest.fixture()
def conn(atlas_path: Path) -> Iterator[sqlite3.Connection]:
    c = store.connect(atlas_path)
    yield c
    c.close()
