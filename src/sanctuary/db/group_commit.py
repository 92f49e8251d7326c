"""Group commit: many requests' writes share one transaction and one fsync, and each caller still gets its
answer only after that commit is durable.

A single writer thread takes whatever work is queued (up to ``max_batch`` items), runs each item in its own
SAVEPOINT (a failing item rolls back alone and gets its exception), commits once, then wakes every caller.
While one batch is being committed, the next one queues up, so under load the cost of ``synchronous=FULL``
is paid once per batch rather than once per request.

Callers either block (:meth:`GroupCommitter.submit`, from a worker thread) or await
(:meth:`GroupCommitter.submit_async`, from the event loop: no worker thread is held while waiting).
Savepoints are plain SQL on the session's own DB-API connection (SQLite and PostgreSQL both speak it);
each item is flushed inside its savepoint, and a failed item's ORM objects are dropped from the session.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from sqlalchemy.orm import Session, sessionmaker

SAVEPOINT = "SAVEPOINT group_item"
RELEASE = "RELEASE SAVEPOINT group_item"
ROLLBACK_TO = "ROLLBACK TO SAVEPOINT group_item"

T = TypeVar("T")
_STOP = object()


class GroupCommitter:
    def __init__(self, sessions: sessionmaker[Session], max_batch: int = 64, timeout: float = 60.0) -> None:
        self._sessions = sessions
        self._max_batch = max_batch
        self._timeout = timeout
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self.batches = 0
        self.items = 0

    def submit(self, work: Callable[[Session], T]) -> T:
        """Run ``work(session)`` in the next batch; returns its result once the batch is committed."""
        self._ensure_started()
        future: Future[T] = Future()
        self._queue.put((work, future))
        return future.result(timeout=self._timeout)

    async def submit_async(self, work: Callable[[Session], T]) -> T:
        """As :meth:`submit`, awaited on the event loop instead of blocking a thread."""
        self._ensure_started()
        future: Future[T] = Future()
        self._queue.put((work, future))
        async with asyncio.timeout(self._timeout):
            return await asyncio.wrap_future(future)

    def close(self) -> None:
        if self._thread is not None:
            self._queue.put(_STOP)
            self._thread.join(timeout=self._timeout)
            self._thread = None

    def _ensure_started(self) -> None:
        if self._thread is None:
            with self._start_lock:
                if self._thread is None:
                    self._thread = threading.Thread(target=self._run, name="sanctuary-group-commit", daemon=True)
                    self._thread.start()

    def _run(self) -> None:
        while True:
            item = self._queue.get()
            if item is _STOP:
                return
            batch = [item]
            stop = False
            while len(batch) < self._max_batch:
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is _STOP:
                    stop = True
                    break
                batch.append(more)
            self._commit(batch)
            if stop:
                return

    def _commit(self, batch: list[tuple[Callable[[Session], Any], Future[Any]]]) -> None:
        outcomes: list[tuple[Future[Any], bool, Any]] = []
        session = self._sessions()
        try:
            cursor = session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
            try:
                for work, future in batch:
                    ok, value = _run_item(session, cursor, work)
                    outcomes.append((future, ok, value))
            finally:
                cursor.close()
            session.commit()
        except BaseException as exc:
            session.rollback()
            for _, future in batch:
                if not future.done():
                    future.set_exception(exc)
            if not isinstance(exc, Exception):
                raise
            return
        finally:
            session.close()
        self.batches += 1
        self.items += len(batch)
        for future, ok, value in outcomes:
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)


def _run_item(session: Session, cursor: Any, work: Callable[[Session], Any]) -> tuple[bool, Any]:
    """One item in its own savepoint: ``(True, result)``, or ``(False, exception)`` after rolling it back."""
    cursor.execute(SAVEPOINT)
    try:
        value = work(session)
        session.flush()
    except Exception as exc:  # this item alone is rolled back to its savepoint
        cursor.execute(ROLLBACK_TO)
        cursor.execute(RELEASE)
        session.expunge_all()
        return False, exc
    cursor.execute(RELEASE)
    return True, value
