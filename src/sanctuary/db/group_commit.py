"""Group commit: many requests' writes share one transaction and one fsync, and each caller still gets its
answer only after that commit is durable.

A single writer thread takes whatever work is queued (up to ``max_batch`` items), runs each item in its own
SAVEPOINT (a failing item rolls back alone and gets its exception), commits once, then wakes every caller.
While one batch is being committed, the next one queues up, so under load the cost of ``synchronous=FULL``
is paid once per batch rather than once per request.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from sqlalchemy.orm import Session, sessionmaker

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
            for work, future in batch:
                try:
                    with session.begin_nested():
                        outcomes.append((future, True, work(session)))
                except Exception as exc:  # this item alone is rolled back to its savepoint
                    outcomes.append((future, False, exc))
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
