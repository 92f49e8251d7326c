"""Column types: UTCDateTime's one-step SQLite bind gives the text SQLAlchemy's own two steps give."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Column, Integer, MetaData, Table, create_engine, insert, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.types import TypeDecorator

from sanctuary.db.types import UTCDateTime

_ZONES = st.builds(lambda minutes: timezone(timedelta(minutes=minutes)), st.integers(-23 * 60 - 59, 23 * 60 + 59))
_AWARE = st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=_ZONES)


def _sqlalchemys_chain(dialect: object) -> object:
    """SQLAlchemy's own bind processor for the column (process_bind_param, then the dialect's DATETIME)."""
    impl = UTCDateTime().dialect_impl(dialect)  # type: ignore[arg-type]
    return TypeDecorator.bind_processor(impl, dialect)  # type: ignore[arg-type]


@given(_AWARE)
def test_sqlite_bind_is_sqlalchemys(value: datetime) -> None:
    dialect = sqlite.dialect()
    ours = UTCDateTime().dialect_impl(dialect).bind_processor(dialect)
    chain = _sqlalchemys_chain(dialect)
    assert ours is not None and chain is not None
    assert ours(value) == chain(value)  # type: ignore[operator]


def test_sqlite_bind_refuses_naive_and_passes_none() -> None:
    dialect = sqlite.dialect()
    ours = UTCDateTime().dialect_impl(dialect).bind_processor(dialect)
    assert ours is not None and ours(None) is None
    with pytest.raises(ValueError, match="naive"):
        ours(datetime(2026, 3, 1, 9, 30))


def test_other_dialects_keep_sqlalchemys_chain() -> None:
    dialect = postgresql.dialect()  # type: ignore[no-untyped-call]
    processor = UTCDateTime().dialect_impl(dialect).bind_processor(dialect)
    assert processor is not None
    assert processor(datetime(2026, 3, 1, 9, 30, tzinfo=timezone(timedelta(hours=-6)))) == datetime(2026, 3, 1, 15, 30)


def test_a_stored_time_reads_back_as_the_same_instant() -> None:
    table = Table("t", MetaData(), Column("id", Integer, primary_key=True), Column("at", UTCDateTime()))
    engine = create_engine("sqlite://")
    table.metadata.create_all(engine)
    chicago = datetime(2026, 1, 1, 3, 0, 0, 5, tzinfo=timezone(timedelta(hours=-6)))
    with engine.begin() as connection:
        connection.execute(insert(table), [{"id": 1, "at": chicago}])
        assert connection.execute(text("SELECT at FROM t")).scalar_one() == "2026-01-01 09:00:00.000005"
        assert connection.execute(select(table.c.at)).scalar_one() == chicago.astimezone(UTC)


def test_fast_insert_writes_json_text_as_it_is_and_serializes_the_rest() -> None:
    from sqlalchemy import JSON
    from sqlalchemy.orm import Session

    from sanctuary.db.fast_insert import FastInsert, JSONText

    table = Table("j", MetaData(), Column("id", Integer, primary_key=True), Column("doc", JSON()))
    engine = create_engine("sqlite://")
    table.metadata.create_all(engine)
    insert_row = FastInsert(table, returning=table.c.id)
    with Session(engine) as session:
        first = insert_row.execute(session, {"doc": JSONText('{"b":[1,2],"a":"é"}')})
        second = insert_row.execute(session, {"doc": {"b": [1, 2], "a": "é"}})
        third = insert_row.execute(session, {"doc": "plain text is a JSON string"})
        stored = dict(session.execute(text("SELECT id, doc FROM j")).all())
        assert stored[first] == '{"b":[1,2],"a":"é"}'  # exactly the text given
        assert stored[third] == '"plain text is a JSON string"'  # a str that is not JSONText is a value
        values = dict(session.execute(select(table.c.id, table.c.doc)).all())
        assert values[first] == values[second] == {"b": [1, 2], "a": "é"}
