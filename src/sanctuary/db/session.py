"""Engine and session creation from settings. SQLite runs in WAL mode with ``synchronous=FULL``."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

import msgspec
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from sanctuary.settings import Settings

T = TypeVar("T")


# Every engine is made with ``hide_parameters=True``: a database error's text never carries the values of
# the statement (names, free text), wherever it ends up.


def json_dumps(value: Any) -> str:
    """How JSON columns are written: compact UTF-8 JSON by msgspec (several times faster than ``json.dumps``
    on a decision); any JSON reader reads it back, and nothing hashes the stored text."""
    return msgspec.json.encode(value).decode()


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Autocommit at the driver level: SQLAlchemy's "begin" event below issues BEGIN IMMEDIATE itself.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # WAL + FULL: a transaction acknowledged by COMMIT is on disk before the 201 leaves the server.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={int(WRITE_SLOT_TIMEOUT * 1000)}")
    cursor.close()


def _begin_immediate(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


_NO_WAIT: ContextVar[bool] = ContextVar("sanctuary_writer_no_wait", default=False)


class WriterBusy(Exception):
    """The process's SQLite write slot is taken and the caller asked not to wait for it."""


# Every wait for the database is bounded: a request that cannot get a connection, the write slot or a row
# lock within these limits is answered 503 with Retry-After (``sanctuary.web.app``), never left hanging.
WRITE_SLOT_TIMEOUT = 10.0  # seconds a transaction waits for the process's SQLite write slot
POOL_TIMEOUT = 10.0  # seconds a request waits for a pooled connection
PG_LOCK_TIMEOUT_MS = 10_000  # PostgreSQL: longest wait for a row or table lock (lock_timeout)
PG_STATEMENT_TIMEOUT_MS = 30_000  # PostgreSQL: longest statement (statement_timeout)
RETRY_AFTER_SECONDS = 2


class DatabaseBusy(Exception):
    """The database did not give this request what it needed within its bound (answered 503)."""

    retry_after = RETRY_AFTER_SECONDS


@contextmanager
def writer_no_wait() -> Iterator[None]:
    """Transactions begun inside this block raise :class:`WriterBusy` instead of queueing for the write slot
    (for code on the event loop, which must not block on a slot another coroutine may be holding)."""
    token = _NO_WAIT.set(True)
    try:
        yield
    finally:
        _NO_WAIT.reset(token)


RETRYABLE_SQLSTATES = ("40P01", "40001")  # deadlock detected, serialization failure: the transaction may rerun


def is_retryable(exc: BaseException) -> bool:
    """PostgreSQL chose this transaction as a deadlock's or a serialization conflict's victim: run it again."""
    return getattr(getattr(exc, "orig", None), "sqlstate", None) in RETRYABLE_SQLSTATES


def retrying(work: Callable[[], T], attempts: int = 3) -> T:
    """Run a whole transaction (``work`` opens and ends it), again if the database aborted it as a deadlock
    victim; the last failure is raised (answered 503 with Retry-After)."""
    for attempt in range(attempts):
        try:
            return work()
        except OperationalError as exc:
            if attempt == attempts - 1 or not is_retryable(exc):
                raise
    raise AssertionError("unreachable")


