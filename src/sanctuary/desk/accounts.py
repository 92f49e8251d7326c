"""Users, API tokens, browser sessions and login throttling."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, event, or_, select
from sqlalchemy.orm import Session

from sanctuary.db.session import retrying
from sanctuary.db.types import utcnow
from sanctuary.desk import events, throttle
from sanctuary.desk.context import DeskContext
from sanctuary.desk.engine_port import DeskInputError
from sanctuary.desk.models import ROLES, ApiToken, User, WebSession
from sanctuary.desk.passwords import hash_password, new_token, token_hash, verify_password
from sanctuary.desk.wording import N_

USERNAME_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789._-")


def normalise_username(username: str) -> str:
    name = username.strip().lower()
    if not 2 <= len(name) <= 64 or not set(name) <= USERNAME_CHARS:
        raise DeskInputError("username", N_("2–64 characters: letters, digits, '.', '_' or '-'"))
    return name


def check_role(role: str) -> str:
    if role not in ROLES:
        raise DeskInputError("role", N_("unknown role “%(role)s”"), list(ROLES), params={"role": role[:64]})
    return role


def create_user(ctx: DeskContext, session: Session, username: str, role: str, password: str,
                actor: User | None = None, active: bool = True) -> User:
    """Create an account at once. Trusted callers only: the server's console (``sanctuary users create``);
    the web and the API go through :mod:`sanctuary.desk.approvals`, where privileged roles need a second
    person."""
    name = normalise_username(username)
    check_role(role)
    try:
        password_hash = hash_password(password, name)
    except ValueError as exc:
        raise DeskInputError("password", str(exc).split(": ", 1)[-1]) from exc
    if session.scalar(select(User.id).where(User.username == name)) is not None:
        raise DeskInputError("username", N_("that username is taken"))
    user = User(username=name, role=role, password_hash=password_hash, active=active)
    session.add(user)
    session.flush()
    events.append(ctx, session, "account.created", target_user_id=user.id, role=role,
                  actor_id=actor.id if actor else 0)
    return user


def update_user(ctx: DeskContext, session: Session, user: User, actor: User, role: str | None = None,
                active: bool | None = None) -> User:
    if role is not None:
        user.role = check_role(role)
    if active is not None:
        user.active = active
        if not active:
            session.execute(delete(WebSession).where(WebSession.user_id == user.id))
            for token in session.scalars(select(ApiToken).where(ApiToken.user_id == user.id)):
                token.revoked_at = token.revoked_at or utcnow()
    session.flush()
    forget_tokens(ctx, session)
    events.append(ctx, session, "account.changed", target_user_id=user.id, role=user.role,
                  status="active" if user.active else "disabled", actor_id=actor.id)
    return user


def forget_tokens(ctx: DeskContext, session: Session) -> None:
    """Empty the API-token cache now and again once ``session`` commits, so no lookup made in between
    (which would still see the old rows) outlives the change."""
    ctx.tokens.clear()
    event.listen(session, "after_commit", lambda _: ctx.tokens.clear(), once=True)


def user_by_name(session: Session, username: str) -> User | None:
    return session.scalar(select(User).where(User.username == username.strip().lower()))


MAX_TOKEN_DAYS = 366
MAX_TOKEN_NAME = 100


def create_token(ctx: DeskContext, session: Session, user: User, actor: User | None = None, name: str = "",
                 days: int | None = None) -> str:
    """A new API token for ``user`` (returned once; only its hash is kept), named, expiring after ``days``
    (default ``SANCTUARY_TOKEN_DAYS``, 90; at most 366)."""
    days = ctx.settings.token_days if days is None else days
    if isinstance(days, bool) or not 1 <= days <= MAX_TOKEN_DAYS:
        raise DeskInputError("days", N_("a token lives between 1 and %(most)s days"), params={"most": MAX_TOKEN_DAYS})
    name = name.strip()
    if len(name) > MAX_TOKEN_NAME or any(not ch.isprintable() for ch in name):
        raise DeskInputError("name", N_("up to %(most)s printable characters"), params={"most": MAX_TOKEN_NAME})
    token = new_token()
    record = ApiToken(user_id=user.id, token_hash=token_hash(token), name=name,
                      expires_at=utcnow() + timedelta(days=days))
    session.add(record)
    session.flush()
    events.append(ctx, session, "token.created", user_id=user.id, token_id=record.id,
                  actor_id=actor.id if actor else 0, count=days)
    return token


def tokens_of(session: Session, user: User) -> list[ApiToken]:
    return list(session.scalars(select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id.desc())))


def revoke_token(ctx: DeskContext, session: Session, actor: User, token_id: int) -> ApiToken:
    """Revoke one token: the actor's own, or anyone's for an administrator. Takes effect at once here and
    within the token cache's lifetime (2 s) in other worker processes."""
    record = session.get(ApiToken, token_id)
    if record is None or (record.user_id != actor.id and actor.role != "admin"):
        raise DeskInputError("token", N_("no such token of yours"))
    if record.revoked_at is None:
        record.revoked_at = utcnow()
        session.flush()
        forget_tokens(ctx, session)
        events.append(ctx, session, "token.revoked", user_id=record.user_id, token_id=record.id, actor_id=actor.id)
    return record


