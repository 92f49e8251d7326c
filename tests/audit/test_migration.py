"""Migration 0002_audit creates exactly the tables the code declares, with the head row, and downgrades."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import inspect

from sanctuary.audit.log import AuditLog
from sanctuary.db.base import metadata
from sanctuary.db.migrate import alembic_config, import_model_modules, upgrade
from sanctuary.db.session import create_null_pool_engine, make_session_factory
from sanctuary.settings import Settings

OURS = {"audit_head", "audit_entries", "audit_nodes", "audit_checkpoints", "report_custody_outcomes"}


def test_upgrade_matches_the_models_and_downgrade_removes_them(tmp_path: Path) -> None:
    settings = Settings.for_data_dir(tmp_path / "var")
    assert {"0001_desk", "0002_audit"} <= set(upgrade(settings))
    import_model_modules()
    engine = create_null_pool_engine(settings)
    try:
        with engine.connect() as conn:
            diffs = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)
        ours = [d for d in diffs if any(t in repr(d) for t in OURS)]
        assert ours == []
        log = AuditLog(Ed25519PrivateKey.generate())
        with make_session_factory(engine)() as session, session.begin():
            assert log.append(session, "account.created", {"user_id": 1, "role": "admin"}) == 0
        config = alembic_config(settings)
        with engine.connect() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, "0001_desk")
            conn.commit()
        assert not OURS & set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
