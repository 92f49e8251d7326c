"""Logging a request, deciding it, escalating it and recording the final decision."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Table, select, update
from sqlalchemy.orm import Session

from sanctuary.db.fast_insert import FastInsert
from sanctuary.db.types import utcnow
from sanctuary.desk import access, events, intake_seal
from sanctuary.desk.accounts import user_by_name
from sanctuary.desk.audit_port import Refs
from sanctuary.desk.context import DeskContext
from sanctuary.desk.deadlines import Deadline, deadlines_for
from sanctuary.desk.engine_port import DeskInputError, decide_canonical
from sanctuary.desk.hashing import canonical, fact_hash
from sanctuary.desk.models import (
    AccessGrant,
    Decision,
    DeskRequest,
    Escalation,
    FinalDecision,
    User,
    ViewLog,
)
from sanctuary.desk.schemas import Intake
from sanctuary.vocabulary import REQUESTER_AGENCIES

REQUESTS: Table = DeskRequest.__table__  # type: ignore[assignment]
DECISIONS: Table = Decision.__table__  # type: ignore[assignment]
# The hot path's inserts: compiled once per dialect, run on the DB-API cursor (see sanctuary.db.fast_insert).
INSERT_REQUEST = FastInsert(REQUESTS, returning=REQUESTS.c.id)
INSERT_DECISION = FastInsert(DECISIONS)

PAPER_TO_FORM = {"detainer": "i247a", "admin_subpoena": "i138", "notice_of_inspection": "i9_noi",
                 "notice_to_appear": "i862"}


def _field(request: dict[str, Any], *path: str) -> Any:
    node: Any = request
    for part in path:
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node


@dataclass(frozen=True)
class Prepared:
    """A decided request, ready to be written: the row's values, the engine's decision, the canonical bytes
    of both (hashed with the audit HMAC key once the row has its id), and the assignee's username (checked
    when the row is written, in the same transaction)."""

    values: dict[str, Any]
    decision: dict[str, Any]
    request_bytes: bytes
    decision_bytes: bytes
    deadlines: list[Deadline]
    personal: dict[str, str]
    assignee: str | None = None


@dataclass(frozen=True)
class Stored:
    """A written request: its id and the row's values."""

    id: int
    values: dict[str, Any]

    def record(self) -> DeskRequest:
        """A transient ORM copy of the row (not attached to any session)."""
        return DeskRequest(id=self.id, **self.values)


def log_request(ctx: DeskContext, session: Session, user: User, contract_request: dict[str, Any],
                intake: Intake, classified_from: str = "") -> tuple[DeskRequest, dict[str, Any]]:
    """Decide and store a request in the caller's transaction; every step goes to the audit log."""
    prepared = prepare_request(ctx, user, contract_request, intake, classified_from)
    return store_request(ctx, session, prepared).record(), prepared.decision


def prepare_request(ctx: DeskContext, user: User, contract_request: dict[str, Any], intake: Intake,
                    classified_from: str = "") -> Prepared:
    """Validate and decide (no database access); bad input raises :class:`DeskInputError` naming the field."""
    if not isinstance(contract_request, dict):
        raise DeskInputError("request", "must be a JSON object")
    decision, decision_bytes = decide_canonical(contract_request)
    jurisdiction = str(_field(contract_request, "agency", "jurisdiction") or decision.get("jurisdiction") or "")
    agency_kind = str(_field(contract_request, "agency", "kind") or "")
    instrument_type = str(_field(contract_request, "instrument", "type") or "none")
    received_at = intake.received_at or utcnow()
    if received_at.tzinfo is None:
        raise DeskInputError("intake.received_at", "give a time zone offset (for example 2026-03-01T09:30:00-06:00)")
    found = deadlines_for(instrument_type, received_at, intake.return_date, ctx.settings.timezone)
    deadline = next((d.due for d in found if isinstance(d.due, datetime)), None)
    outcome = str(decision.get("outcome", "undetermined"))
    values: dict[str, Any] = {
        "jurisdiction": jurisdiction, "agency_kind": agency_kind, "action": str(contract_request.get("action", "")),
        "instrument_type": instrument_type, "contract_request": contract_request, "request_hash": "",
        "channel": intake.channel, "received_at": received_at,
        "agents": [a.model_dump() for a in intake.agents], "agent_agency": intake.agent_agency,
        # The person's fields are sealed once the row has its id (store_request); never stored in clear.
        "supervisor_contact": intake.supervisor_contact, "stated_purpose": "", "person_ref": "",
        "sealed_intake": None, "sealed_key": None, "sealed_key_id": None, "court": intake.court,
        "form_seen": intake.form_seen or classified_from or PAPER_TO_FORM.get(instrument_type, ""),
        "exigent": bool(contract_request.get("exigent", False)), "status": "open", "outcome": outcome,
        "created_by_id": user.id, "assignee_id": None, "deadline_at": deadline,
        "return_date": intake.return_date, "obligations_done": [], "created_at": utcnow(),
    }
    return Prepared(values=values, decision=decision, request_bytes=canonical(contract_request),
                    decision_bytes=decision_bytes, deadlines=found, assignee=intake.assignee or None,
                    personal={"person_ref": intake.person_ref, "stated_purpose": intake.stated_purpose})


