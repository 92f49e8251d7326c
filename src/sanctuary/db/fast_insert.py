"""Single-row INSERTs for hot paths: compiled once per dialect by SQLAlchemy, run on the DB-API cursor.

``Session.execute`` spends most of a small insert's time in its execution machinery (cache keys, execution
context, result objects). :class:`FastInsert` keeps what matters from it: the SQL is SQLAlchemy's own
compilation for the connection's dialect (bind casts on PostgreSQL included), and every value goes through
the column type's own bind processor (JSON, UTC datetimes, booleans, dates), so the stored row is the one
``Session.execute(insert(table), values)`` would store. It runs on the session's connection, in the
caller's transaction. A JSON column also takes :class:`JSONText`, JSON the caller has already serialized.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import JSON, Column, Table, bindparam, insert
from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.orm import Session

Processor = Callable[[Any], Any]


class JSONText(str):
    """A JSON column's value already serialized (the canonical JSON a request or decision was hashed in):
    written as it is, instead of being serialized a second time. Any JSON reader reads it back as the value."""


def _json_text_or(process: Processor | None) -> Processor:
    def processed(value: Any) -> Any:
        if type(value) is JSONText:
            return str(value)
        return process(value) if process is not None else value

    return processed


@dataclass(frozen=True)
class _Compiled:
    sql: str
    positional: bool
    names: tuple[str, ...]
    processors: tuple[tuple[int, Processor], ...]  # (position, bind processor) of the columns that have one

    def params(self, values: Mapping[str, Any]) -> tuple[Any, ...] | dict[str, Any]:
        processed = [values[name] for name in self.names]
        for i, process in self.processors:
            processed[i] = process(processed[i])
        return tuple(processed) if self.positional else dict(zip(self.names, processed, strict=True))


class FastInsert:
    """``INSERT INTO table (every column but an autoincrement key) VALUES (...)``, optionally returning
    one column; ``with_key``: the key too (its value given, not generated). ``values`` must give every one of
    those columns (a missing one is a ``KeyError``): Python-side column defaults are not applied."""

    def __init__(self, table: Table, returning: Column[Any] | None = None, with_key: bool = False) -> None:
        self.table = table
        skipped = None if with_key else table.autoincrement_column
        self.columns = tuple(c.name for c in table.columns if c is not skipped)
        self._returning = returning
        self._compiled: dict[tuple[str, str], _Compiled] = {}

    def execute(self, session: Session, values: Mapping[str, Any], connection: Connection | None = None) -> Any:
        """Insert one row in the session's transaction; returns the ``returning`` column's value (or None).
        ``connection``: the session's ``session.connection()``, when the caller already has it."""
        if connection is None:
            connection = session.connection()
        compiled = self._compiled_for(connection.dialect)
        cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(compiled.sql, compiled.params(values))
            if self._returning is None:
                return None
            row = cursor.fetchone()
        finally:
            cursor.close()
        if row is None:
            raise RuntimeError(f"INSERT INTO {self.table.name} returned no row")
        return row[0]

    def _compiled_for(self, dialect: Dialect) -> _Compiled:
        key = (dialect.name, str(dialect.driver))
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = self._compiled[key] = self._compile(dialect)
        return compiled

    def _compile(self, dialect: Dialect) -> _Compiled:
        statement = insert(self.table).values({name: bindparam(name) for name in self.columns})
        if self._returning is not None:
            statement = statement.returning(self._returning)
        compiled = statement.compile(dialect=dialect)
        names = tuple(compiled.positiontup) if compiled.positiontup is not None else self.columns
        if set(names) != set(self.columns):
            raise RuntimeError(f"unexpected parameters in {compiled.string!r}")
        found = ((i, _processor(self.table.c[name], dialect)) for i, name in enumerate(names))
        return _Compiled(sql=compiled.string, positional=compiled.positiontup is not None, names=names,
                         processors=tuple((i, process) for i, process in found if process is not None))


def _processor(column: Column[Any], dialect: Dialect) -> Processor | None:
    """The column type's bind processor for ``dialect``; a JSON column's also takes :class:`JSONText`."""
    process = column.type.dialect_impl(dialect).bind_processor(dialect)
    return _json_text_or(process) if isinstance(column.type, JSON) else process
