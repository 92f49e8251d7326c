"""Group commit: many requests' writes share one transaction and one fsync, and each caller still gets its
answer only after that commit is durable.

A single writer thread takes whatever work is queued (up to ``max_batch`` items), runs each item in its own
SAVEPOINT (a failing item rolls back alone and gets its exception), commits once, then wakes every caller.
While one batch is being committed, the next one queues up, so under load the cost of ``synchronous=FULL``
is paid once per batch rather than once per request.

Work in a batch finds the batch in ``session.info[BATCH_KEY]`` (:class:`Batch`): a writer may defer its writes
to the end of the batch (the audit log writes its entries and its head once per batch, not once per request),
undone with an item that fails and flushed before the COMMIT, in the same transaction.

Callers either block (:meth:`GroupCommitter.submit`, from a worker thread) or await
(:meth:`GroupCommitter.submit_async`, from the event loop: no worker thread is held while waiting).
Either wait is bounded (``timeout``): a caller that gives up gets ``TimeoutError`` (the desk answers 503, try
again), and its item is left out of a batch that has not reached it yet, so that the retry is not a second copy.
Savepoints are plain SQL on the session's own DB-API connection (SQLite and PostgreSQL both speak it);
each item is flushed inside its savepoint, and a failed item's ORM objects are dropped from the session.

With ``statements_on_loop`` (SQLite: each statement is a few microseconds of local work), awaited batches run
their statements on the event loop and hand only the COMMIT, whose fsync is the slow part, to a commit
thread; the next batch gathers meanwhile. One hand-over per batch instead of the writer thread and the
event loop trading the GIL around every statement. If the process's write slot is taken (another
transaction is open), that batch goes to the commit thread whole and waits there, never on the loop.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Protocol, TypeVar

from sqlalchemy.orm import Session, sessionmaker

from sanctuary.db.session import WriterBusy, writer_no_wait

SAVEPOINT = "SAVEPOINT group_item"
RELEASE = "RELEASE SAVEPOINT group_item"
ROLLBACK_TO = "ROLLBACK TO SAVEPOINT group_item"

T = TypeVar("T")
P = TypeVar("P", bound="BatchPart")
_STOP = object()
BATCH_KEY = "sanctuary.group_commit.batch"  # session.info key of the running batch (read by sanctuary.audit.log)
# A caller's future: a concurrent one (submit, and awaited calls handed to the writer thread), or, for awaited
# calls whose batch runs on the event loop, one of that loop (set there directly: no thread-safe wake-up of the
# loop per caller, which cost more than the rest of the hand-over).
Waiter = Future[Any] | asyncio.Future[Any]
Item = tuple[Callable[[Session], Any], Waiter]
Outcome = tuple[Waiter, bool, Any]


class BatchPart(Protocol):
    def mark(self) -> None:
        """An item starts: remember the state to go back to if it fails."""

    def undo(self) -> None:
        """The item failed (its savepoint is rolled back): back to the state of the last :meth:`mark`."""

    def flush(self, session: Session) -> None:
        """After the batch's last item, before its COMMIT, in its transaction: write what was deferred."""


class Batch:
    """What a batch offers the work it runs, as ``session.info[BATCH_KEY]``: a writer that would rather write
    once per batch than once per item (the audit log: one head update for all of a batch's entries) registers
    a :class:`BatchPart`. Every part is marked before each item and undone when that item fails, as the item's
    savepoint is rolled back; all are flushed after the last item, before the COMMIT, in the same transaction
    (a failing flush fails the whole batch, and nothing of it is committed)."""

    def __init__(self) -> None:
        self.parts: dict[str, BatchPart] = {}

    def part(self, key: str, make: Callable[[], P]) -> P:
        """The part under ``key``, made (and marked) on first use in the batch."""
        found = self.parts.get(key)
        if found is None:
            found = self.parts[key] = made = make()
            made.mark()
            return made
        return found  # type: ignore[return-value]


