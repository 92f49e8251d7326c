"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

# SQLAlchemy's SQLite DATETIME storage format (its default): what isoformat(" ", "microseconds") writes.
SQLITE_DATETIME_FORMAT = "%(year)04d-%(month)02d-%(day)02d %(hour)02d:%(minute)02d:%(second)02d.%(microsecond)06d"


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes in Python; naive UTC in the database (SQLite has no time zones)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return _naive_utc(value)

    def bind_processor(self, dialect: Dialect) -> Callable[[Any], Any] | None:
        """On SQLite with the default storage format, one function instead of two (this type's
        :meth:`process_bind_param`, then SQLite DATETIME's ``%`` formatting of seven fields): the same text,
        made by ``isoformat`` (``test_sqlite_bind_is_sqlalchemys``). Every other dialect: SQLAlchemy's chain."""
        if dialect.name == "sqlite" and getattr(self.impl_instance, "_storage_format", None) == SQLITE_DATETIME_FORMAT:
            return _sqlite_bind
        return super().bind_processor(dialect)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _naive_utc(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("naive datetime given to a UTC column")
    return value.astimezone(UTC).replace(tzinfo=None)


def _sqlite_bind(value: datetime | None) -> str | None:
    naive = _naive_utc(value)
    return None if naive is None else naive.isoformat(" ", "microseconds")


def utcnow() -> datetime:
    return datetime.now(UTC)
