"""Pages for one's own API tokens (list, name, expire, revoke) and for approving privileged accounts.

Database work runs in the thread pool (``run_in_threadpool``), in a transaction that ends there
(``ctx.reading()`` on the read engine, ``ctx.writing()`` for changes). Every form carries the session's CSRF token.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from sanctuary.db.types import utcnow
from sanctuary.desk import accounts, approvals
from sanctuary.desk.context import DeskContext
from sanctuary.desk.engine_port import DeskInputError
from sanctuary.desk.models import User
from sanctuary.desk.schemas import RequestId
from sanctuary.desk.wording import N_
from sanctuary.web import forms
from sanctuary.web.auth import Principal, page_principal, page_roles
from sanctuary.web.deps import get_ctx
from sanctuary.web.pages import checked_form, render

router = APIRouter(include_in_schema=False)
approver_page = page_roles(*approvals.APPROVER_ROLES)


def _tokens(ctx: DeskContext, user_id: int) -> list[Any]:
    with ctx.reading() as session:
        user = session.get(User, user_id)
        return accounts.tokens_of(session, user) if user is not None else []


async def _tokens_page(request: Request, principal: Principal, status_code: int = 200, **extra: Any) -> Response:
    ctx = get_ctx(request)
    tokens = await run_in_threadpool(_tokens, ctx, principal.user.id)
    return render(request, "tokens.html", principal, status_code, tokens=tokens, now=utcnow(),
                  max_days=accounts.MAX_TOKEN_DAYS, default_days=ctx.settings.token_days,
                  **{"error": None, "new_token": None, "new_name": "", **extra})


@router.get("/account/tokens", response_class=HTMLResponse)
async def tokens_page(request: Request, principal: Principal = Depends(page_principal)) -> Response:
    return await _tokens_page(request, principal)


def _make_token(ctx: DeskContext, user_id: int, name: str, days: int) -> str:
    with ctx.writing() as session:
        user = session.get(User, user_id)
        assert user is not None
        return accounts.create_token(ctx, session, user, actor=user, name=name, days=days)


@router.post("/account/tokens", response_class=HTMLResponse)
async def make_token(request: Request, principal: Principal = Depends(page_principal)) -> Response:
    form = await checked_form(request, principal)
    name, days_text = forms.text(form, "name"), forms.text(form, "days")
    try:
        if not days_text.isdigit():
            raise DeskInputError("days", N_("a whole number of days"))
        token = await run_in_threadpool(_make_token, get_ctx(request), principal.user.id, name, int(days_text))
    except DeskInputError as exc:
        return await _tokens_page(request, principal, 422, error=exc)
    return await _tokens_page(request, principal, new_token=token, new_name=name)


def _revoke(ctx: DeskContext, user_id: int, token_id: int) -> None:
    with ctx.writing() as session:
        user = session.get(User, user_id)
        assert user is not None
        accounts.revoke_token(ctx, session, user, token_id)


@router.post("/account/tokens/{token_id}/revoke")
async def revoke_token(token_id: RequestId, request: Request,
                       principal: Principal = Depends(page_principal)) -> Response:
    await checked_form(request, principal)
    try:
        await run_in_threadpool(_revoke, get_ctx(request), principal.user.id, token_id)
    except DeskInputError as exc:
        raise HTTPException(status_code=404, detail=exc.message) from exc
    return RedirectResponse(url="/account/tokens", status_code=303)


# --- approvals ------------------------------------------------------------------------------------------


def _pending(ctx: DeskContext) -> tuple[list[Any], dict[int, str]]:
    with ctx.reading() as session:
        items = approvals.pending(session)
        names = {u.id: u.username for u in session.scalars(select(User))}
        return items, names


@router.get("/approvals", response_class=HTMLResponse)
async def approvals_page(request: Request, principal: Principal = Depends(approver_page)) -> Response:
    items, names = await run_in_threadpool(_pending, get_ctx(request))
    done = request.query_params.get("done", "")
    return render(request, "approvals.html", principal, approvals=items, names=names, error=None,
                  notice={"approved": "Approved.", "rejected": "Rejected."}.get(done, ""))


def _decide(ctx: DeskContext, user_id: int, approval_id: int, verdict: str) -> None:
    with ctx.writing() as session:
        user = session.get(User, user_id)
        assert user is not None
        (approvals.approve if verdict == "approve" else approvals.reject)(ctx, session, user, approval_id)


@router.post("/approvals/{approval_id}/{verdict}")
async def decide(approval_id: RequestId, verdict: str, request: Request,
                 principal: Principal = Depends(approver_page)) -> Response:
    if verdict not in ("approve", "reject"):
        raise HTTPException(status_code=404, detail="No such action.")
    await checked_form(request, principal)
    try:
        await run_in_threadpool(_decide, get_ctx(request), principal.user.id, approval_id, verdict)
    except DeskInputError as exc:
        items, names = await run_in_threadpool(_pending, get_ctx(request))
        return render(request, "approvals.html", principal, 422, approvals=items, names=names, error=exc.message,
                      notice="")
    return RedirectResponse(url=f"/approvals?done={verdict}d", status_code=303)
