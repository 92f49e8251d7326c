"""Fixtures shared across the suite."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.desk import pg


@pytest.fixture(scope="session")
def pg_server() -> Iterator[pg.Server]:
    """A PostgreSQL server: the one .ci/run started (SANCTUARY_TEST_POSTGRES_URL), else one started here as
    the ``postgres`` user. Skipped only outside CI when no server can be had; in CI it fails instead."""
    server = pg.from_env()
    if server is not None:
        yield server
        return
    try:
        with pg.local_server() as local:
            yield local
    except pg.PostgresUnavailable as exc:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required in CI: {exc}")
        pytest.skip(f"PostgreSQL unavailable here (outside CI, where it is required): {exc}")
