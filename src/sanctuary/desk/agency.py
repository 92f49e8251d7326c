"""The agency's profile: its name, address, letterhead, counsel's phone and time zone, set by an admin.

Letters and notices carry it, and every time the desk shows or prints is in the agency's time zone with the
zone named. There is one profile (row id 1); until an admin saves one, the desk uses the ``SANCTUARY_TIMEZONE``
setting and prints no letterhead. Each change is audit-logged (the actor, a keyed hash of the new profile and
its version; the profile itself is public information but the log carries ids and hashes only).

Pages read the profile often, so it is cached per process for ``CACHE_SECONDS``; a change made in this process
is seen at once, one made by another worker within that time.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import threading
import time
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Final
from zoneinfo import ZoneInfo, available_timezones

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, Session, mapped_column

from sanctuary.db.base import Base
from sanctuary.db.types import UTCDateTime, utcnow
from sanctuary.desk import events
from sanctuary.desk.context import DeskContext
from sanctuary.desk.engine_port import DeskInputError
from sanctuary.desk.models import User
from sanctuary.desk.wording import N_

PROFILE_ID: Final = 1
CACHE_SECONDS: Final = 30.0
LIMITS: Final[dict[str, int]] = {"name": 200, "address": 500, "letterhead": 1000, "counsel_phone": 40,
                                 "timezone": 64}
_PHONE = re.compile(r"[0-9+()./ \-]{3,32}(?: ?(?:ext\.?|x) ?[0-9]{1,6})?")


class AgencyProfileRow(Base):
    __tablename__ = "desk_agency_profile"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    letterhead: Mapped[str] = mapped_column(Text, default="")
    counsel_phone: Mapped[str] = mapped_column(String(40), default="")
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    version: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    updated_by: Mapped[int | None] = mapped_column(ForeignKey("desk_users.id"), nullable=True)


@dataclass(frozen=True)
class AgencyProfile:
    """What pages and printouts use (a plain value: safe to cache and to share between threads)."""

    name: str = ""
    address: str = ""
    letterhead: str = ""
    counsel_phone: str = ""
    timezone: str = "UTC"
    version: int = 0

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def to_dict(self) -> dict[str, str | int]:
        return asdict(self)


def check_timezone(name: str) -> str:
    """An IANA time zone name, such as America/Chicago; anything else is a :class:`DeskInputError`."""
    name = name.strip()
    if name not in _zones():
        hint = [z for z in sorted(_zones()) if name and name.lower() in z.lower()][:5]
        raise DeskInputError("timezone", N_("“%(name)s” is not an IANA time zone name (for example "
                                            "America/Chicago)"), hint, params={"name": name[:64]})
    return name


_zone_names: frozenset[str] | None = None


def _zones() -> frozenset[str]:
    global _zone_names
    if _zone_names is None:
        _zone_names = frozenset(available_timezones())
    return _zone_names


def validate(values: dict[str, str], default_timezone: str) -> AgencyProfile:
    """The profile an admin submitted, checked field by field (the first problem names its field)."""
    clean: dict[str, str] = {}
    for key, limit in LIMITS.items():
        raw = values.get(key, "")
        if not isinstance(raw, str):
            raise DeskInputError(key, N_("must be text"))
        text = raw.replace("\r\n", "\n").strip()
        if len(text) > limit:
            raise DeskInputError(key, N_("is %(length)s characters long; at most %(limit)s are allowed"),
                                 params={"length": len(text), "limit": limit})
        if key in ("name", "counsel_phone", "timezone") and "\n" in text:
            raise DeskInputError(key, N_("must be on one line"))
        clean[key] = text
    if not clean["name"]:
        raise DeskInputError("name", N_("the agency's name is required"))
    if clean["counsel_phone"] and not _PHONE.fullmatch(clean["counsel_phone"]):
        raise DeskInputError("counsel_phone", N_("use digits, spaces and + ( ) - . only, for example "
                                                 "+1 312 555 0100 ext. 12"))
    clean["timezone"] = check_timezone(clean["timezone"] or default_timezone)
    return AgencyProfile(name=clean["name"], address=clean["address"], letterhead=clean["letterhead"],
                         counsel_phone=clean["counsel_phone"], timezone=clean["timezone"])


def _from_row(row: AgencyProfileRow) -> AgencyProfile:
    return AgencyProfile(name=row.name, address=row.address, letterhead=row.letterhead,
                         counsel_phone=row.counsel_phone, timezone=row.timezone, version=row.version)


def load(session: Session, default_timezone: str = "UTC") -> AgencyProfile:
    row = session.get(AgencyProfileRow, PROFILE_ID)
    return _from_row(row) if row is not None else AgencyProfile(timezone=default_timezone)


def profile_hash(secret: bytes, profile: AgencyProfile) -> str:
    """A keyed hash of the profile, for the audit log."""
    canonical = json.dumps(profile.to_dict(), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hmac.new(secret, b"agency-profile\x00" + canonical.encode(), hashlib.sha256).hexdigest()


def save(ctx: DeskContext, session: Session, actor: User, values: dict[str, str]) -> AgencyProfile:
    """Validate and store the profile (the caller commits); logs ``agency.changed``."""
    new = validate(values, ctx.settings.timezone)
    row = session.get(AgencyProfileRow, PROFILE_ID)
    if row is None:
        row = AgencyProfileRow(id=PROFILE_ID, version=0)
        session.add(row)
    row.name, row.address, row.letterhead = new.name, new.address, new.letterhead
    row.counsel_phone, row.timezone = new.counsel_phone, new.timezone
    row.version = (row.version or 0) + 1
    row.updated_by = actor.id
    session.flush()
    stored = _from_row(row)
    events.append(ctx, session, "agency.changed", actor_id=actor.id, version=stored.version,
                  payload_sha256=profile_hash(ctx.secret, stored))
    remember(ctx, stored)
    return stored


# --- the per-process cache -------------------------------------------------------------------------------

_lock = threading.Lock()
_cache: dict[int, tuple[float, AgencyProfile]] = {}


def remember(ctx: DeskContext, profile: AgencyProfile) -> None:
    with _lock:
        _cache[id(ctx)] = (time.monotonic(), profile)


def current(ctx: DeskContext) -> AgencyProfile:
    """The profile, from the cache when it is fresh (one primary-key read otherwise)."""
    with _lock:
        hit = _cache.get(id(ctx))
    if hit is not None and time.monotonic() - hit[0] < CACHE_SECONDS:
        return hit[1]
    with ctx.read_sessions() as session:
        profile = load(session, ctx.settings.timezone)
    remember(ctx, profile)
    return profile


def forget(ctx: DeskContext) -> None:
    with _lock:
        _cache.pop(id(ctx), None)


# --- times shown in the agency's zone ---------------------------------------------------------------------


def local_time(value: datetime | date | None, zone: str, fmt: str = "%Y-%m-%d %H:%M") -> str:
    """``value`` in the agency's zone, with the zone named: ``2026-03-02 09:15 CST (America/Chicago)``.

    A date (no time of day) is shown as is; a naive datetime is taken as UTC (the database's convention)."""
    if value is None:
        return ""
    if not isinstance(value, datetime):
        return value.strftime(fmt.split(" %H")[0])
    tz = ZoneInfo(zone)
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo("UTC"))
    local = value.astimezone(tz)
    abbreviation = local.tzname() or ""
    named = f"{abbreviation} ({zone})" if abbreviation and abbreviation != zone else zone
    return f"{local.strftime(fmt)} {named}"


def local_day(value: datetime | date | None, zone: str, fmt: str = "%B %-d, %Y") -> str:
    """The calendar day of ``value`` in the agency's zone (no time of day, so no zone name)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = (value if value.tzinfo else value.replace(tzinfo=ZoneInfo("UTC"))).astimezone(ZoneInfo(zone)).date()
    return value.strftime(fmt)
