"""Logging a request, deciding it, escalating it and recording the final decision."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import Table, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from sanctuary.db.fast_insert import FastInsert, JSONText
from sanctuary.db.group_commit import BATCH_KEY
from sanctuary.db.types import utcnow
from sanctuary.desk import access, agency, events, intake_seal, lifecycle
from sanctuary.desk.accounts import user_by_name
from sanctuary.desk.audit_port import Refs
from sanctuary.desk.context import DeskContext
from sanctuary.desk.deadlines import Deadline, deadlines_for
from sanctuary.desk.engine_port import DeskInputError, decide_canonical
from sanctuary.desk.hashing import canonical, fact_hash
from sanctuary.desk.models import (
    FINAL_OUTCOMES,
    AccessGrant,
    Decision,
    DeskRequest,
    Escalation,
    FinalDecision,
    RequestRevision,
    StatusChange,
    User,
    ViewLog,
)
from sanctuary.desk.schemas import Intake
from sanctuary.desk.wording import N_
from sanctuary.vocabulary import REQUESTER_AGENCIES

REQUESTS: Table = DeskRequest.__table__  # type: ignore[assignment]
DECISIONS: Table = Decision.__table__  # type: ignore[assignment]
# The hot path's inserts: compiled once per dialect, run on the DB-API cursor (see sanctuary.db.fast_insert).
INSERT_REQUEST = FastInsert(REQUESTS, returning=REQUESTS.c.id)
INSERT_REQUEST_WITH_ID = FastInsert(REQUESTS, with_key=True)
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
    timezone: str = "UTC"  # the agency profile's, when the request was prepared (the day in received_on)


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
        raise DeskInputError("request", N_("must be a JSON object"))
    decision, decision_bytes = decide_canonical(contract_request)
    jurisdiction = str(_field(contract_request, "agency", "jurisdiction") or decision.get("jurisdiction") or "")
    agency_kind = str(_field(contract_request, "agency", "kind") or "")
    instrument_type = str(_field(contract_request, "instrument", "type") or "none")
    received_at = intake.received_at or utcnow()
    if received_at.tzinfo is None:
        raise DeskInputError("intake.received_at", N_("give a time zone offset (for example "
                                                    "2026-03-01T09:30:00-06:00)"))
    zone = agency.current(ctx).timezone  # the agency's: deadlines and the reports' received_on use it
    found = without_forbidden_hold(
        deadlines_for(instrument_type, received_at, intake.return_date, zone),
        str(decision.get("outcome", "")), str(_field(contract_request, "action") or ""))
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
                    personal={"person_ref": intake.person_ref, "stated_purpose": intake.stated_purpose},
                    timezone=zone)


def _assignee_id(session: Session, username: str | None) -> int | None:
    if not username:
        return None
    assignee = user_by_name(session, username)
    if assignee is None or not assignee.active or assignee.role not in access.CASE_ROLES:
        raise DeskInputError("intake.assignee", N_("no active clerk, supervisor or counsel with that username"))
    return assignee.id


def store_request(ctx: DeskContext, session: Session, prepared: Prepared) -> Stored:
    """Write the request, its decision and the audit entries in the caller's transaction."""
    values = {**prepared.values, "assignee_id": _assignee_id(session, prepared.assignee)}
    connection = session.connection()  # once: each call walks the session's transaction state
    # The JSON columns get the canonical JSON already made for the hashes (no second serialization).
    request_json = JSONText(prepared.request_bytes.decode())
    known_id = _known_id(session, connection)
    request_id = known_id if known_id is not None else int(
        INSERT_REQUEST.execute(session, {**values, "contract_request": request_json}, connection))
    # Keyed and bound to the new id (see sanctuary.desk.hashing): what the audit log and the row carry.
    values["request_hash"] = fact_hash(ctx.audit_hmac_key, "request", request_id, prepared.request_bytes)
    decision_hash = fact_hash(ctx.audit_hmac_key, "decision", request_id, prepared.decision_bytes)
    sealed = intake_seal.seal(ctx.cipher, request_id, prepared.personal)
    values.update(sealed_intake=sealed.ciphertext, sealed_key=sealed.wrapped_key, sealed_key_id=sealed.key_id)
    if known_id is None:
        _set_hash_and_seal(session, request_id, values, connection)
    else:  # the row written once, hash and seal included
        INSERT_REQUEST_WITH_ID.execute(session, {**values, "id": request_id, "contract_request": request_json},
                                       connection)
    ruleset = str(prepared.decision.get("ruleset", ""))
    INSERT_DECISION.execute(session, {"request_id": request_id, "outcome": values["outcome"], "ruleset": ruleset,
                                      "decision": JSONText(prepared.decision_bytes.decode()),
                                      "created_at": utcnow()}, connection)
    events.append_many(ctx, session, _request_events(request_id, values, ruleset, decision_hash,
                                                      prepared.timezone))
    return Stored(id=request_id, values=values)


