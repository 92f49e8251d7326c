"""Authentication (bearer tokens for the API, session cookies for pages) and role checks."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from fastapi import Depends, HTTPException, Request
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from sanctuary.desk.accounts import session_for_cookie, user_for_token
from sanctuary.desk.context import DeskContext
from sanctuary.desk.models import ROLES, User
from sanctuary.desk.passwords import token_hash
from sanctuary.web.deps import get_ctx

SESSION_COOKIE = "sanctuary_session"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


@dataclass(frozen=True)
class Principal:
    user: User
    via: str  # "token" or "session"
    csrf: str = ""


class LoginRequired(Exception):
    """Raised by page dependencies; answered with a redirect to the login page."""


def _bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return None


def find_principal(request: Request, session: Session) -> Principal | None:
    token = _bearer(request)
    if token is not None:
        user = user_for_token(session, token)
        return Principal(user, "token") if user is not None else None
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        record = session_for_cookie(session, cookie)
        if record is not None:
            return Principal(record.user, "session", record.csrf_token)
    return None


def _lookup(request: Request) -> Principal | None:
    """Credentials are checked on the read engine: no write lock is taken just to authenticate."""
    with get_ctx(request).read_sessions() as session:
        return find_principal(request, session)


def _token_user(ctx: DeskContext, token: str) -> User | None:
    with ctx.read_sessions() as session:
        return user_for_token(session, token)


async def _token_principal(ctx: DeskContext, token: str) -> Principal | None:
    """Every call checks the token: against the short-lived cache of lookups, else the database (off the
    event loop). Only the token's hash is used as the key."""
    digest = token_hash(token)
    user = ctx.tokens.get(digest)
    if user is None:
        generation = ctx.tokens.generation
        user = await run_in_threadpool(_token_user, ctx, token)
        if user is None:
            return None
        ctx.tokens.put(digest, user, generation)
    return Principal(user, "token")


async def api_principal(request: Request) -> Principal:
    """API callers: a bearer token, or a browser session for safe (read-only) methods."""
    token = _bearer(request)
    if token is not None:
        principal = await _token_principal(get_ctx(request), token)
    else:
        principal = await run_in_threadpool(_lookup, request)
    if principal is None or (principal.via == "session" and request.method not in SAFE_METHODS):
        raise HTTPException(status_code=401, detail="authentication required",
                            headers={"WWW-Authenticate": "Bearer"})
    return principal


def require_roles(*roles: str) -> Callable[..., Awaitable[User]]:
    """A dependency that admits only the given roles: 401 without credentials, 403 for another role."""
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles: {sorted(unknown)}")

    async def dependency(request: Request) -> User:
        # One dependency rather than a chain of three: FastAPI's resolution costs per level, on every call.
        user = (await api_principal(request)).user
        if user.role not in roles:
            raise HTTPException(status_code=403, detail=f"this needs one of the roles: {', '.join(roles)}")
        return user

    return dependency


def page_principal(request: Request) -> Principal:
    """Pages: the browser session (a sync dependency: the lookup runs in a worker thread, on the read engine)."""
    principal = _lookup(request)
    if principal is None or principal.via != "session":
        raise LoginRequired()
    return principal


def page_roles(*roles: str) -> Callable[..., Awaitable[Principal]]:
    async def dependency(principal: Principal = Depends(page_principal)) -> Principal:
        if principal.user.role not in roles:
            raise HTTPException(status_code=403, detail="Your role does not give access to this page.")
        return principal

    return dependency
