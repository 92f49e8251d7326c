"""Appending desk events to the audit log, with refs checked to be ids and hashes only."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from sanctuary.desk.audit_port import Refs, check_refs
from sanctuary.desk.context import DeskContext

KINDS = (
    "request.logged", "request.classified", "request.decided", "request.escalated", "request.final_decision",
    "request.viewed", "request.assigned", "request.exported", "obligation.checked", "document.uploaded",
    "document.viewed", "access.granted", "account.created", "account.changed", "token.created",
    "login.failed", "login.throttled", "token.revoked", "account.approval_requested", "account.approved",
    "account.rejected", "request.edited", "request.status_changed", "agency.changed",
)


def _check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise ValueError(f"unknown audit event kind {kind!r}")
    return kind


def append(ctx: DeskContext, session: Session, kind: str, **refs: str | int) -> int:
    index: int = ctx.audit.append(session, _check_kind(kind), check_refs(refs))
    return index


def append_many(ctx: DeskContext, session: Session, items: Sequence[tuple[str, Refs]]) -> list[int]:
    """Several events of one action, in order, in one write to the log (see ``AuditLog.append_many``)."""
    indices: list[int] = ctx.audit.append_many(session, [(_check_kind(kind), check_refs(refs))
                                                         for kind, refs in items])
    return indices
