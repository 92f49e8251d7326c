"""A new request's id, and what is bound to it (the keyed hashes, the sealed personal fields), whichever way it
is written: on SQLite the id is known before the row's one INSERT (read once per group-commit batch, given back
by an item that fails); elsewhere the row is inserted, then updated with them."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from sanctuary.audit.tables import audit_entries
from sanctuary.db.group_commit import GroupCommitter
from sanctuary.desk import cases
from sanctuary.desk.context import DeskContext
from sanctuary.desk.hashing import canonical, fact_hash
from sanctuary.desk.models import DeskRequest, User
from sanctuary.desk.schemas import CreateRequest

from .conftest import Account, detainer_body


def _prepared(ctx: DeskContext, account: Account, n: int) -> cases.Prepared:
    body = CreateRequest.model_validate(detainer_body(person_ref=f"case {n}", stated_purpose=f"purpose {n}"))
    with ctx.sessions() as session:
        user = session.get(User, account.id)
        assert user is not None
        return cases.prepare_request(ctx, user, body.request, body.intake)


def _storing(ctx: DeskContext, prepared: cases.Prepared, fail: bool) -> Callable[[Session], int]:
    def work(session: Session) -> int:
        stored = cases.store_request(ctx, session, prepared)
        if fail:
            raise ValueError("this item fails after writing its request")
        return stored.id
    return work


def _check_rows(ctx: DeskContext, expected: dict[int, int]) -> None:
    """Every stored request (id -> the n its personal fields were made from): its keyed hash bound to its
    id, its personal fields opening under its id, its audit entries naming it."""
    with ctx.sessions() as session:
        rows = {r.id: r for r in session.scalars(select(DeskRequest))}
        assert sorted(rows) == sorted(expected)
        logged = [r for r in session.execute(select(audit_entries.c.kind, audit_entries.c.refs)) if
                  r.kind == "request.logged"]
        for request_id, n in expected.items():
            row = rows[request_id]
            assert row.request_hash == fact_hash(ctx.audit_hmac_key, "request", request_id,
                                                 canonical(row.contract_request))
            assert cases.personal(ctx, row) == {"person_ref": f"case {n}", "stated_purpose": f"purpose {n}"}
            assert any(f'"request_id":{request_id},' in refs and row.request_hash in refs for _, refs in logged)
        assert len(logged) == len(expected)


@pytest.mark.parametrize("on_loop", [True, False], ids=["loop", "writer-thread"])
def test_a_batch_gives_dense_ids_and_a_failed_item_gives_its_id_back(
        ctx: DeskContext, users: dict[str, Account], on_loop: bool, backend: str) -> None:
    with ctx.sessions() as session:  # one request outside any batch first: the batch goes on from its id
        clerk = session.get(User, users["clerk"].id)
        assert clerk is not None
        body = CreateRequest.model_validate(detainer_body(person_ref="case 100", stated_purpose="purpose 100"))
        record, _ = cases.log_request(ctx, session, clerk, body.request, body.intake)
        session.commit()
        before = record.id
    failing = {0, 3, 4, 9}
    prepared = [_prepared(ctx, users["clerk"], n) for n in range(10)]
    committer = GroupCommitter(ctx.sessions, statements_on_loop=on_loop)

    async def main() -> list[Any]:
        calls = [committer.submit_async(_storing(ctx, p, n in failing)) for n, p in enumerate(prepared)]
        return list(await asyncio.gather(*calls, return_exceptions=True))

    results = asyncio.run(main())
    committer.close()
    assert committer.items == 10 and (committer.batches == 1 or not on_loop)  # the writer thread may split them
    kept = [n for n in range(10) if n not in failing]
    assert all(isinstance(results[n], ValueError) for n in failing)
    ids = [results[n] for n in kept]
    if backend == "sqlite":  # the ids SQLite itself gives: dense, in order
        assert ids == list(range(before + 1, before + 1 + len(kept)))
    else:  # a PostgreSQL sequence does not give back the ids of rolled-back rows: increasing, not dense
        assert ids == sorted(set(ids)) and ids[0] > before
    _check_rows(ctx, {before: 100, **{results[n]: n for n in kept}})
    # and the next write, in a batch or not, goes on from the largest id
    with ctx.sessions() as session:
        clerk = session.get(User, users["clerk"].id)
        assert clerk is not None
        record, _ = cases.log_request(ctx, session, clerk, body.request, body.intake)
        session.commit()
        assert (record.id == ids[-1] + 1) if backend == "sqlite" else (record.id > ids[-1])


def test_the_row_is_the_same_whether_its_id_is_known_before_the_insert_or_not(
        ctx: DeskContext, users: dict[str, Account], monkeypatch: pytest.MonkeyPatch, backend: str) -> None:
    written: list[dict[str, Any]] = []
    for known in (True, False):
        if not known:  # the path PostgreSQL takes (and any driver but SQLite's): INSERT, then UPDATE
            monkeypatch.setattr(cases, "_known_id", lambda session, connection: None)
        prepared = _prepared(ctx, users["clerk"], 7)
        with ctx.sessions() as session:
            statements: list[str] = []
            dbapi = session.connection().connection.dbapi_connection
            if backend == "sqlite":  # every statement SQLite runs for this write
                dbapi.set_trace_callback(statements.append)  # type: ignore[union-attr]
            stored = cases.store_request(ctx, session, prepared)
            session.commit()
            if backend == "sqlite":
                dbapi.set_trace_callback(None)  # type: ignore[union-attr]
                touched = [s.split("(")[0].split(" SET ")[0].strip().upper() for s in statements
                           if "DESK_REQUESTS" in s.upper() and not s.upper().startswith("SELECT")]
                # known: one INSERT with everything; not known: the INSERT, then the UPDATE with the hash and seal
                assert touched == (["INSERT INTO DESK_REQUESTS"] if known else
                                   ["INSERT INTO DESK_REQUESTS", "UPDATE DESK_REQUESTS"])
        with ctx.sessions() as session:
            row = session.get(DeskRequest, stored.id)
            assert row is not None
            written.append({c.name: getattr(row, c.name) for c in DeskRequest.__table__.columns})
    _check_rows(ctx, {written[0]["id"]: 7, written[1]["id"]: 7})
    assert written[1]["id"] == written[0]["id"] + 1
    differ = {"id", "request_hash", "sealed_intake", "sealed_key", "created_at", "received_at"}
    assert {k: v for k, v in written[0].items() if k not in differ} == \
        {k: v for k, v in written[1].items() if k not in differ}
    assert written[0]["sealed_key_id"] is not None