_REQUEST_IDS = "sanctuary.desk.request_ids"  # the batch part below, in sanctuary.db.group_commit.Batch


class _RequestIds:
    """The ids a group-commit batch gives its new requests, one after the other (a
    :class:`sanctuary.db.group_commit.BatchPart`): the database's largest id is read once per batch, not once
    per request. An item that fails gives its id back, as its savepoint removes its row."""

    def __init__(self, first: int) -> None:
        self._next = self._marked = first

    def take(self) -> int:
        taken = self._next
        self._next += 1
        return taken

    def mark(self) -> None:
        self._marked = self._next

    def undo(self) -> None:
        self._next = self._marked

    def flush(self, session: Session) -> None:
        """Nothing is deferred: each id was written with its row."""


def _known_id(session: Session, connection: Connection) -> int | None:
    """On SQLite, the id the new request will have, known before its INSERT, so that the row is written once
    with the keyed hash and the sealed fields that are bound to its id (elsewhere: None, and the row is
    inserted, then updated with them).

    It is the id SQLite itself would give (the table has no AUTOINCREMENT: the largest id plus one; requests
    are never deleted). Every SQLite transaction here is ``BEGIN IMMEDIATE`` (sanctuary.db.session), so this
    one holds the database's write lock from its first statement to its COMMIT: no other writer, in this
    process or another, can insert a request between this read and the insert."""
    if connection.dialect.name != "sqlite":
        return None
    batch = session.info.get(BATCH_KEY)
    if batch is None:
        return _largest_id(connection) + 1
    ids: _RequestIds = batch.part(_REQUEST_IDS, lambda: _RequestIds(_largest_id(connection) + 1))
    return ids.take()


def _largest_id(connection: Connection) -> int:
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute("SELECT coalesce(max(id), 0) FROM desk_requests")
        row = cursor.fetchone()
        return int(row[0]) if row is not None else 0
    finally:
        cursor.close()


_SEALED = ("request_hash", "sealed_intake", "sealed_key", "sealed_key_id")


def _set_hash_and_seal(session: Session, request_id: int, values: dict[str, Any], connection: Connection) -> None:
    """The keyed hash and the sealed personal fields, which need the row's id, where it was not known before
    the INSERT (PostgreSQL, other drivers): one UPDATE on the session's DB-API cursor (SQLAlchemy's Core path
    for a driver with another parameter style)."""
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
    """The record's deadlines, less a hold's 48 hours when the law forbids the hold (showing when a hold would
    end would suggest holding); none (rather than an error) when a stored date is out of the calendar's range,
    so one odd row never breaks a whole list."""
    try:
        found = deadlines_for(record.instrument_type, record.received_at, record.return_date,
                              agency.current(ctx).timezone)
    except (OverflowError, ValueError):
        return []
    return without_forbidden_hold(found, record.outcome, record.action)


def without_forbidden_hold(found: list[Deadline], outcome: str, action: str) -> list[Deadline]:
    """Less a hold's 48 hours when the law forbids the hold: showing when a hold would end suggests holding."""
    if outcome == "forbidden" and action == "hold":
        return [d for d in found if d.kind != "detainer_48h"]
    return found


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


def move(ctx: DeskContext, session: Session, user: User, record: DeskRequest, action: str,
         reason: str = "") -> str:
    """Move the request through its life (:mod:`sanctuary.desk.lifecycle`): the one place a status changes.
    Refuses a move its state does not allow (:class:`lifecycle.TransitionError`); records and logs the move."""
    before = record.status
    after = lifecycle.next_status(before, action)
    if action == "edit":
        return after  # the facts change, not the status; logged as request.edited
    change = StatusChange(request_id=record.id, action=action, from_status=before, to_status=after,
                          reason=reason.strip(), by_user_id=user.id)
    session.add(change)
    record.status = after
    session.flush()
    events.append(ctx, session, "request.status_changed", request_id=record.id, status=after,
                  previous_status=before, what=action, user_id=user.id)
    return after


def escalate(ctx: DeskContext, session: Session, user: User, record: DeskRequest, target_role: str,
             note: str) -> Escalation:
    if target_role not in ("supervisor", "counsel"):
        raise DeskInputError("target_role", N_("escalate to a supervisor or to counsel"), ["supervisor", "counsel"])
    move(ctx, session, user, record, "escalate", note)
    escalation = Escalation(request_id=record.id, target_role=target_role, note=note.strip(), by_user_id=user.id)
    session.add(escalation)
    session.flush()
    events.append(ctx, session, "request.escalated", request_id=record.id, escalation_id=escalation.id,
                  target_role=target_role, user_id=user.id)
    return escalation


