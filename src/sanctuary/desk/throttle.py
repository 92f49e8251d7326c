"""Login throttling: growing delays per key, counted attempts, purged rows, keyed hashes only.

Each sign-in attempt is checked against up to three counters, each kept under an HMAC of what it counts
(never the username or an address in clear):

- ``pair``: this username from this source. Failures here come from whoever is guessing from that place,
  so its delays grow the most (1 s, 2 s, 4 s, ... up to 15 minutes after the first few failures).
- ``user``: this username from anywhere (a guesser spread over many addresses). Its delays grow too, up to
  5 minutes.
- ``source``: every username from this source (one guess each at many accounts), up to 1 minute.

A browser that has signed in to an account before carries a *known-device* cookie for it (signed with the
desk's secret). Its attempts are counted on a ``device`` counter of their own and are not held back by the
``user`` or ``source`` counters, so an attacker's failures never lock the real user out of a device they
have used; on a new device the real user waits at most the ``user`` delay, never a hard lockout.

Nothing here writes one audit entry per attempt: unauthenticated traffic cannot grow the permanent log.
For existing accounts, failures and refused (throttled) attempts are counted on the ``user`` or ``device``
row and reported as one ``login.failed`` and one ``login.throttled`` entry carrying the count, when the
account next signs in or when the row is purged. Unknown usernames leave nothing in the log. Rows whose
window has passed are purged on later attempts.
"""

from __future__ import annotations

import hashlib
import hmac
import math
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from sanctuary.db.session import DatabaseBusy
from sanctuary.db.types import utcnow
from sanctuary.desk import events
from sanctuary.desk.context import DeskContext
from sanctuary.desk.models import LoginThrottle


@dataclass(frozen=True)
class Policy:
    """Failures allowed before delays start, and the longest delay (seconds), per scope."""

    free: int
    max_delay: int


POLICIES = {
    "pair": Policy(free=3, max_delay=900),
    "device": Policy(free=5, max_delay=60),
    "user": Policy(free=5, max_delay=300),
    "source": Policy(free=20, max_delay=60),
}
PURGE_BATCH = 200
DEVICE_COOKIE = "sanctuary_known_device"
DEVICE_COOKIE_DAYS = 180


