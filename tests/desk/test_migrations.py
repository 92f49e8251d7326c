"""The migrations form one line (0001 … 0006, one head) that upgrades to the models and downgrades to nothing,
on SQLite and on PostgreSQL, and upgrades again after the downgrade."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from sanctuary.db.base import metadata
from sanctuary.db.migrate import alembic_config, current_heads, import_model_modules, upgrade
from sanctuary.db.session import create_null_pool_engine
from sanctuary.settings import Settings
from tests.desk import pg

CHAIN = ["0001_desk", "0002_audit", "0003_security", "0004_accounts", "0005_vault", "0006_lifecycle",
         "0007_collector", "0008_agency"]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    if request.param == "sqlite":
        yield Settings.for_data_dir(tmp_path / "var")
        return
    server: pg.Server = request.getfixturevalue("pg_server")
    with pg.fresh_database(server) as url:
        yield Settings(data_dir=tmp_path / "var", database_url=url)


def test_one_line_of_revisions() -> None:
    script = ScriptDirectory.from_config(alembic_config(Settings.for_data_dir(Path("/nonexistent"))))
    assert script.get_heads() == [CHAIN[-1]]
    walked = [rev.revision for rev in script.walk_revisions()]  # head first
    assert walked == CHAIN[::-1]


def test_upgrade_matches_the_models_then_downgrades_to_nothing_and_up_again(settings: Settings) -> None:
    assert upgrade(settings) == CHAIN
    assert current_heads(settings) == {CHAIN[-1]}
    import_model_modules()
    engine = create_null_pool_engine(settings)
    try:
        with engine.connect() as conn:
            diffs = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)
        assert [d for d in diffs if "alembic_version" not in repr(d)] == []
        config = alembic_config(settings)
        with engine.connect() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "base")
            conn.commit()
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    finally:
        engine.dispose()
    assert current_heads(settings) == set()
    assert upgrade(settings) == CHAIN
