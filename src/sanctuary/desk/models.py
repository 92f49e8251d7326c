"""The desk's tables. Personal data is kept to the minimum a request needs; documents are encrypted."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sanctuary.db.base import Base
from sanctuary.db.types import UTCDateTime, utcnow

ROLES = ("clerk", "supervisor", "counsel", "auditor", "admin")
CHANNELS = ("in_person", "phone", "mail", "email", "fax")
STATUSES = ("open", "escalated", "decided", "closed")  # the request's life: sanctuary.desk.lifecycle
ESCALATION_TARGETS = ("supervisor", "counsel")
FINAL_OUTCOMES = ("declined", "complied", "partially_complied", "referred_to_counsel", "no_action_needed")


class User(Base):
    __tablename__ = "desk_users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(256))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class ApiToken(Base):
    """An API token: only its SHA-256 is stored. It has a name, an expiry (none for tokens made before expiry
    existed, migration ``0004_accounts``) and is revoked one by one."""

    __tablename__ = "desk_api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("desk_users.id"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    name: Mapped[str] = mapped_column(String(100), default="")
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    user: Mapped[User] = relationship(lazy="joined")


class RoleApproval(Base):
    """A pending, approved or rejected request to give an account a privileged role (a case role or admin).

    Made when an administrator creates or promotes an account through the web; applied only when a second
    person (counsel or another administrator, neither the requester nor the account itself) approves."""

    __tablename__ = "desk_role_approvals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("desk_users.id"), index=True)
    role: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("desk_users.id"))
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("desk_users.id"), nullable=True)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    user: Mapped[User] = relationship(foreign_keys=[user_id], lazy="joined")


class WebSession(Base):
    __tablename__ = "desk_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("desk_users.id"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(lazy="joined")


class LoginThrottle(Base):
    """Failed-login counters keyed by a keyed hash (HMAC) of the username, of the (username, source) pair or of
    the source; never the raw value, and no address is stored. ``scope`` says which. Rows are purged once
    their window has passed (see ``sanctuary.desk.throttle``)."""

    __tablename__ = "desk_login_throttle"

    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    scope: Mapped[str] = mapped_column(String(8), default="user")
    user_id: Mapped[int | None] = mapped_column(Integer, nullable=True)  # scope "user", existing accounts
    failures: Mapped[int] = mapped_column(Integer, default=0)
    unreported_failures: Mapped[int] = mapped_column(Integer, default=0)
    throttled: Mapped[int] = mapped_column(Integer, default=0)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    next_allowed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_seen: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True, index=True)


class DeskRequest(Base):
    __tablename__ = "desk_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    jurisdiction: Mapped[str] = mapped_column(String(128))
    agency_kind: Mapped[str] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(32))
    instrument_type: Mapped[str] = mapped_column(String(32))
    contract_request: Mapped[dict[str, Any]] = mapped_column(JSON)
    request_hash: Mapped[str] = mapped_column(String(64))
    channel: Mapped[str] = mapped_column(String(16))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    agents: Mapped[list[dict[str, str]]] = mapped_column(JSON, default=list)
    agent_agency: Mapped[str] = mapped_column(String(200), default="")
    supervisor_contact: Mapped[str] = mapped_column(String(200), default="")
    stated_purpose: Mapped[str] = mapped_column(Text, default="")
    person_ref: Mapped[str] = mapped_column(String(120), default="")
    court: Mapped[str] = mapped_column(String(200), default="")
    form_seen: Mapped[str] = mapped_column(String(32), default="")
    # The person reference and the free text, sealed (AES-256-GCM under a per-request key wrapped by the
    # document master key; see sanctuary.desk.intake_seal). Rows from before 0003 keep them in the plain
    # columns above until sealed.
    sealed_intake: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    sealed_key: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    sealed_key_id: Mapped[str | None] = mapped_column(String(16), nullable=True)
    exigent: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    outcome: Mapped[str] = mapped_column(String(16), index=True)
    created_by_id: Mapped[int] = mapped_column(ForeignKey("desk_users.id"), index=True)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("desk_users.id"), nullable=True, index=True)
    deadline_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    return_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    obligations_done: Mapped[list[int]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    decisions: Mapped[list[Decision]] = relationship(
        back_populates="request", order_by="Decision.id", lazy="selectin"
    )
    escalations: Mapped[list[Escalation]] = relationship(order_by="Escalation.id", lazy="selectin")
    finals: Mapped[list[FinalDecision]] = relationship(order_by="FinalDecision.id", lazy="selectin")
    documents: Mapped[list[Document]] = relationship(order_by="Document.id", lazy="selectin")
    status_changes: Mapped[list[StatusChange]] = relationship(order_by="StatusChange.id", lazy="selectin")
    revisions: Mapped[list[RequestRevision]] = relationship(order_by="RequestRevision.id", lazy="selectin")


class Decision(Base):
    __tablename__ = "desk_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("desk_requests.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(16))
    ruleset: Mapped[str] = mapped_column(String(64))
    decision: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    request: Mapped[DeskRequest] = relationship(back_populates="decisions")


class Escalation(Base):
    __tablename__ = "desk_escalations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("desk_requests.id"), index=True)
    target_role: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text, default="")
    by_user_id: Mapped[int] = mapped_column(ForeignKey("desk_users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class FinalDecision(Base):
    __tablename__ = "desk_final_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("desk_requests.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(Text)
    by_user_id: Mapped[int] = mapped_column(ForeignKey("desk_users.id"))
    by_role: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # A correction is a new final decision that names the one it supersedes; both are kept.
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("desk_final_decisions.id"), nullable=True)
    # What the engine said when this was decided, and whether this decision went against it (counsel only).
    engine_outcome: Mapped[str] = mapped_column(String(16), default="")
    against_law: Mapped[bool] = mapped_column(Boolean, default=False)


class StatusChange(Base):
    """Every move of a request through its life (see :mod:`sanctuary.desk.lifecycle`), with its reason."""

    __tablename__ = "desk_status_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("desk_requests.id"), index=True)
    action: Mapped[str] = mapped_column(String(16))
    from_status: Mapped[str] = mapped_column(String(16))
    to_status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text, default="")
    by_user_id: Mapped[int] = mapped_column(ForeignKey("desk_users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class RequestRevision(Base):
    """The facts of a request as they stood before a correction; the request row holds the current ones."""

    __tablename__ = "desk_request_revisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("desk_requests.id"), index=True)
    contract_request: Mapped[dict[str, Any]] = mapped_column(JSON)
    request_hash: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    by_user_id: Mapped[int] = mapped_column(ForeignKey("desk_users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Document(Base):
    """An uploaded photo or PDF: AES-GCM ciphertext under its own key, wrapped by the master key."""

    __tablename__ = "desk_documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("desk_requests.id"), index=True)
    content_type: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    name_ciphertext: Mapped[bytes] = mapped_column(LargeBinary)
    ciphertext: Mapped[bytes] = mapped_column(LargeBinary)
    wrapped_key: Mapped[bytes] = mapped_column(LargeBinary)
    master_key_id: Mapped[str] = mapped_column(String(16))
    uploaded_by_id: Mapped[int] = mapped_column(ForeignKey("desk_users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class AccessGrant(Base):
    __tablename__ = "desk_access_grants"
    __table_args__ = (Index("ix_desk_access_grants_user_request", "user_id", "request_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("desk_requests.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("desk_users.id"))
    granted_by_id: Mapped[int] = mapped_column(ForeignKey("desk_users.id"))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ViewLog(Base):
    __tablename__ = "desk_view_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("desk_requests.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("desk_users.id"))
    what: Mapped[str] = mapped_column(String(32))
    viewed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


__all__ = [
    "CHANNELS",
    "ESCALATION_TARGETS",
    "FINAL_OUTCOMES",
    "ROLES",
    "STATUSES",
    "AccessGrant",
    "ApiToken",
    "Decision",
    "DeskRequest",
    "Document",
    "Escalation",
    "FinalDecision",
    "LoginThrottle",
    "RequestRevision",
    "RoleApproval",
    "StatusChange",
    "User",
    "ViewLog",
    "WebSession",
]
