"""JSON API for accounts and tokens: one's own API tokens, accounts (admin) and their approvals (counsel, admin).

Creating or promoting an account to a privileged role answers 202 with a pending approval: a second person
approves it with ``POST /api/v1/approvals/{id}/approve`` (:mod:`sanctuary.desk.approvals`).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Response
from pydantic import BaseModel, ConfigDict, Field

from sanctuary.desk import access, accounts, approvals
from sanctuary.desk.context import DeskContext
from sanctuary.desk.models import ROLES, ApiToken, RoleApproval, User
from sanctuary.desk.schemas import MAX_ID
from sanctuary.web.auth import require_roles
from sanctuary.web.deps import desk_ctx

router = APIRouter(prefix="/api/v1", tags=["accounts"])
anyone = require_roles(*ROLES)
admin_user = require_roles(*access.ADMIN_ROLES)
approver = require_roles(*approvals.APPROVER_ROLES)
TokenId = Annotated[int, Path(ge=1, le=MAX_ID, description="the token's id")]
UserId = Annotated[int, Path(ge=1, le=MAX_ID, description="the account's id")]
ApprovalId = Annotated[int, Path(ge=1, le=MAX_ID, description="the approval's id")]


class TokenIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=accounts.MAX_TOKEN_NAME)
    days: int | None = Field(default=None, ge=1, le=accounts.MAX_TOKEN_DAYS)


class AccountIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    username: str = Field(min_length=2, max_length=64)
    role: str = Field(max_length=16)
    password: str = Field(min_length=1, max_length=1024)


class AccountChange(BaseModel):
    model_config = ConfigDict(extra="forbid")
    role: str | None = Field(default=None, max_length=16)
    active: bool | None = None


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _token(t: ApiToken) -> dict[str, Any]:
    return {"id": t.id, "name": t.name, "created_at": _iso(t.created_at), "expires_at": _iso(t.expires_at),
            "revoked_at": _iso(t.revoked_at)}


def _approval(a: RoleApproval | None) -> dict[str, Any] | None:
    if a is None:
        return None
    return {"id": a.id, "user_id": a.user_id, "role": a.role, "status": a.status,
            "requested_by_id": a.requested_by_id, "requested_at": _iso(a.requested_at),
            "decided_by_id": a.decided_by_id, "decided_at": _iso(a.decided_at)}


# Every handler is sync (FastAPI runs it in a worker thread) and ends its transaction before it answers:
# reads on the read engine (``ctx.reading()``), writes in ``ctx.writing()``.


@router.get("/tokens", summary="Your API tokens (never the tokens themselves)")
def list_tokens(user: User = Depends(anyone), ctx: DeskContext = Depends(desk_ctx)) -> dict[str, Any]:
    with ctx.reading() as session:
        return {"tokens": [_token(t) for t in accounts.tokens_of(session, user)]}


@router.post("/tokens", status_code=201, summary="Make a named, expiring API token for yourself (shown once)")
def make_token(body: TokenIn, user: User = Depends(anyone), ctx: DeskContext = Depends(desk_ctx)) -> dict[str, Any]:
    with ctx.writing() as session:
        me = session.merge(user, load=True)
        token = accounts.create_token(ctx, session, me, actor=me, name=body.name, days=body.days)
        record = accounts.tokens_of(session, me)[0]
        return {**_token(record), "token": token}


@router.delete("/tokens/{token_id}", summary="Revoke one of your tokens (admins: anyone's)")
def revoke(token_id: TokenId, user: User = Depends(anyone), ctx: DeskContext = Depends(desk_ctx)) -> dict[str, Any]:
    with ctx.writing() as session:
        return _token(accounts.revoke_token(ctx, session, session.merge(user, load=True), token_id))


def _account(u: User) -> dict[str, Any]:
    return {"id": u.id, "username": u.username, "role": u.role, "active": u.active}


@router.post("/users", status_code=201, summary="Create an account (privileged roles: 202, pending approval)")
def create_user(body: AccountIn, response: Response, actor: User = Depends(admin_user),
                ctx: DeskContext = Depends(desk_ctx)) -> dict[str, Any]:
    with ctx.writing() as session:
        outcome = approvals.create_account(ctx, session, session.merge(actor, load=True), body.username, body.role,
                                           body.password)
        session.flush()
        answer = {**_account(outcome.user), "approval": _approval(outcome.approval)}
    if outcome.pending:
        response.status_code = 202
    return answer


@router.patch("/users/{user_id}", summary="Change role or status (gaining privilege: 202, pending approval)")
def change_user(user_id: UserId, body: AccountChange, response: Response, actor: User = Depends(admin_user),
                ctx: DeskContext = Depends(desk_ctx)) -> dict[str, Any]:
    with ctx.writing() as session:
        target = session.get(User, user_id)
        if target is None:
            raise HTTPException(status_code=404, detail="no such user")
        if target.id == actor.id:
            raise HTTPException(status_code=422, detail="you cannot change your own account")
        outcome = approvals.change_account(ctx, session, session.merge(actor, load=True), target, body.role,
                                           body.active)
        session.flush()
        answer = {**_account(outcome.user), "approval": _approval(outcome.approval)}
    if outcome.pending:
        response.status_code = 202
    return answer


@router.get("/approvals", summary="Pending account approvals (counsel, admin)")
def list_approvals(_: User = Depends(approver), ctx: DeskContext = Depends(desk_ctx)) -> dict[str, Any]:
    with ctx.reading() as session:
        return {"approvals": [_approval(a) for a in approvals.pending(session)]}


@router.post("/approvals/{approval_id}/{verdict}", summary="Approve or reject (a second person: not the requester)")
def decide(approval_id: ApprovalId, verdict: str, actor: User = Depends(approver),
           ctx: DeskContext = Depends(desk_ctx)) -> dict[str, Any]:
    if verdict not in ("approve", "reject"):
        raise HTTPException(status_code=404, detail="verdict: approve or reject")
    decide_fn = approvals.approve if verdict == "approve" else approvals.reject
    with ctx.writing() as session:
        approval = decide_fn(ctx, session, session.merge(actor, load=True), approval_id)
        session.flush()
        return _approval(approval) or {}
