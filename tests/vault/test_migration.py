"""Migration 0005_vault creates exactly the tables the vault declares, and its downgrade removes them."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from sanctuary.db.base import metadata
from sanctuary.db.migrate import alembic_config, import_model_modules, upgrade
from sanctuary.db.session import create_null_pool_engine
from sanctuary.settings import Settings

OURS = {"vault_records", "vault_holds", "vault_shreds"}


def test_upgrade_matches_the_tables_and_downgrade_removes_them(tmp_path: Path) -> None:
    settings = Settings.for_data_dir(tmp_path / "var")
    assert "0005_vault" in upgrade(settings)
    import_model_modules()
    engine = create_null_pool_engine(settings)
    try:
        assert set(inspect(engine).get_table_names()) >= OURS
        with engine.connect() as conn:
            diffs = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)
        assert [d for d in diffs if any(t in repr(d) for t in OURS)] == []
        config = alembic_config(settings)
        with engine.connect() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0002_audit")
            conn.commit()
        assert not OURS & set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
