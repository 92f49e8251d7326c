"""Who may do what. Least privilege: clerks see only what they logged, were assigned or were granted."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import Exists, Select, or_, select
from sqlalchemy.orm import Session

from sanctuary.db.types import utcnow
from sanctuary.desk.models import AccessGrant, DeskRequest, User

CASE_ROLES = ("clerk", "supervisor", "counsel")
ALL_CASES_ROLES = ("supervisor", "counsel")
FINAL_ROLES = ("supervisor", "counsel")
GRANT_ROLES = ("supervisor", "counsel")
AUDIT_ROLES = ("auditor", "admin", "counsel")
ADMIN_ROLES = ("admin",)


def _granted(user: User) -> Exists:
    return (
        select(AccessGrant.id)
        .where(AccessGrant.request_id == DeskRequest.id, AccessGrant.user_id == user.id,
               AccessGrant.expires_at > utcnow())
        .exists()
    )


def visible_requests(user: User) -> Select[DeskRequest]:
    query = select(DeskRequest)
    if user.role in ALL_CASES_ROLES:
        return query
    if user.role == "clerk":
        return query.where(or_(DeskRequest.created_by_id == user.id, DeskRequest.assignee_id == user.id,
                               _granted(user)))
    return query.where(DeskRequest.id.is_(None))


def can_view(session: Session, user: User, request: DeskRequest) -> bool:
    if user.role in ALL_CASES_ROLES:
        return True
    if user.role != "clerk":
        return False
    if user.id in (request.created_by_id, request.assignee_id):
        return True
    return session.scalar(
        select(AccessGrant.id).where(AccessGrant.request_id == request.id, AccessGrant.user_id == user.id,
                                     AccessGrant.expires_at > utcnow())
    ) is not None


def grant(session: Session, request: DeskRequest, user: User, granted_by: User, hours: int,
          max_hours: int) -> AccessGrant:
    if not 1 <= hours <= max_hours:
        raise ValueError(f"hours: between 1 and {max_hours}")
    record = AccessGrant(request_id=request.id, user_id=user.id, granted_by_id=granted_by.id,
                         expires_at=utcnow() + timedelta(hours=hours))
    session.add(record)
    session.flush()
    return record