def current_final(record: DeskRequest) -> FinalDecision | None:
    """The final decision in force: the newest one no later decision supersedes."""
    superseded = {f.supersedes_id for f in record.finals if f.supersedes_id is not None}
    live = [f for f in record.finals if f.id not in superseded]
    return live[-1] if live else None


def record_final(ctx: DeskContext, session: Session, user: User, record: DeskRequest, outcome: str,
                 reason: str, supersedes: int | None = None) -> FinalDecision:
    """Record the final decision, or (``supersedes``) a correction of the one in force. Never overwrites:
    a correction is a new row naming the one it supersedes; both are kept and logged. A decision against the
    law as the engine read it needs counsel and a written reason."""
    if user.role not in access.FINAL_ROLES:
        raise lifecycle.RoleRefused("only a supervisor or counsel records the final decision")
    if len(reason.strip()) < 3:
        raise DeskInputError("reason", N_("say why (at least a few words)"))
    if outcome not in FINAL_OUTCOMES:
        raise DeskInputError("outcome", N_("choose one of the final decisions"), list(FINAL_OUTCOMES))
    in_force = current_final(record)
    if supersedes is None:
        lifecycle.next_status(record.status, "decide")  # refuses a second final decision: correct it instead
    else:
        lifecycle.next_status(record.status, "correct")
        if in_force is None or in_force.id != supersedes:
            raise DeskInputError("supersedes", N_("name the final decision in force, the one you are correcting"))
        if not lifecycle.may_supersede(user.role, in_force.by_role):
            raise lifecycle.RoleRefused(f"a decision recorded by {in_force.by_role} can only be corrected by "
                                  f"{in_force.by_role} or someone senior")
    engine_outcome = record.outcome
    check = lifecycle.check_final_against_law(user.role, engine_outcome, outcome, reason)
    move(ctx, session, user, record, "correct" if supersedes is not None else "decide", reason)
    final = FinalDecision(request_id=record.id, outcome=outcome, reason=reason.strip(), by_user_id=user.id,
                          by_role=user.role, supersedes_id=supersedes, engine_outcome=engine_outcome,
                          against_law=check.against_law)
    session.add(final)
    session.flush()
    refs: dict[str, str | int] = {"request_id": record.id, "final_decision_id": final.id,
                                  "final_outcome": outcome, "outcome": engine_outcome, "role": user.role,
                                  "user_id": user.id}
    if supersedes is not None:
        refs["supersedes_id"] = supersedes
    if check.against_law:
        refs["reason_code"] = "against_law"
    if record.decisions:
        refs["ruleset"] = record.decisions[-1].ruleset
    events.append(ctx, session, "request.final_decision", **refs)
    session.expire(record, ["finals"])
    return final


def close(ctx: DeskContext, session: Session, user: User, record: DeskRequest, reason: str = "") -> None:
    if user.role not in access.FINAL_ROLES:
        raise lifecycle.RoleRefused("only a supervisor or counsel closes a request")
    move(ctx, session, user, record, "close", reason)


def reopen(ctx: DeskContext, session: Session, user: User, record: DeskRequest, reason: str) -> None:
    if user.role not in access.FINAL_ROLES:
        raise lifecycle.RoleRefused("only a supervisor or counsel reopens a request")
    if len(reason.strip()) < 3:
        raise DeskInputError("reason", N_("say why the request is reopened"))
    move(ctx, session, user, record, "reopen", reason)


def edit_request(ctx: DeskContext, session: Session, user: User, record: DeskRequest,
                 contract_request: dict[str, Any], reason: str) -> dict[str, Any]:
    """Correct the facts and decide again. The facts as they stood are kept (a revision), the earlier decision
    too; the request row holds the corrected facts and the new decision's outcome. Logged."""
    if len(reason.strip()) < 3:
        raise DeskInputError("reason", N_("say what was corrected and why"))
    if not isinstance(contract_request, dict):
        raise DeskInputError("request", N_("must be a JSON object"))
    lifecycle.next_status(record.status, "edit")
    decision, _ = decide_canonical(contract_request)
    revision = RequestRevision(request_id=record.id, contract_request=record.contract_request,
                               request_hash=record.request_hash, reason=reason.strip(), by_user_id=user.id)
    session.add(revision)
    # Keyed and bound to the request's id, like the first decision's (sanctuary.desk.hashing): never a plain
    # digest an auditor could confirm a guess against.
    digest = fact_hash(ctx.audit_hmac_key, "request", record.id, canonical(contract_request))
    decision_hash = fact_hash(ctx.audit_hmac_key, "decision", record.id, canonical(decision))
    record.contract_request = contract_request
    record.request_hash = digest
    record.jurisdiction = str(_field(contract_request, "agency", "jurisdiction") or decision.get("jurisdiction") or "")
    record.agency_kind = str(_field(contract_request, "agency", "kind") or "")
    record.action = str(contract_request.get("action", ""))
    record.instrument_type = str(_field(contract_request, "instrument", "type") or "none")
    record.exigent = bool(contract_request.get("exigent", False))
    record.outcome = str(decision.get("outcome", "undetermined"))
    record.obligations_done = []
    record.deadline_at = next((d.due for d in deadlines(ctx, record) if isinstance(d.due, datetime)), None)
    ruleset = str(decision.get("ruleset", ""))
    session.add(Decision(request_id=record.id, outcome=record.outcome, ruleset=ruleset, decision=decision))
    session.flush()
    events.append_many(ctx, session, [
        ("request.edited", {"request_id": record.id, "revision_id": revision.id, "request_hash": digest,
                            "user_id": user.id}),
        ("request.decided", {"request_id": record.id, "outcome": record.outcome, "ruleset": ruleset,
                             "request_hash": digest, "decision_hash": decision_hash,
                             "action": record.action, "jurisdiction": record.jurisdiction,
                             **_corrected_report_refs(record)}),
    ])
    session.expire(record, ["decisions", "revisions"])
    return decision