def _assignee_id(session: Session, username: str | None) -> int | None:
    if not username:
        return None
    assignee = user_by_name(session, username)
    if assignee is None or not assignee.active or assignee.role not in access.CASE_ROLES:
        raise DeskInputError("intake.assignee", "no active clerk, supervisor or counsel with that username")
    return assignee.id


def store_request(ctx: DeskContext, session: Session, prepared: Prepared) -> Stored:
    """Write the request, its decision and the audit entries in the caller's transaction."""
    values = {**prepared.values, "assignee_id": _assignee_id(session, prepared.assignee)}
    request_id = int(INSERT_REQUEST.execute(session, values))
    # Keyed and bound to the new id (see sanctuary.desk.hashing): what the audit log and the row carry.
    values["request_hash"] = fact_hash(ctx.audit_hmac_key, "request", request_id, prepared.request_bytes)
    decision_hash = fact_hash(ctx.audit_hmac_key, "decision", request_id, prepared.decision_bytes)
    sealed = intake_seal.seal(ctx.cipher, request_id, prepared.personal)
    values.update(sealed_intake=sealed.ciphertext, sealed_key=sealed.wrapped_key, sealed_key_id=sealed.key_id)
    _set_hash_and_seal(session, request_id, values)
    ruleset = str(prepared.decision.get("ruleset", ""))
    INSERT_DECISION.execute(session, {"request_id": request_id, "outcome": values["outcome"], "ruleset": ruleset,
                                      "decision": prepared.decision, "created_at": utcnow()})
    events.append_many(ctx, session, _request_events(request_id, values, ruleset, decision_hash,
                                                      ctx.settings.timezone))
    return Stored(id=request_id, values=values)


_SEALED = ("request_hash", "sealed_intake", "sealed_key", "sealed_key_id")


def _set_hash_and_seal(session: Session, request_id: int, values: dict[str, Any]) -> None:
    """The keyed hash and the sealed personal fields, which need the row's id: one UPDATE on the session's
    DB-API cursor (the hot path; SQLAlchemy's Core path for other drivers)."""
    connection = session.connection()
    mark = {"qmark": "?", "format": "%s", "pyformat": "%s"}.get(connection.dialect.paramstyle)
    if mark is None:
        session.execute(update(REQUESTS).where(REQUESTS.c.id == request_id)
                        .values({name: values[name] for name in _SEALED}))
        return
    assignments = ", ".join(f"{name} = {mark}" for name in _SEALED)
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(f"UPDATE desk_requests SET {assignments} WHERE id = {mark}",
                       (*(values[name] for name in _SEALED), request_id))
    finally:
        cursor.close()


def _report_refs(values: dict[str, Any], timezone: str) -> Refs:
    """What the statutory reports count (sanctuary.reports.rollup), as vocabulary codes and a date only: the
    paper, the agency kind, the requesting agency and the day received in the desk's time zone."""
    refs: dict[str, str | int] = {"instrument": values["instrument_type"], "agency_kind": values["agency_kind"]}
    requester = _field(values["contract_request"], "requester", "agency")
    if isinstance(requester, str) and requester in REQUESTER_AGENCIES:
        refs["requester_agency"] = requester
    received = values["received_at"]
    try:
        refs["received_on"] = received.astimezone(ZoneInfo(timezone)).date().isoformat()
    except (ZoneInfoNotFoundError, ValueError):
        refs["received_on"] = received.date().isoformat()
    return refs


