"""One contract request decided for every jurisdiction in the atlas (only ``agency.jurisdiction`` varies)."""

from __future__ import annotations

import copy
import datetime as dt
import sqlite3
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sanctuary.atlas.scores import FAMILY_NAMES, NO_RECORD_FACTS
from sanctuary.i18n import N_

# Each preset states its person exactly as the family probes do, and names the family whose score it must agree
# with (tests/atlas/test_consistency.py). Dates are filled in when used: today, unless a date is given.
PRESETS: dict[str, dict[str, Any]] = {
    "detainer-county-jail": {
        "title": N_("ICE detainer at a county jail (administrative warrant, no criminal record)"),
        "family": "detainer_holds",
        "request": {
            "agency": {"kind": "jail"}, "action": "hold",
            "requester": {"agency": "ice", "purpose": "civil_immigration"},
            "instrument": {"type": "detainer", "signed_by": "immigration_officer",
                           "accompanied_by": ["admin_warrant"]},
            "subject": {"in_custody": True, **NO_RECORD_FACTS},
        },
    },
    "shelter-asks-status": {
        "title": N_("Shelter intake asks for immigration status"),
        "family": "",
        "request": {
            "agency": {"kind": "shelter"}, "action": "inquire",
            "data": ["immigration_status"], "context": "service_delivery",
        },
    },
    "release-date-to-ice": {
        "title": N_("ICE asks a jail for a release date (no warrant)"),
        "family": "notification_transfer",
        "request": {
            "agency": {"kind": "jail"}, "action": "notify_release",
            "requester": {"agency": "ice", "purpose": "civil_immigration"},
            "instrument": {"type": "detainer", "signed_by": "immigration_officer"},
            "subject": {"in_custody": True, **NO_RECORD_FACTS},
        },
    },
}


assert all(p["family"] in FAMILY_NAMES or not p["family"] for p in PRESETS.values())


def today() -> str:
    return dt.date.today().isoformat()


def preset_request(key: str, date: str | None = None) -> dict[str, Any]:
    """A preset's contract request, dated ``date`` (default: today)."""
    return {"date": date or today(), **copy.deepcopy(PRESETS[key]["request"])}


class ScenarioError(ValueError):
    """A scenario request is malformed; ``field`` names the offending field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Place:
    id: str
    name: str
    level: str
    engine_id: str


@dataclass(frozen=True)
class Row:
    jurisdiction: str
    name: str
    level: str
    engine_id: str
    outcome: str
    decided_by: dict[str, str] | None
    explanation: str
    missing_facts: list[str]
    obligations: list[str]
    coverage: str = "rule"

    @property
    def shown(self) -> str:
        """The class a map or table shows: the outcome, or ``no_rule`` where no encoded law speaks."""
        return "no_rule" if self.coverage == "none" else self.outcome

    def to_dict(self) -> dict[str, Any]:
        return {**self.__dict__, "shown": self.shown}


def places(conn: sqlite3.Connection) -> list[Place]:
    cur = conn.execute("SELECT id, name, level, engine_id FROM jurisdictions ORDER BY rowid")
    return [Place(*r) for r in cur.fetchall()]


def check_request(request: Any) -> dict[str, Any]:
    if not isinstance(request, dict):
        raise ScenarioError("request", "must be a JSON object")
    agency = request.get("agency")
    if not isinstance(agency, dict):
        raise ScenarioError("agency", "must be an object with at least 'kind'")
    if "kind" not in agency:
        raise ScenarioError("agency.kind", "is required (the jurisdiction is varied; the kind is kept)")
    if "action" not in request:
        raise ScenarioError("action", "is required")
    if "date" not in request:
        raise ScenarioError("date", "is required (ISO date)")
    return request


def requests_for(request: dict[str, Any], where: Sequence[Place]) -> list[dict[str, Any]]:
    out = []
    for p in where:
        r = copy.copy(request)
        r["agency"] = {**request["agency"], "jurisdiction": p.engine_id}
        out.append(r)
    return out


def run(request: Any, where: Sequence[Place],
        decide_many: Callable[[list[dict[str, Any]]], list[Any]] | None = None) -> list[Row]:
    """Decide ``request`` for every place; raises the engine's ``RequestError`` (naming the field) on bad input."""
    check_request(request)
    if decide_many is None:
        import sanctuary
        decide_many = sanctuary.decide_many
    decisions = decide_many(requests_for(request, where))
    return [Row(p.id, p.name, p.level, p.engine_id, d.outcome, dict(d.decided_by) if d.decided_by else None,
                d.explanation, list(d.missing_facts), sorted({str(o.get("kind")) for o in d.obligations}),
                d.coverage)
            for p, d in zip(where, decisions, strict=True)]


def summary(rows: Sequence[Row]) -> dict[str, int]:
    return dict(Counter(r.shown for r in rows).most_common())
