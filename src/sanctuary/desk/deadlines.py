"""Deadlines a request carries: a detainer's 48 hours (weekends and federal holidays excluded) and a
subpoena's return date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sanctuary.desk.holidays import is_business_day
from sanctuary.desk.wording import N_

DETAINER_HOURS = 48
# 8 C.F.R. § 274a.2(b)(2)(ii): an employer gets at least three business days' notice before an I-9 inspection.
INSPECTION_BUSINESS_DAYS = 3


ONE_DAY = timedelta(days=1)


def add_business_hours(start: datetime, hours: int) -> datetime:
    """``start`` plus ``hours`` counting only time on business days (in ``start``'s own time zone): the rest
    of ``start``'s day if it is a business day, then whole business days, then the remainder on the last."""
    if start.tzinfo is None:
        raise ValueError("start must be time-zone aware")
    remaining = timedelta(hours=hours)
    day = start.date()
    if is_business_day(day):
        available = ONE_DAY - (start - datetime.combine(day, time(0), tzinfo=start.tzinfo))
        if remaining <= available:
            return start + remaining
        remaining -= available
    while True:
        day += ONE_DAY
        if is_business_day(day):
            if remaining <= ONE_DAY:
                return datetime.combine(day, time(0), tzinfo=start.tzinfo) + remaining
            remaining -= ONE_DAY


def add_business_days(start: date, days: int) -> date:
    """The ``days``-th business day after ``start`` (weekends and federal holidays skipped)."""
    cursor, counted = start, 0
    while counted < days:
        cursor += timedelta(days=1)
        if is_business_day(cursor):
            counted += 1
    return cursor


def detainer_deadline(received_at: datetime, tz_name: str) -> datetime:
    """When a 48-hour detainer hold (excluding weekends and holidays) would end, in UTC."""
    local = received_at.astimezone(ZoneInfo(tz_name))
    naive_local = local.replace(tzinfo=None)
    # Count wall-clock hours in the local calendar, then attach the zone (handles DST changes).
    end_naive = add_business_hours(naive_local.replace(tzinfo=UTC), DETAINER_HOURS).replace(tzinfo=None)
    return end_naive.replace(tzinfo=ZoneInfo(tz_name)).astimezone(UTC)


@dataclass(frozen=True)
class Deadline:
    kind: str
    due: datetime | date
    label: str

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "due": self.due.isoformat(), "label": self.label}


def deadlines_for(instrument_type: str, received_at: datetime, return_date: date | None,
                  tz_name: str) -> list[Deadline]:
    found: list[Deadline] = []
    if instrument_type == "detainer":
        found.append(Deadline("detainer_48h", detainer_deadline(received_at, tz_name),
                              N_("End of the 48-hour detainer period (weekends and federal holidays excluded)")))
    if instrument_type == "notice_of_inspection":
        found.append(Deadline("i9_inspection", add_business_days(received_at.astimezone(ZoneInfo(tz_name)).date(),
                                                                 INSPECTION_BUSINESS_DAYS),
                              N_("Forms I-9 due to the inspectors (three business days after the notice, "
                                 "8 C.F.R. § 274a.2(b)(2)(ii))")))
    if return_date is not None:
        found.append(Deadline("return_date", return_date, N_("Return date stated on the subpoena or order")))
    return found