def _request_events(request_id: int, values: dict[str, Any], ruleset: str,
                    decision_hash: str, timezone: str = "UTC") -> list[tuple[str, Refs]]:
    """The audit events of a logged request, in order: logged, classified (if a form was seen), decided (with
    what the statutory reports count), assigned (if assigned)."""
    user_id, digest = values["created_by_id"], values["request_hash"]
    logged: list[tuple[str, Refs]] = [("request.logged", {"request_id": request_id, "request_hash": digest,
                                                          "channel": values["channel"], "user_id": user_id})]
    if values["form_seen"]:
        logged.append(("request.classified", {"request_id": request_id, "instrument": values["instrument_type"],
                                              "what": values["form_seen"]}))
    logged.append(("request.decided", {"request_id": request_id, "outcome": values["outcome"], "ruleset": ruleset,
                                       "request_hash": digest, "decision_hash": decision_hash,
                                       "action": values["action"], "jurisdiction": values["jurisdiction"],
                                       **_report_refs(values, timezone)}))
    if values["assignee_id"] is not None:
        logged.append(("request.assigned", {"request_id": request_id, "target_user_id": values["assignee_id"],
                                            "user_id": user_id}))
    return logged


def latest_decision(record: DeskRequest) -> dict[str, Any]:
    return record.decisions[-1].decision if record.decisions else {}


def deadlines(ctx: DeskContext, record: DeskRequest) -> list[Deadline]:
    """The record's deadlines; none (rather than an error) when a stored date is out of the calendar's range,
    so one odd row never breaks a whole list."""
    try:
        return deadlines_for(record.instrument_type, record.received_at, record.return_date, ctx.settings.timezone)
    except (OverflowError, ValueError):
        return []


def personal(ctx: DeskContext, record: DeskRequest) -> dict[str, str]:
    """The person reference and the stated purpose, opened from their sealed value."""
    return intake_seal.personal(ctx.cipher, record)


def record_view(ctx: DeskContext, session: Session, user: User, record: DeskRequest, what: str = "request") -> None:
    session.add(ViewLog(request_id=record.id, user_id=user.id, what=what))
    kind = "request.viewed" if what == "request" else "request.exported"  # letters and notices are exports
    refs: dict[str, str | int] = {"request_id": record.id, "user_id": user.id}
    if what != "request":
        refs["format"] = what
    events.append(ctx, session, kind, **refs)


def escalate(ctx: DeskContext, session: Session, user: User, record: DeskRequest, target_role: str,
             note: str) -> Escalation:
    if target_role not in ("supervisor", "counsel"):
        raise DeskInputError("target_role", "escalate to a supervisor or to counsel", ["supervisor", "counsel"])
    escalation = Escalation(request_id=record.id, target_role=target_role, note=note.strip(), by_user_id=user.id)
    session.add(escalation)
    record.status = "escalated"
    session.flush()
    events.append(ctx, session, "request.escalated", request_id=record.id, escalation_id=escalation.id,
                  target_role=target_role, user_id=user.id)
    return escalation


def record_final(ctx: DeskContext, session: Session, user: User, record: DeskRequest, outcome: str,
                 reason: str) -> FinalDecision:
    if user.role not in access.FINAL_ROLES:
        raise PermissionError("only a supervisor or counsel records the final decision")
    if len(reason.strip()) < 3:
        raise DeskInputError("reason", "say why (at least a few words)")
    final = FinalDecision(request_id=record.id, outcome=outcome, reason=reason.strip(), by_user_id=user.id,
                          by_role=user.role)
    session.add(final)
    record.status = "closed"
    session.flush()
    refs: dict[str, str | int] = {"request_id": record.id, "final_decision_id": final.id,
                                  "final_outcome": outcome, "role": user.role, "user_id": user.id}
    if record.decisions:
        refs["ruleset"] = record.decisions[-1].ruleset
    events.append(ctx, session, "request.final_decision", **refs)
    return final


def toggle_obligation(ctx: DeskContext, session: Session, user: User, record: DeskRequest, index: int,
                      done: bool) -> None:
    obligations = latest_decision(record).get("obligations") or []
    if not 0 <= index < len(obligations):
        raise DeskInputError("obligation", "no such obligation")
    current = set(record.obligations_done or [])
    current.add(index) if done else current.discard(index)
    record.obligations_done = sorted(current)
    events.append(ctx, session, "obligation.checked", request_id=record.id, obligation_index=index,
                  status="done" if done else "undone", user_id=user.id)


