"""Run the Alembic migrations that ship inside the package (the desk's, the audit log's, the vault's).

Each feature package may keep its own revisions in ``sanctuary/<package>/migrations/versions`` (or
``sanctuary/<package>/migrations``); they are all put on Alembic's version path, so one ``upgrade head``
brings every table up to date.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from sanctuary.db.session import create_null_pool_engine
from sanctuary.settings import Settings

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
MODEL_MODULES = (
    "sanctuary.desk.models", "sanctuary.desk.agency", "sanctuary.audit.models", "sanctuary.vault.models",
    "sanctuary.collector.tables",
)


def import_model_modules() -> None:
    """Import every module that declares tables so ``metadata`` is complete (missing ones are skipped)."""
    for name in MODEL_MODULES:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name is None or not name.startswith(exc.name):
                raise


def version_locations() -> list[Path]:
    locations = [MIGRATIONS_DIR / "versions"]
    for package in sorted(p for p in PACKAGE_ROOT.iterdir() if p.is_dir() and p.name != "db"):
        for candidate in (package / "migrations" / "versions", package / "migrations"):
            if candidate.is_dir() and any(candidate.glob("[0-9]*.py")):
                locations.append(candidate)
                break
    return locations


def alembic_config(settings: Settings) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    config.set_main_option("version_locations", _join(version_locations()))
    config.set_main_option("sqlalchemy.url", settings.database_url.replace("%", "%%"))
    return config


def _join(paths: list[Path]) -> str:
    import os

    return os.pathsep.join(str(p) for p in paths)


def upgrade(settings: Settings, revision: str = "heads") -> list[str]:
    """Bring the database to ``revision``; returns the revisions that were applied."""
    config = alembic_config(settings)
    engine = create_null_pool_engine(settings)
    try:
        with engine.connect() as connection:
            before = set(MigrationContext.configure(connection).get_current_heads())
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
            connection.commit()
            after = set(MigrationContext.configure(connection).get_current_heads())
    finally:
        engine.dispose()
    script = ScriptDirectory.from_config(config)
    if before == after:
        return []
    applied = [rev.revision for rev in script.walk_revisions() if _between(script, rev.revision, before)]
    return sorted(applied) if applied else sorted(after)


def _between(script: ScriptDirectory, revision: str, before: set[str]) -> bool:
    if not before:
        return True
    ancestors: set[str] = set()
    for head in before:
        ancestors.update(r.revision for r in script.iterate_revisions(head, "base"))
    return revision not in ancestors


def current_heads(settings: Settings) -> set[str]:
    engine = create_null_pool_engine(settings)
    try:
        with engine.connect() as connection:
            return set(MigrationContext.configure(connection).get_current_heads())
    finally:
        engine.dispose()
