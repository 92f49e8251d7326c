"""Appending desk events to the audit log, with refs checked to be ids and hashes only."""

from __future__ import annotations

from sqlalchemy.orm import Session

from sanctuary.desk.audit_port import check_refs
from sanctuary.desk.context import DeskContext

KINDS = (
    "request.logged", "request.classified", "request.decided", "request.escalated", "request.final_decision",
    "request.viewed", "request.assigned", "request.exported", "obligation.checked", "document.uploaded",
    "document.viewed", "access.granted", "account.created", "account.changed", "token.created",
    "login.failed", "login.throttled",
)


def append(ctx: DeskContext, session: Session, kind: str, **refs: str | int) -> int:
    if kind not in KINDS:
        raise ValueError(f"unknown audit event kind {kind!r}")
    index: int = ctx.audit.append(session, kind, check_refs(refs))
    return index
