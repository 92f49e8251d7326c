"""Shared requests for the scenario tests of the provincial privacy statutes (tests/law/test_ca_*.py)."""

from __future__ import annotations

from typing import Any

from tests.law._rules_subset import engine


def disclose(files: tuple[str, ...], jurisdiction: str, *, agency: str = "cbsa", purpose: str = "civil_immigration",
             instrument: str = "none", kind: str = "city_agency", date: str = "2026-03-01",
             **extra: Any) -> dict[str, Any]:
    """Decide a request to disclose a resident's address (a municipal agency in the province, by default)."""
    request: dict[str, Any] = {"date": date, "agency": {"jurisdiction": jurisdiction, "kind": kind},
                               "action": "disclose", "data": ["address"],
                               "requester": {"agency": agency, "purpose": purpose}, "instrument": {"type": instrument}}
    request.update(extra)
    result: dict[str, Any] = engine(*files).decide(request).to_dict()
    return result


def layer(decision: dict[str, Any], jurisdiction: str) -> dict[str, Any]:
    found: dict[str, Any] = next(x for x in decision["layers"] if x["jurisdiction"] == jurisdiction)
    return found
