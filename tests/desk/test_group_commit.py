"""Group commit: a batch commits once; one failing item rolls back alone; callers wait for the commit."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from sanctuary.db.group_commit import GroupCommitter
from sanctuary.db.session import create_db_engine, make_session_factory
from sanctuary.settings import Settings


def _setup(tmp_path: Path) -> tuple[Engine, GroupCommitter]:
    engine = create_db_engine(Settings.for_data_dir(tmp_path))
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (v INTEGER PRIMARY KEY)"))
    return engine, GroupCommitter(make_session_factory(engine))


def test_batch_commits_once_and_a_failure_rolls_back_alone(tmp_path: Path) -> None:
    engine, committer = _setup(tmp_path)
    results: dict[int, object] = {}

    def work_for(value: int) -> Callable[[Session], int]:
        def work(session: Session) -> int:
            if value == 0:  # hold the first batch until the others are queued behind it
                deadline = time.monotonic() + 10
                while committer._queue.qsize() < 29 and time.monotonic() < deadline:
                    time.sleep(0.001)
            session.execute(text("INSERT INTO t (v) VALUES (:v)"), {"v": value})
            if value == 13:
                raise ValueError("unlucky")
            return value
        return work

    def write(value: int) -> None:
        try:
            results[value] = committer.submit(work_for(value))
        except ValueError as exc:
            results[value] = exc

    first = threading.Thread(target=write, args=(0,))
    first.start()
    time.sleep(0.05)
    others = [threading.Thread(target=write, args=(v,)) for v in range(1, 30)]
    for thread in others:
        thread.start()
    for thread in [first, *others]:
        thread.join()
    assert isinstance(results.pop(13), ValueError)
    assert results == {v: v for v in range(30) if v != 13}
    assert (committer.batches, committer.items) == (2, 30)  # 29 requests shared the second commit
    with engine.connect() as conn:  # another connection sees 29 committed rows, not the failed one
        assert conn.execute(text("SELECT count(*) FROM t")).scalar_one() == 29
        assert conn.execute(text("SELECT count(*) FROM t WHERE v = 13")).scalar_one() == 0
    committer.close()
    engine.dispose()


def _loop_setup(tmp_path: Path) -> tuple[Engine, GroupCommitter, sessionmaker[Session]]:
    engine = create_db_engine(Settings.for_data_dir(tmp_path))
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (v INTEGER PRIMARY KEY)"))
    sessions = make_session_factory(engine)
    return engine, GroupCommitter(sessions, statements_on_loop=True), sessions


def _insert(value: int) -> Callable[[Session], int]:
    def work(session: Session) -> int:
        session.execute(text("INSERT INTO t (v) VALUES (:v)"), {"v": value})
        if value == 13:
            raise ValueError("unlucky")
        return value
    return work


def test_awaited_batches_run_on_the_loop_and_a_failure_rolls_back_alone(tmp_path: Path) -> None:
    engine, committer, _ = _loop_setup(tmp_path)

    async def main() -> list[object]:
        calls = [committer.submit_async(_insert(v)) for v in range(20)]
        return list(await asyncio.gather(*calls, return_exceptions=True))

    results = asyncio.run(main())
    assert isinstance(results[13], ValueError)
    assert [r for i, r in enumerate(results) if i != 13] == [v for v in range(20) if v != 13]
    assert (committer.batches, committer.items) == (1, 20)  # all twenty gathered into one commit
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM t")).scalar_one() == 19
    committer.close()
    engine.dispose()


def test_a_busy_write_slot_sends_the_batch_to_the_commit_thread_not_the_loop(tmp_path: Path) -> None:
    engine, committer, sessions = _loop_setup(tmp_path)
    holder = sessions()
    holder.execute(text("INSERT INTO t (v) VALUES (1000)"))  # holds this process's write slot until commit

    async def main() -> tuple[object, int]:
        ticks = 0

        async def ticker() -> None:
            nonlocal ticks
            while True:
                await asyncio.sleep(0.01)
                ticks += 1

        ticking = asyncio.create_task(ticker())
        asyncio.get_running_loop().call_later(0.3, holder.commit)  # the slot frees after 0.3 s
        result = await committer.submit_async(_insert(7))
        ticking.cancel()
        return result, ticks

    result, ticks = asyncio.run(main())
    holder.close()
    assert result == 7
    assert ticks >= 10  # the loop kept running while the batch waited for the slot
    with engine.connect() as conn:
        assert sorted(conn.execute(text("SELECT v FROM t")).scalars()) == [7, 1000]
    committer.close()
    engine.dispose()


def test_an_awaited_write_that_is_not_committed_in_time_fails_with_timeout_and_is_not_written(
        tmp_path: Path) -> None:
    engine = create_db_engine(Settings.for_data_dir(tmp_path))
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (v INTEGER PRIMARY KEY)"))
    sessions = make_session_factory(engine)
    committer = GroupCommitter(sessions, statements_on_loop=True, timeout=0.2)
    holder = sessions()
    holder.execute(text("INSERT INTO t (v) VALUES (1000)"))  # holds the write slot for 0.6 s, past the timeout

    async def main() -> tuple[float, list[dict[str, Any]]]:
        loop = asyncio.get_running_loop()
        problems: list[dict[str, Any]] = []
        loop.set_exception_handler(lambda _, context: problems.append(context))
        loop.call_later(0.6, holder.commit)
        began = time.monotonic()
        with pytest.raises(TimeoutError):
            await committer.submit_async(_insert(7))
        waited = time.monotonic() - began
        while committer.batches == 0 and time.monotonic() - began < 10:  # the batch still runs, later
            await asyncio.sleep(0.01)
        await asyncio.sleep(0.05)  # anything its end scheduled on the loop has run
        return waited, problems

    waited, problems = asyncio.run(main())
    holder.close()
    assert 0.15 <= waited < 0.55  # bounded by the committer's timeout, not by the slot's holder
    assert (committer.batches, committer.items) == (1, 0)  # the batch ran once the slot was free, without the item
    assert problems == []  # and answered no one (setting the expired caller's future again would be an error)
    with engine.connect() as conn:  # the caller was told to try again: its write must not have happened
        assert sorted(conn.execute(text("SELECT v FROM t")).scalars()) == [1000]
    committer.close()
    engine.dispose()


@pytest.mark.parametrize("awaited", [False, True], ids=["submit", "submit_async"])
def test_a_write_that_times_out_waiting_for_the_writer_thread_is_left_out_of_its_batch(
        tmp_path: Path, awaited: bool) -> None:
    """Blocking callers, and awaited ones whose batches the writer thread runs (``statements_on_loop`` off, as on
    PostgreSQL): both give up after the timeout, and the batch that reaches their item later leaves it out."""
    engine = create_db_engine(Settings.for_data_dir(tmp_path))
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (v INTEGER PRIMARY KEY)"))
    sessions = make_session_factory(engine)
    committer = GroupCommitter(sessions, timeout=0.2)
    release = threading.Event()

    def slow(session: Session) -> int:  # holds the writer thread (its batch) past the next caller's timeout
        release.wait(5)
        session.execute(text("INSERT INTO t (v) VALUES (1)"))
        return 1

    outcome: list[object] = []

    def first_caller() -> None:
        try:
            outcome.append(committer.submit(slow))
        except TimeoutError as exc:
            outcome.append(exc)

    first = threading.Thread(target=first_caller)
    first.start()
    time.sleep(0.05)
    with pytest.raises(TimeoutError):  # queued behind the slow batch; gives up after 0.2 s
        if awaited:
            asyncio.run(committer.submit_async(_insert(2)))
        else:
            committer.submit(_insert(2))
    release.set()
    first.join()
    deadline = time.monotonic() + 5
    while committer.batches < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert (committer.batches, committer.items) == (2, 1)  # the second batch ran without the expired item
    # The first caller gave up too, but while its item was already running: that item is written (only its answer
    # is lost), which is the window a bounded wait cannot close.
    assert len(outcome) == 1 and isinstance(outcome[0], TimeoutError)
    with engine.connect() as conn:
        assert sorted(conn.execute(text("SELECT v FROM t")).scalars()) == [1]
    committer.close()
    engine.dispose()
