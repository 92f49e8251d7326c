"""Request-scoped dependencies: the desk context and a database session."""

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


def db_session(request: Request) -> Iterator[Session]:
    """A session per request; handlers commit explicitly (before answering) and anything else rolls back."""
    session = get_ctx(request).sessions()
    try:
        yield session
    finally:
        session.rollback()
        session.close()


def read_db_session(request: Request) -> Iterator[Session]:
    """A session on the read engine (SQLite: never takes the write lock); for handlers that only read."""
    session = get_ctx(request).read_sessions()
    try:
        yield session
    finally:
        session.rollback()
        session.close()