class LoginThrottled(Exception):
    """Too many recent failures for this key: try again after ``retry_after`` seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"too many failed attempts; try again in {retry_after} s")
        self.retry_after = retry_after


@dataclass(frozen=True)
class Key:
    scope: str
    digest: str
    user_id: int | None  # set on the rows that report to the audit log (scopes "user" and "device")


def _mac(ctx: DeskContext, *parts: str) -> str:
    return hmac.new(ctx.secret, "\x1f".join(parts).encode(), hashlib.sha256).hexdigest()


def keys_for(ctx: DeskContext, username: str, source: str, user_id: int | None, device: str | None) -> list[Key]:
    """The counters an attempt is checked against. ``device``: the nonce of a valid known-device cookie for
    this account, if the browser sent one."""
    name = username.strip().lower()
    if device is not None and user_id is not None:
        return [Key("device", _mac(ctx, "device", str(user_id), device), user_id)]
    return [Key("pair", _mac(ctx, "pair", name, source), None),
            Key("user", _mac(ctx, "user", name), user_id),
            Key("source", _mac(ctx, "source", source), None)]


def delay_seconds(scope: str, failures: int) -> int:
    policy = POLICIES[scope]
    if failures <= policy.free:
        return 0
    return int(min(2 ** (failures - policy.free - 1), policy.max_delay))


def wait_for(session: Session, keys: Sequence[Key], now: datetime) -> int:
    """Seconds until every counter allows another attempt (0: go ahead). A read: no write slot needed."""
    rows = session.scalars(select(LoginThrottle).where(LoginThrottle.key_hash.in_([k.digest for k in keys])))
    waits = [(row.next_allowed_at - now).total_seconds() for row in rows
             if row.next_allowed_at is not None and row.next_allowed_at > now]
    return math.ceil(max(waits)) if waits else 0


def _locked(ctx: DeskContext, session: Session, keys: Sequence[Key], now: datetime) -> dict[str, LoginThrottle]:
    """The counters of ``keys``, created if missing and locked for this transaction (PostgreSQL: row locks
    taken in key order, so concurrent sign-ins wait for each other briefly instead of overwriting each
    other's counts; SQLite: the write slot already serialises them). A counter whose window has passed
    starts again."""
    digests = sorted({k.digest for k in keys})
    fresh = [{"key_hash": k.digest, "scope": k.scope, "user_id": k.user_id, "failures": 0, "unreported_failures": 0,
              "throttled": 0, "window_start": now, "next_allowed_at": None, "last_seen": now}
             for k in sorted(keys, key=lambda k: k.digest)]
    dialect = session.get_bind().dialect.name
    inserter = pg_insert if dialect == "postgresql" else sqlite_insert
    found: list[LoginThrottle] = []
    for _ in range(3):  # a row another sign-in deleted while we waited for its lock is made again
        session.execute(inserter(LoginThrottle).values(fresh).on_conflict_do_nothing(index_elements=["key_hash"]))
        found = list(session.scalars(select(LoginThrottle).where(LoginThrottle.key_hash.in_(digests))
                                     .order_by(LoginThrottle.key_hash).with_for_update()
                                     .execution_options(populate_existing=True)))
        if len(found) == len(digests):
            break
    else:
        raise DatabaseBusy("login counters kept changing under this sign-in")
    rows = found
    window = timedelta(seconds=ctx.settings.throttle_window_seconds)
    by_digest = {}
    for row in rows:
        if row.last_seen is None or now - row.last_seen > window:
            row.failures = 0
            row.window_start = now
        row.last_seen = now
        by_digest[row.key_hash] = row
    for key in keys:
        if key.user_id is not None:
            by_digest[key.digest].user_id = key.user_id
    return by_digest


def record_throttled(ctx: DeskContext, session: Session, keys: Sequence[Key]) -> None:
    """A refused attempt: counted on each counter, no audit entry of its own."""
    for row in _locked(ctx, session, keys, utcnow()).values():
        row.throttled += 1


def record_failure(ctx: DeskContext, session: Session, keys: Sequence[Key]) -> None:
    """A wrong password (or unknown or disabled account): each counter's delay grows."""
    now = utcnow()
    rows = _locked(ctx, session, keys, now)
    for key in keys:
        row = rows[key.digest]
        row.failures += 1
        if row.user_id is not None:
            row.unreported_failures += 1
        wait = delay_seconds(key.scope, row.failures)
        row.next_allowed_at = now + timedelta(seconds=wait) if wait else None


def record_success(ctx: DeskContext, session: Session, keys: Sequence[Key], user_id: int, username: str) -> None:
    """A correct password: this attempt's counters are reported (if anything happened) and cleared; the
    account's ``user`` counter is reported but keeps its delay (an attacker elsewhere stays slowed); the
    ``source`` counter is left alone (other accounts' failures from there still count). All rows are locked
    before anything is appended to the audit log (one lock order everywhere: counters, then the log)."""
    account = Key("user", _mac(ctx, "user", username.strip().lower()), user_id)
    mine = {key.digest for key in keys if key.scope != "source"}
    wanted = [key for key in keys if key.digest in mine]
    if account.digest not in mine:
        wanted.append(account)
    for digest, row in _locked(ctx, session, wanted, utcnow()).items():
        _report(ctx, session, row)
        if digest in mine:
            session.delete(row)


def _report(ctx: DeskContext, session: Session, row: LoginThrottle) -> None:
    """One entry per kind with the count, for the rows of existing accounts (user and device scopes)."""
    account = row.user_id
    if account is None or row.scope not in ("user", "device"):
        return
    if row.unreported_failures:
        events.append(ctx, session, "login.failed", user_id=account, count=row.unreported_failures)
        row.unreported_failures = 0
    if row.throttled:
        events.append(ctx, session, "login.throttled", user_id=account, count=row.throttled)
        row.throttled = 0


def purge(ctx: DeskContext, session: Session, now: datetime | None = None) -> int:
    """Delete counters whose window has passed and that hold no one back, reporting what existing accounts'
    rows counted. Returns the number of rows removed (at most ``PURGE_BATCH`` per call). Call it last in a
    transaction: it never waits for a counter another sign-in holds (skipped), only for the log."""
    now = now or utcnow()
    cutoff = now - timedelta(seconds=ctx.settings.throttle_window_seconds)
    rows = list(session.scalars(
        select(LoginThrottle)
        .where(LoginThrottle.last_seen < cutoff)
        .order_by(LoginThrottle.last_seen)
        .limit(PURGE_BATCH)
        .with_for_update(skip_locked=True)  # PostgreSQL: rows another sign-in is using are left for later
    ))
    removed = [row for row in rows if row.next_allowed_at is None or row.next_allowed_at <= now]
    for row in removed:
        _report(ctx, session, row)
    if removed:
        session.execute(delete(LoginThrottle).where(LoginThrottle.key_hash.in_([r.key_hash for r in removed])))
    # Rows written before migration 0003 have no last_seen: purge those past their window too.
    session.execute(delete(LoginThrottle).where(LoginThrottle.last_seen.is_(None),
                                                LoginThrottle.window_start < cutoff))
    return len(removed)


# --- the known-device cookie ---------------------------------------------------------------------------


def device_cookie(ctx: DeskContext, user_id: int) -> str:
    nonce = secrets.token_urlsafe(16)
    return f"{user_id}.{nonce}.{_mac(ctx, 'device-cookie', str(user_id), nonce)}"


def device_nonce(ctx: DeskContext, cookie: str | None, user_id: int | None) -> str | None:
    """The cookie's nonce if it is a valid known-device cookie for ``user_id``, else None."""
    if not cookie or user_id is None:
        return None
    parts = cookie.split(".")
    if len(parts) != 3 or parts[0] != str(user_id) or len(parts[1]) > 64:
        return None
    expected = _mac(ctx, "device-cookie", parts[0], parts[1])
    return parts[1] if hmac.compare_digest(parts[2], expected) else None