def grant_access(ctx: DeskContext, session: Session, actor: User, record: DeskRequest, username: str,
                 hours: int) -> AccessGrant:
    target = user_by_name(session, username)
    if target is None or not target.active:
        raise DeskInputError("username", "no active user with that username")
    if target.role not in access.CASE_ROLES:
        raise DeskInputError("username", "access can be granted to clerks, supervisors or counsel only")
    try:
        record_grant = access.grant(session, record, target, actor, hours, ctx.settings.grant_max_hours)
    except ValueError as exc:
        raise DeskInputError("hours", str(exc).split(": ", 1)[-1]) from exc
    events.append(ctx, session, "access.granted", request_id=record.id, target_user_id=target.id, count=hours,
                  actor_id=actor.id, grant_id=record_grant.id)
    return record_grant


@dataclass(frozen=True)
class Filters:
    status: str | None = None
    action: str | None = None
    outcome: str | None = None
    since: date | None = None
    until: date | None = None


def list_requests(session: Session, user: User, filters: Filters, limit: int = 200) -> list[DeskRequest]:
    query = access.visible_requests(user)
    if filters.status:
        query = query.where(DeskRequest.status == filters.status)
    if filters.action:
        query = query.where(DeskRequest.action == filters.action)
    if filters.outcome:
        query = query.where(DeskRequest.outcome == filters.outcome)
    if filters.since:
        query = query.where(DeskRequest.received_at >= datetime.combine(filters.since, datetime.min.time(),
                                                                          tzinfo=utcnow().tzinfo))
    if filters.until:
        query = query.where(DeskRequest.received_at < datetime.combine(filters.until, datetime.max.time(),
                                                                         tzinfo=utcnow().tzinfo))
    return list(session.scalars(query.order_by(DeskRequest.id.desc()).limit(limit)))


def without_rule(session: Session, ids: list[int]) -> set[int]:
    """The requests among ``ids`` whose latest decision no encoded rule made (coverage "none")."""
    if not ids:
        return set()
    latest: dict[int, dict[str, Any]] = {}
    rows = session.execute(select(Decision.request_id, Decision.decision)
                           .where(Decision.request_id.in_(ids)).order_by(Decision.id))
    for request_id, decision in rows:
        latest[request_id] = decision
    return {rid for rid, d in latest.items() if isinstance(d, dict) and d.get("coverage") == "none"}


def summary(ctx: DeskContext, record: DeskRequest, usernames: dict[int, str] | None = None) -> dict[str, Any]:
    names = usernames or {}
    return {
        "id": record.id,
        "status": record.status,
        "outcome": record.outcome,
        "jurisdiction": record.jurisdiction,
        "agency_kind": record.agency_kind,
        "action": record.action,
        "instrument": record.instrument_type,
        "received_at": record.received_at.isoformat(),
        "deadlines": [d.to_dict() for d in deadlines(ctx, record)],
        "created_by": names.get(record.created_by_id, record.created_by_id),
        "assignee": names.get(record.assignee_id, record.assignee_id) if record.assignee_id else None,
    }


def detail(ctx: DeskContext, record: DeskRequest, usernames: dict[int, str] | None = None) -> dict[str, Any]:
    body = summary(ctx, record, usernames)
    body.update({
        "request": record.contract_request,
        "decision": latest_decision(record),
        "intake": {
            "channel": record.channel, "agents": record.agents, "agent_agency": record.agent_agency,
            "supervisor_contact": record.supervisor_contact, **personal(ctx, record),
            "court": record.court, "form_seen": record.form_seen,
            "return_date": record.return_date.isoformat() if record.return_date else None,
        },
        "obligations_done": record.obligations_done,
        "escalations": [{"id": e.id, "to": e.target_role, "note": e.note, "at": e.created_at.isoformat()}
                        for e in record.escalations],
        "final_decisions": [{"id": f.id, "outcome": f.outcome, "reason": f.reason, "by_role": f.by_role,
                             "at": f.created_at.isoformat()} for f in record.finals],
        "documents": [{"id": d.id, "content_type": d.content_type, "size": d.size, "sha256": d.sha256}
                      for d in record.documents],
    })
    return body


def usernames(session: Session) -> dict[int, str]:
    return {int(uid): str(name) for uid, name in session.execute(select(User.id, User.username))}
