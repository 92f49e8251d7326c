"""Appends in a group-commit batch: written once per batch, an item that fails undone with its savepoint."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from sanctuary.audit import log as audit_log
from sanctuary.audit.log import AuditLog
from sanctuary.audit.tables import audit_entries
from sanctuary.db import group_commit
from sanctuary.db.group_commit import GroupCommitter

from .conftest import fill


def test_the_batch_key_is_the_committers() -> None:
    assert audit_log.BATCH_KEY == group_commit.BATCH_KEY


def _appending(log: AuditLog, n: int, fail: bool = False) -> Callable[[Session], list[int]]:
    def work(session: Session) -> list[int]:
        indices = log.append_many(session, [("request.logged", {"request_id": n}),
                                            ("request.decided", {"request_id": n, "outcome": "forbidden"})])
        if fail:
            raise ValueError("this item fails after appending")
        return indices
    return work


def _batches(session_factory: sessionmaker[Session], log: AuditLog, on_loop: bool) -> None:
    fill(session_factory, log, 3)  # a log with a head and a few entries already
    committer = GroupCommitter(session_factory, statements_on_loop=on_loop)
    failing = {2, 5, 6, 11}

    async def main() -> list[object]:
        calls = [committer.submit_async(_appending(log, n, n in failing)) for n in range(12)]
        return list(await asyncio.gather(*calls, return_exceptions=True))

    results = asyncio.run(main())
    committer.close()
    kept = [n for n in range(12) if n not in failing]
    assert all(isinstance(results[n], ValueError) for n in failing)
    assert [results[n] for n in kept] == [[3 + 2 * i, 4 + 2 * i] for i in range(len(kept))]  # dense, in order
    with session_factory() as session:
        assert log.size(session) == 3 + 2 * len(kept)
        refs = list(session.execute(select(audit_entries.c.refs).order_by(audit_entries.c.idx)).scalars())
        assert refs[3::2] == [f'{{"request_id":{n}}}' for n in kept]
        report = log.verify(session)
        assert report.ok, report.problems
        log.checkpoint(session)
        session.commit()
        assert log.verify(session).ok
    # and the next batch goes on from there
    committer = GroupCommitter(session_factory, statements_on_loop=on_loop)
    assert asyncio.run(committer.submit_async(_appending(log, 99))) == [3 + 2 * len(kept), 4 + 2 * len(kept)]
    committer.close()


def test_appends_in_batches_on_the_loop(session_factory: sessionmaker[Session], log: AuditLog) -> None:
    _batches(session_factory, log, on_loop=True)


def test_appends_in_batches_on_the_writer_thread(session_factory: sessionmaker[Session], log: AuditLog) -> None:
    _batches(session_factory, log, on_loop=False)


def test_a_batch_whose_every_item_fails_writes_nothing(session_factory: sessionmaker[Session],
                                                       log: AuditLog) -> None:
    fill(session_factory, log, 2)
    committer = GroupCommitter(session_factory, statements_on_loop=True)

    async def main() -> list[object]:
        return list(await asyncio.gather(*(committer.submit_async(_appending(log, n, True)) for n in range(3)),
                                         return_exceptions=True))

    assert all(isinstance(r, ValueError) for r in asyncio.run(main()))
    committer.close()
    with session_factory() as session:
        assert log.size(session) == 2 and log.verify(session).ok