def user_for_token(session: Session, token: str) -> User | None:
    return session.scalar(
        select(User).join(ApiToken, ApiToken.user_id == User.id)
        .where(ApiToken.token_hash == token_hash(token), ApiToken.revoked_at.is_(None), User.active.is_(True),
               or_(ApiToken.expires_at.is_(None), ApiToken.expires_at > utcnow()))
    )


# --- browser sessions -------------------------------------------------------------------------------


@dataclass(frozen=True)
class NewSession:
    cookie: str
    csrf: str


def start_session(ctx: DeskContext, session: Session, user: User) -> NewSession:
    cookie = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    session.add(WebSession(token_hash=token_hash(cookie), user_id=user.id, csrf_token=csrf,
                           expires_at=utcnow() + timedelta(hours=ctx.settings.session_hours)))
    session.execute(delete(WebSession).where(WebSession.expires_at < utcnow()))
    return NewSession(cookie=cookie, csrf=csrf)


def session_for_cookie(session: Session, cookie: str) -> WebSession | None:
    record = session.scalar(select(WebSession).where(WebSession.token_hash == token_hash(cookie)))
    if record is None or record.expires_at < utcnow() or not record.user.active:
        return None
    return record


def end_session(session: Session, cookie: str) -> None:
    session.execute(delete(WebSession).where(WebSession.token_hash == token_hash(cookie)))


# --- signing in, throttled ------------------------------------------------------------------------------


@dataclass(frozen=True)
class SignedIn:
    user: User
    session: NewSession
    device_cookie: str


def sign_in(ctx: DeskContext, username: str, password: str, source: str, device: str | None = None) -> SignedIn:
    """Check a password under the throttle (``sanctuary.desk.throttle``) and open a browser session.

    Blocking (argon2 and the database): call it from a worker thread, never on the event loop. The password
    is checked outside any transaction, so no write slot is held while argon2 runs; the counters and the new
    session are written in one short transaction. Raises :class:`throttle.LoginThrottled` (with the seconds
    to wait) or :class:`PermissionError` (wrong username or password; the same answer for unknown names).
    """
    name = username.strip().lower()
    with ctx.reading() as session:
        user = user_by_name(session, name) if len(name) <= 64 else None
        known = user.id if user is not None else None
        keys = throttle.keys_for(ctx, name, source, known, throttle.device_nonce(ctx, device, known))
        wait = throttle.wait_for(session, keys, utcnow())
    if wait:
        def refused() -> None:
            with ctx.writing() as session:
                throttle.record_throttled(ctx, session, keys)

        retrying(refused)
        raise throttle.LoginThrottled(wait)
    ok = verify_password(user.password_hash if user else None, password) and user is not None and user.active

    def record() -> NewSession | None:
        with ctx.writing() as session:
            new = None
            if not ok or user is None:
                throttle.record_failure(ctx, session, keys)
            else:
                throttle.record_success(ctx, session, keys, user.id, name)
                new = start_session(ctx, session, user)
            throttle.purge(ctx, session)
            return new

    new = retrying(record)
    if new is None or user is None:
        raise PermissionError("wrong username or password")
    return SignedIn(user=user, session=new, device_cookie=throttle.device_cookie(ctx, user.id))
