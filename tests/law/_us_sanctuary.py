"""Shared helpers for the scenario tests of the federal layer, California, San Francisco, New York, New York City,
Colorado, Denver and Connecticut (tests/law/test_us.py, test_us_ca*.py, test_us_ny*.py, test_us_co*.py,
test_us_ct.py).

Decisions are made against a copy of only these rule files (plus the federal file), so that a problem in an
unrelated jurisdiction's file can neither mask nor fake a result here. ``full_decide`` goes through the public
``sanctuary.decide`` API over the whole packaged library, for integration checks.
"""

from __future__ import annotations

from typing import Any

import sanctuary
from sanctuary.engine import Engine
from tests.law._library import obligation_kinds, request, subset_engine

__all__ = ["DETAINER", "FEDERAL_WARRANT", "ICE", "NO_RECORD", "STATE_WARRANT", "basis_entry", "charge", "conviction",
           "decide", "decided", "engine", "full_decide", "obligation_kinds", "record", "request", "rules_in_basis",
           "status_of"]

FILES = (
    "us.yaml",
    "us/ca.yaml",
    "us/ca/san-francisco.yaml",
    "us/ny.yaml",
    "us/ny/new-york-city.yaml",
    "us/co.yaml",
    "us/co/denver.yaml",
    "us/ct.yaml",
)

ICE = {"agency": "ice", "purpose": "civil_immigration"}
DETAINER = {"type": "detainer", "signed_by": "immigration_officer", "accompanied_by": ["admin_warrant"]}
FEDERAL_WARRANT = {"type": "detainer", "signed_by": "federal_judge", "accompanied_by": ["judicial_warrant"]}
STATE_WARRANT = {"type": "detainer", "signed_by": "state_judge", "accompanied_by": ["judicial_warrant"]}
NO_RECORD: dict[str, Any] = {"convictions": [], "pending_charges": [], "watchlist_match": False,
                             "final_removal_order": False, "reentered_after_removal": False}


def engine() -> Engine:
    return subset_engine(FILES)


def decide(request: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = engine().decide(request).to_dict()
    return result


def full_decide(request: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = sanctuary.decide(request).to_dict()
    return result


def conviction(cls: str, date: str) -> dict[str, str]:
    return {"class": cls, "date": date}


def charge(cls: str, probable_cause_finding: bool = True) -> dict[str, Any]:
    return {"class": cls, "probable_cause_finding": probable_cause_finding}


def record(**subject: Any) -> dict[str, Any]:
    """A subject with every record fact given (none of them true) unless overridden."""
    return {**NO_RECORD, "in_custody": True, **subject}


def status_of(d: dict[str, Any], jurisdiction: str, rule: str) -> str:
    found = [b["status"] for b in d["basis"] if b["jurisdiction"] == jurisdiction and b["rule"] == rule]
    assert found, f"{jurisdiction}#{rule} not in basis: {[(b['jurisdiction'], b['rule']) for b in d['basis']]}"
    assert len(set(found)) == 1, f"{jurisdiction}#{rule} has several statuses: {found}"
    status: str = found[0]
    return status


def basis_entry(d: dict[str, Any], jurisdiction: str, rule: str) -> dict[str, Any]:
    for b in d["basis"]:
        if b["jurisdiction"] == jurisdiction and b["rule"] == rule:
            entry: dict[str, Any] = b
            return entry
    raise AssertionError(f"{jurisdiction}#{rule} not in basis")


def rules_in_basis(d: dict[str, Any]) -> set[tuple[str, str]]:
    return {(b["jurisdiction"], b["rule"]) for b in d["basis"]}


def decided(d: dict[str, Any]) -> tuple[str, str] | None:
    by = d["decided_by"]
    return None if by is None else (by["jurisdiction"], by["rule"])