class GroupCommitter:
    def __init__(self, sessions: sessionmaker[Session], max_batch: int = 64, timeout: float = 60.0,
                 statements_on_loop: bool = False) -> None:
        self._sessions = sessions
        self._max_batch = max_batch
        self._timeout = timeout
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self._statements_on_loop = statements_on_loop
        self._pending: list[Item] = []
        self._driver: asyncio.AbstractEventLoop | None = None  # the loop whose task is writing batches
        self._driver_task: asyncio.Task[None] | None = None
        self._commit_thread: ThreadPoolExecutor | None = None
        self.batches = 0
        self.items = 0

    def submit(self, work: Callable[[Session], T]) -> T:
        """Run ``work(session)`` in the next batch; returns its result once the batch is committed."""
        self._ensure_started()
        future: Future[T] = Future()
        self._queue.put((work, future))
        try:
            return future.result(timeout=self._timeout)
        except TimeoutError:
            future.cancel()  # a batch that reaches it later leaves it out (see _run_items)
            raise

    async def submit_async(self, work: Callable[[Session], T]) -> T:
        """As :meth:`submit`, awaited on the event loop instead of blocking a thread."""
        loop = asyncio.get_running_loop()
        if self._statements_on_loop and self._driver in (None, loop):
            waiter: asyncio.Future[T] = loop.create_future()
            self._pending.append((work, waiter))
            if self._driver is None:
                self._driver = loop
                self._driver_task = loop.create_task(self._drive())
            # Bounded like the thread's ``future.result(timeout=...)``: the waiter itself fails with TimeoutError
            # (one timer handle; ``asyncio.timeout``'s context manager cost several times more per call). An
            # expired caller's item is left out of a batch that has not reached it yet (``_run_items``), and is
            # not answered by one that has (``_set`` skips a done future).
            expiry = loop.call_later(self._timeout, _expire, waiter)
            try:
                return await waiter
            finally:
                expiry.cancel()
        future: Future[T] = Future()
        self._ensure_started()
        self._queue.put((work, future))
        async with asyncio.timeout(self._timeout):
            return await asyncio.wrap_future(future)

    def close(self) -> None:
        if self._thread is not None:
            self._queue.put(_STOP)
            self._thread.join(timeout=self._timeout)
            self._thread = None
        if self._commit_thread is not None:
            self._commit_thread.shutdown(wait=True)
            self._commit_thread = None

    # -- batches written from the event loop ---------------------------------------------------------------

    async def _drive(self) -> None:
        try:
            await asyncio.sleep(0)  # requests the loop is already handling join the first batch
            while self._pending:
                batch = self._pending[: self._max_batch]
                del self._pending[: len(batch)]
                await self._commit_on_loop(batch)
        finally:
            self._driver = None
            self._driver_task = None

    def _in_commit_thread(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        if self._commit_thread is None:
            self._commit_thread = ThreadPoolExecutor(1, thread_name_prefix="sanctuary-commit")
        return self._commit_thread.submit(fn, *args)

    async def _commit_on_loop(self, batch: list[Item]) -> None:
        session = self._sessions()
        try:
            with writer_no_wait():
                session.connection()  # BEGIN (IMMEDIATE on SQLite), or WriterBusy
        except WriterBusy:
            session.close()
            # Waits for the slot there, not on the loop (the holder may be a coroutine of this loop).
            await asyncio.wrap_future(self._in_commit_thread(self._commit, batch))
            return
        except BaseException as exc:
            session.close()
            _fail(batch, exc)
            if not isinstance(exc, Exception):
                raise
            return
        try:
            outcomes = _run_items(session, batch)
            committing = self._in_commit_thread(session.commit)
            try:
                await asyncio.wrap_future(committing)
            except asyncio.CancelledError:  # shutting down: the COMMIT is under way, finish it first
                committing.result()
                self._settle(outcomes)
                raise
        except BaseException as exc:
            session.rollback()
            _fail(batch, exc)
            if not isinstance(exc, Exception):
                raise
            return
        finally:
            session.close()
        self._settle(outcomes)

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

    # -- batches written by the writer thread ---------------------------------------------------------------

    def _commit(self, batch: list[Item]) -> None:
        session = self._sessions()
        try:
            outcomes = _run_items(session, batch)
            session.commit()
        except BaseException as exc:
            session.rollback()
            _fail(batch, exc)
            if not isinstance(exc, Exception):
                raise
            return
        finally:
            session.close()
        self._settle(outcomes)

    def _settle(self, outcomes: list[Outcome]) -> None:
        """After the commit: count the batch and answer every caller."""
        self.batches += 1
        self.items += len(outcomes)
        for future, ok, value in outcomes:
            _answer(future, ok, value)


def _set(future: Waiter, ok: bool, value: Any) -> None:
    if not future.done():  # a caller that gave up (timed out, cancelled) is not answered
        if ok:
            future.set_result(value)
        else:
            future.set_exception(value)


def _expire(waiter: asyncio.Future[Any]) -> None:
    if not waiter.done():
        waiter.set_exception(TimeoutError("the write was not committed in time"))


def _answer(future: Waiter, ok: bool, value: Any) -> None:
    """Answer a caller from any thread (a loop's future is set on its loop)."""
    if isinstance(future, asyncio.Future):
        loop = future.get_loop()
        if asyncio._get_running_loop() is not loop:
            loop.call_soon_threadsafe(_set, future, ok, value)
            return
    _set(future, ok, value)


def _fail(batch: list[Item], exc: BaseException) -> None:
    for _, future in batch:
        _answer(future, False, exc)


def _run_items(session: Session, batch: list[Item]) -> list[Outcome]:
    """Every item of the batch in its own savepoint, in the session's open transaction; then the batch's
    deferred writes (:class:`Batch`)."""
    cursor = session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    running = session.info[BATCH_KEY] = Batch()
    try:
        # An item whose caller stopped waiting before its turn (timed out: told 503, try again; or cancelled) is
        # left out: written anyway, the caller's retry would log the request twice. (One whose caller gives up
        # while its batch commits is written; only the answer is lost.)
        outcomes = [(future, *_run_item(session, cursor, running, work)) for work, future in batch
                    if not future.done()]
        for part in running.parts.values():
            part.flush(session)
        return outcomes
    finally:
        session.info.pop(BATCH_KEY, None)
        cursor.close()


def _run_item(session: Session, cursor: Any, running: Batch, work: Callable[[Session], Any]) -> tuple[bool, Any]:
    """One item in its own savepoint: ``(True, result)``, or ``(False, exception)`` after rolling it back."""
    cursor.execute(SAVEPOINT)
    for part in running.parts.values():
        part.mark()
    try:
        value = work(session)
        session.flush()
    except Exception as exc:  # this item alone is rolled back to its savepoint
        cursor.execute(ROLLBACK_TO)
        cursor.execute(RELEASE)
        for part in running.parts.values():
            part.undo()
        session.expunge_all()
        return False, exc
    cursor.execute(RELEASE)
    return True, value
