"""The JSON API under /api/v1 (documented by the app's OpenAPI at /docs)."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from sanctuary.desk import access, cases
from sanctuary.desk.context import DeskContext
from sanctuary.desk.models import STATUSES, DeskRequest, User
from sanctuary.desk.schemas import (
    DATE_RANGE_MESSAGE,
    MAX_DATE,
    MIN_DATE,
    CreateRequest,
    EditIn,
    EscalationIn,
    FinalDecisionIn,
    GrantIn,
    ReasonIn,
    RequestId,
)
from sanctuary.vocabulary import ACTIONS, OUTCOMES
from sanctuary.web.auth import require_roles
from sanctuary.web.deps import desk_ctx, get_ctx
from sanctuary.web.responses import CompactJSONResponse

router = APIRouter(prefix="/api/v1", tags=["desk"])

case_user = require_roles(*access.CASE_ROLES)
final_user = require_roles(*access.FINAL_ROLES)
admin_user = require_roles(*access.ADMIN_ROLES)


def _load(session: Session, user: User, request_id: int) -> DeskRequest:
    record = session.get(DeskRequest, request_id)
    if record is None:
        raise HTTPException(status_code=404, detail="no such request")
    if not access.can_view(session, user, record):
        raise HTTPException(status_code=403, detail="you have no access to this request")
    return record


@router.post("/requests", status_code=201, summary="Log a request and decide it",
             response_class=CompactJSONResponse, responses={201: {"description": "Logged, decided and committed"}})
async def create_request(body: CreateRequest, request: Request, user: User = Depends(case_user)) -> Response:
    # Under load, most of these calls are answered by sanctuary.web.fast_path, which runs the same three steps
    # below (prepare, store, answer) without FastAPI's routing and dependency machinery; this route answers the
    # rest (a token not in the cache, a wrong role, a body to refuse, a decision that raises) and documents the
    # endpoint in the OpenAPI document.
    ctx = get_ctx(request)
    prepared = cases.prepare_request(ctx, user, body.request, body.intake)
    return CompactJSONResponse(status_code=201, content=await log_prepared(ctx, prepared))


async def log_prepared(ctx: DeskContext, prepared: cases.Prepared) -> dict[str, Any]:
    """Write a prepared request and return the 201's body.

    Deciding (``prepare_request``) takes microseconds and touches no database, so it runs on the event loop;
    the write is awaited without holding a worker thread. It is written with other concurrent requests in
    one transaction (group commit) and returns once that commit is durable (WAL + synchronous=FULL on
    SQLite), so a 201 is never sent for a write that could be lost."""
    stored = await ctx.committer.submit_async(partial(cases.store_request, ctx, prepared=prepared))
    return {
        "id": stored.id,
        "status": stored.values["status"],
        "outcome": stored.values["outcome"],
        "decision": prepared.decision,
        "deadlines": [d.to_dict() for d in prepared.deadlines],
        "links": {"self": f"/api/v1/requests/{stored.id}", "page": f"/requests/{stored.id}"},
    }


@router.get("/requests", summary="List the requests you may see")
def list_requests(
    status: str | None = Query(default=None, max_length=32, description=f"one of {', '.join(STATUSES)}"),
    action: str | None = Query(default=None, max_length=64),
    outcome: str | None = Query(default=None, max_length=32),
    since: date | None = Query(default=None, description="received on or after (YYYY-MM-DD)"),
    until: date | None = Query(default=None, description="received on or before (YYYY-MM-DD)"),
    user: User = Depends(case_user), ctx: DeskContext = Depends(desk_ctx),
) -> dict[str, Any]:
    for name, value, allowed in (("status", status, STATUSES), ("action", action, ACTIONS),
                                 ("outcome", outcome, OUTCOMES)):
        if value is not None and value not in allowed:
            raise HTTPException(status_code=422, detail={"field": name, "message": f"unknown {name}",
                                                         "allowed": list(allowed)})
    for name, day in (("since", since), ("until", until)):
        if day is not None and not MIN_DATE <= day <= MAX_DATE:
            raise HTTPException(status_code=422, detail={"field": name, "message": DATE_RANGE_MESSAGE})
    filters = cases.Filters(status=status, action=action, outcome=outcome, since=since, until=until)
    with ctx.reading() as session:  # a read: never the write slot
        records = cases.list_requests(session, user, filters)
        names = cases.usernames(session)
        return {"requests": [cases.summary(ctx, r, names) for r in records], "count": len(records)}


@router.get("/requests/{request_id}", summary="One request, its decision and history (the view is logged)")
def get_request(request_id: RequestId, user: User = Depends(case_user),
                ctx: DeskContext = Depends(desk_ctx)) -> dict[str, Any]:
    with ctx.writing() as session:
        record = _load(session, user, request_id)
        cases.record_view(ctx, session, user, record)
        return cases.detail(ctx, record, cases.usernames(session))


@router.post("/requests/{request_id}/escalations", status_code=201, summary="Escalate to a supervisor or counsel")
def escalate(request_id: RequestId, body: EscalationIn, user: User = Depends(case_user),
             ctx: DeskContext = Depends(desk_ctx)) -> dict[str, Any]:
    with ctx.writing() as session:
        record = _load(session, user, request_id)
        escalation = cases.escalate(ctx, session, user, record, body.target_role, body.note)
        return {"id": escalation.id, "request_id": record.id, "status": record.status}


CONFLICT: dict[int | str, dict[str, Any]] = {
    409: {"description": "The request's state does not allow this (see allowed_actions)"}}


@router.post("/requests/{request_id}/final", status_code=201, summary="Record the final decision and its reason",
             responses={**CONFLICT, 403: {"description": "Wrong role, or against the law without counsel"}})
def final(request_id: RequestId, body: FinalDecisionIn, user: User = Depends(final_user),
          ctx: DeskContext = Depends(desk_ctx)) -> dict[str, Any]:
    """A second final decision is refused (409): correct the one in force by naming it in ``supersedes``.
    Complying with what the law forbids, or refusing what it requires, needs counsel and a written reason."""
    with ctx.writing() as session:
        record = _load(session, user, request_id)
        decision = cases.record_final(ctx, session, user, record, body.outcome, body.reason, body.supersedes)
        return {"id": decision.id, "request_id": record.id, "status": record.status,
                "supersedes": decision.supersedes_id, "against_law": decision.against_law}


@router.post("/requests/{request_id}/close", summary="Close a decided request", responses=CONFLICT)
def close(request_id: RequestId, body: ReasonIn, user: User = Depends(final_user),
          ctx: DeskContext = Depends(desk_ctx)) -> dict[str, Any]:
    with ctx.writing() as session:
        record = _load(session, user, request_id)
        cases.close(ctx, session, user, record, body.reason)
        return {"request_id": record.id, "status": record.status}


@router.post("/requests/{request_id}/reopen", summary="Reopen a decided or closed request (a reason is required)",
             responses=CONFLICT)
def reopen(request_id: RequestId, body: ReasonIn, user: User = Depends(final_user),
           ctx: DeskContext = Depends(desk_ctx)) -> dict[str, Any]:
    with ctx.writing() as session:
        record = _load(session, user, request_id)
        cases.reopen(ctx, session, user, record, body.reason)
        return {"request_id": record.id, "status": record.status}


@router.patch("/requests/{request_id}", summary="Correct the facts and decide again (the earlier facts and "
              "decision are kept)", responses=CONFLICT)
def edit(request_id: RequestId, body: EditIn, user: User = Depends(case_user),
         ctx: DeskContext = Depends(desk_ctx)) -> dict[str, Any]:
    with ctx.writing() as session:
        record = _load(session, user, request_id)
        decision = cases.edit_request(ctx, session, user, record, body.request, body.reason)
        return {"request_id": record.id, "status": record.status, "outcome": record.outcome, "decision": decision}


@router.get("/queue", summary="Requests escalated to you (supervisor or counsel), soonest deadline first")
def queue(user: User = Depends(final_user), ctx: DeskContext = Depends(desk_ctx)) -> dict[str, Any]:
    with ctx.reading() as session:  # a read: never the write slot
        names = cases.usernames(session)
        items = [{**cases.summary(ctx, record, names), "escalation": {"id": esc.id, "note": esc.note,
                                                                      "at": esc.created_at.isoformat()}}
                 for record, esc in cases.escalated_to(session, user)]
        return {"queue": items, "count": len(items)}


@router.post("/requests/{request_id}/grants", status_code=201, summary="Grant time-limited access to a user")
def grant(request_id: RequestId, body: GrantIn, user: User = Depends(require_roles(*access.GRANT_ROLES)),
          ctx: DeskContext = Depends(desk_ctx)) -> dict[str, Any]:
    with ctx.writing() as session:
        record = _load(session, user, request_id)
        record_grant = cases.grant_access(ctx, session, user, record, body.username, body.hours)
        return {"id": record_grant.id, "expires_at": record_grant.expires_at.isoformat()}


@router.get("/users", summary="Accounts (admin only)")
def list_users(_: User = Depends(admin_user), ctx: DeskContext = Depends(desk_ctx)) -> dict[str, Any]:
    with ctx.reading() as session:
        users = session.scalars(select(User).order_by(User.username))
        return {"users": [{"id": u.id, "username": u.username, "role": u.role, "active": u.active,
                           "created_at": u.created_at.isoformat()} for u in users]}
