"""Alembic environment: runs on the connection handed over by :mod:`sanctuary.db.migrate`."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from sanctuary.db.base import metadata
from sanctuary.db.migrate import import_model_modules

import_model_modules()
config = context.config


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("run migrations through `sanctuary db migrate` (sanctuary.db.migrate.upgrade)")
    _run(connection)


if context.is_offline_mode():
    raise RuntimeError("offline migrations are not supported")
run_migrations_online()