class _WriterGate:
    """One SQLite transaction at a time per process, queued on a lock instead of SQLite's busy handler.

    Every transaction is ``BEGIN IMMEDIATE`` (it holds the database write lock), so only one can run anyway;
    waiting on SQLite's busy handler means sleeping in growing steps (up to 100 ms), which turns contention
    into long tails. Threads of this process queue here instead and take the lock in FIFO-ish order; other
    processes (CLI commands) still meet the busy timeout.
    """

    def __init__(self, timeout: float | None = None) -> None:
        self._lock = threading.Lock()
        self._timeout = WRITE_SLOT_TIMEOUT if timeout is None else timeout

    def begin(self, conn: Any) -> None:
        if _NO_WAIT.get():
            if not self._lock.acquire(blocking=False):
                raise WriterBusy("another transaction of this process holds the write slot")
        elif not self._lock.acquire(timeout=self._timeout):
            raise DatabaseBusy(f"database busy: no write slot within {self._timeout:g} s")
        try:
            _begin_immediate(conn)
        except BaseException:
            self._lock.release()
            raise
        conn.info["sanctuary_gate"] = True

    def _end(self, conn: Any, commit: bool) -> None:
        # These events fire *before* SQLAlchemy asks the driver to commit or roll back, so finish the
        # transaction here and only then open the gate; the driver's own call is then a no-op
        # (the sqlite3 connection is in autocommit mode outside our explicit BEGIN).
        if not conn.info.pop("sanctuary_gate", False):
            return
        try:
            driver = conn.connection.driver_connection
            driver.commit() if commit else driver.rollback()
        finally:
            self._lock.release()

    def commit(self, conn: Any) -> None:
        self._end(conn, commit=True)

    def rollback(self, conn: Any) -> None:
        self._end(conn, commit=False)

    def install(self, engine: Engine) -> None:
        event.listen(engine, "begin", self.begin)
        event.listen(engine, "commit", self.commit)
        event.listen(engine, "rollback", self.rollback)


# SQLite connections beyond the pool's steady size: as many as the thread pool that runs blocking handlers
# (anyio's default 40 threads), so a thread never waits for a connection (they are cheap: a file handle).
# PostgreSQL keeps 10 + 10 per worker (its server has a connection limit); a wait there is bounded by
# POOL_TIMEOUT, and no handler holds a connection after it returns.
MAX_OVERFLOW = 40


def create_db_engine(settings: Settings) -> Engine:
    """The application's engine. SQLite files live in the data dir, which is created on demand."""
    if settings.is_sqlite:
        settings.ensure_data_dir()
        engine = create_engine(
            settings.database_url,
            connect_args={"check_same_thread": False, "timeout": WRITE_SLOT_TIMEOUT},
            pool_size=8,
            max_overflow=MAX_OVERFLOW,
            pool_timeout=POOL_TIMEOUT,
            json_serializer=json_dumps, hide_parameters=True,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        _WriterGate().install(engine)
        return engine
    return create_engine(settings.database_url, pool_pre_ping=True, pool_size=10, max_overflow=10,
                         pool_timeout=POOL_TIMEOUT, json_serializer=json_dumps, hide_parameters=True,
                         connect_args=_pg_connect_args(settings.database_url))


def _pg_connect_args(url: str) -> dict[str, Any]:
    """PostgreSQL sessions with bounded lock waits and statements (psycopg passes ``options`` on connect)."""
    if not url.startswith("postgresql"):
        return {}
    return {"options": f"-c lock_timeout={PG_LOCK_TIMEOUT_MS} -c statement_timeout={PG_STATEMENT_TIMEOUT_MS}"}


def create_read_engine(settings: Settings) -> Engine | None:
    """SQLite: a second engine for short reads (token and session lookups) that never takes the write lock;
    in WAL mode readers neither wait for nor block the writer. Other databases: None (use the main engine)."""
    if not settings.is_sqlite:
        return None
    engine = create_engine(settings.database_url,
                           connect_args={"check_same_thread": False, "timeout": WRITE_SLOT_TIMEOUT},
                           pool_size=8, max_overflow=MAX_OVERFLOW, pool_timeout=POOL_TIMEOUT,
                           json_serializer=json_dumps, hide_parameters=True)
    event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def create_null_pool_engine(settings: Settings) -> Engine:
    """A short-lived engine for migrations and one-off commands."""
    if settings.is_sqlite:
        settings.ensure_data_dir()
        engine = create_engine(settings.database_url, poolclass=NullPool, json_serializer=json_dumps,
                               hide_parameters=True)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _begin_immediate)
        return engine
    return create_engine(settings.database_url, poolclass=NullPool, json_serializer=json_dumps, hide_parameters=True)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)