def _corrected_report_refs(record: DeskRequest) -> Refs:
    """What the statutory reports count, after a correction: the paper, agency kind and requesting agency as
    corrected (the day received does not change, so the first decision's stays)."""
    refs: dict[str, str | int] = {"instrument": record.instrument_type, "agency_kind": record.agency_kind}
    requester = _field(record.contract_request, "requester", "agency")
    if isinstance(requester, str) and requester in REQUESTER_AGENCIES:
        refs["requester_agency"] = requester
    return refs


def escalated_to(session: Session, user: User) -> list[tuple[DeskRequest, Escalation]]:
    """The queue: requests now escalated to the user's role, each with its latest escalation, soonest deadline
    first (requests with no deadline last, oldest first)."""
    if user.role not in ("supervisor", "counsel"):
        return []
    records = session.scalars(access.visible_requests(user).where(DeskRequest.status == "escalated"))
    queue: list[tuple[DeskRequest, Escalation]] = []
    for record in records:
        if record.escalations and record.escalations[-1].target_role == user.role:
            queue.append((record, record.escalations[-1]))
    far = datetime.max.replace(tzinfo=utcnow().tzinfo)
    queue.sort(key=lambda item: (item[0].deadline_at or far, item[0].received_at))
    return queue


def toggle_obligation(ctx: DeskContext, session: Session, user: User, record: DeskRequest, index: int,
                      done: bool) -> None:
    lifecycle.next_status(record.status, "work")
    obligations = latest_decision(record).get("obligations") or []
    if not 0 <= index < len(obligations):
        raise DeskInputError("obligation", N_("no such obligation"))
    current = set(record.obligations_done or [])
    current.add(index) if done else current.discard(index)
    record.obligations_done = sorted(current)
    events.append(ctx, session, "obligation.checked", request_id=record.id, obligation_index=index,
                  status="done" if done else "undone", user_id=user.id)


def grant_access(ctx: DeskContext, session: Session, actor: User, record: DeskRequest, username: str,
                 hours: int) -> AccessGrant:
    target = user_by_name(session, username)
    if target is None or not target.active:
        raise DeskInputError("username", N_("no active user with that username"))
    if target.role not in access.CASE_ROLES:
        raise DeskInputError("username", N_("access can be granted to clerks, supervisors or counsel only"))
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
                             "at": f.created_at.isoformat(), "supersedes": f.supersedes_id,
                             "engine_outcome": f.engine_outcome, "against_law": f.against_law}
                            for f in record.finals],
        "final_decision": _final_summary(current_final(record)),
        "allowed_actions": list(lifecycle.allowed_actions(record.status)),
        "status_history": [{"action": c.action, "from": c.from_status, "to": c.to_status, "reason": c.reason,
                            "at": c.created_at.isoformat()} for c in record.status_changes],
        "revisions": [{"id": v.id, "request": v.contract_request, "reason": v.reason, "at": v.created_at.isoformat()}
                      for v in record.revisions],
        "decision_history": [{"outcome": d.outcome, "ruleset": d.ruleset, "at": d.created_at.isoformat()}
                             for d in record.decisions],
        "documents": [{"id": d.id, "content_type": d.content_type, "size": d.size, "sha256": d.sha256}
                      for d in record.documents],
    })
    return body


def _final_summary(final: FinalDecision | None) -> dict[str, Any] | None:
    if final is None:
        return None
    return {"id": final.id, "outcome": final.outcome, "by_role": final.by_role, "reason": final.reason,
            "against_law": final.against_law}


def usernames(session: Session) -> dict[int, str]:
    return {int(uid): str(name) for uid, name in session.execute(select(User.id, User.username))}
