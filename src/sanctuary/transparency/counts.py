"""The raw counts behind the public page, read from the desk's database.

Only four coded columns are read per request: the kind of paper (``instrument_type``), the action asked
(``action``), when it was received (``received_at``) and the latest final decision's outcome code. Nothing
typed at intake (names, badges, person references, free text), no id and no time finer than the month leaves
this module.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.orm import Session

from sanctuary.desk.models import FINAL_OUTCOMES, DeskRequest, FinalDecision
from sanctuary.vocabulary import ACTIONS, INSTRUMENT_TYPES

PENDING = "pending"
OUTCOME_COLUMNS: tuple[str, ...] = (*FINAL_OUTCOMES, PENDING)


@dataclass(frozen=True)
class Record:
    paper: str
    action: str
    month: str  # "YYYY-MM" in the agency's time zone
    outcome: str  # a final outcome code, or "pending"


@dataclass(frozen=True)
class Counts:
    records: tuple[Record, ...]
    months: tuple[str, ...]  # every month from the first request to the last, gaps included
    papers: tuple[str, ...] = INSTRUMENT_TYPES
    actions: tuple[str, ...] = ACTIONS
    outcomes: tuple[str, ...] = OUTCOME_COLUMNS

    def table(self, dimension: str) -> tuple[tuple[str, ...], tuple[tuple[int, ...], ...]]:
        """(row keys, cells) of ``dimension`` ("paper", "action" or "month") by outcome."""
        keys = {"paper": self.papers, "action": self.actions, "month": self.months}[dimension]
        tally = Counter((getattr(r, dimension), r.outcome) for r in self.records)
        return keys, tuple(tuple(tally[(key, outcome)] for outcome in self.outcomes) for key in keys)


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"timezone: unknown time zone {name!r}") from exc


def month_of(moment: datetime, tz: ZoneInfo) -> str:
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    return aware.astimezone(tz).strftime("%Y-%m")


def month_range(first: str, last: str) -> tuple[str, ...]:
    year, month = int(first[:4]), int(first[5:7])
    out: list[str] = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(out)


def add_months(month: str, n: int) -> str:
    index = int(month[:4]) * 12 + int(month[5:7]) - 1 + n
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def month_of_date(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def read_counts(session: Session, timezone: str = "UTC") -> Counts:
    """Every request logged at the desk, reduced to its four coded facts. Unknown codes (from a newer
    vocabulary) are counted under their own row rather than dropped."""
    tz = zone(timezone)
    latest_final = (
        select(FinalDecision.outcome)
        .where(FinalDecision.request_id == DeskRequest.id)
        .order_by(FinalDecision.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    rows = session.execute(
        select(DeskRequest.instrument_type, DeskRequest.action, DeskRequest.received_at, latest_final)
    ).all()
    records = tuple(
        Record(paper=paper, action=action, month=month_of(received, tz),
               outcome=final if final in FINAL_OUTCOMES else PENDING)
        for paper, action, received, final in rows
    )
    months = month_range(min(r.month for r in records), max(r.month for r in records)) if records else ()
    papers = INSTRUMENT_TYPES + tuple(sorted({r.paper for r in records} - set(INSTRUMENT_TYPES)))
    actions = ACTIONS + tuple(sorted({r.action for r in records} - set(ACTIONS)))
    return Counts(records=records, months=months, papers=papers, actions=actions)
