"""Request-scoped dependencies: the desk context, and a read-only session for the audit routes.

Desk handlers open their own sessions (``ctx.writing()`` / ``ctx.reading()``) and end every transaction
before they return: nothing is committed, rolled back or given back to the pool in a dependency's teardown
(which would need the event loop and a worker thread after the answer, and held SQLite's write slot until
then).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fastapi import Request
from sqlalchemy.orm import Session

from sanctuary.desk.context import DeskContext


def get_ctx(request: Request) -> DeskContext:
    ctx: DeskContext = request.app.state.desk
    return ctx


async def desk_ctx(request: Request) -> DeskContext:
    """``get_ctx`` as a dependency; async because it does no I/O (no threadpool hop)."""
    return get_ctx(request)


async def get_audit_log(request: Request) -> Any:
    """The process's audit log (``sanctuary.audit.log.AuditLog``)."""
    return get_ctx(request).audit


def read_session(request: Request) -> Iterator[Session]:
    """A session on the read engine for the audit routes (SQLite: WAL reads, never the write slot; each
    statement in autocommit, so ``GET /api/v1/audit/checkpoint``'s one INSERT of a new checkpoint waits on
    SQLite's busy timeout, bounded, instead of holding the slot). Its teardown only closes it."""
    session = get_ctx(request).read_sessions()
    try:
        yield session
    finally:
        session.close()

