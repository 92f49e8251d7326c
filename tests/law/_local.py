"""Shared requests for the scenario tests of the District of Columbia and the cities and counties added for
issue 7 (tests/law/test_us_dc.py and the city and county tests)."""

from __future__ import annotations

from typing import Any

from tests.law._rules_subset import engine

ICE = {"agency": "ice", "purpose": "civil_immigration"}
DETAINER = {"type": "detainer", "signed_by": "immigration_officer", "accompanied_by": ["admin_warrant"]}
FEDERAL_WARRANT = {"type": "detainer", "signed_by": "federal_judge", "accompanied_by": ["judicial_warrant"]}


def decide(files: tuple[str, ...], jurisdiction: str, kind: str, action: str, date: str = "2026-03-01",
           **extra: Any) -> dict[str, Any]:
    """Decide one request against the listed library files (ICE as requester unless ``extra`` says otherwise)."""
    request: dict[str, Any] = {"date": date, "agency": {"jurisdiction": jurisdiction, "kind": kind},
                               "action": action, "requester": ICE}
    request.update(extra)
    result: dict[str, Any] = engine(*files).decide(request).to_dict()
    return result


def local_rules(decision: dict[str, Any], jurisdiction: str) -> dict[str, str]:
    """The rules of one layer in the basis, with their statuses."""
    return {b["rule"]: b["status"] for b in decision["basis"] if b["jurisdiction"] == jurisdiction}
