"""Shared helpers for the scenario tests of the sanctuary and trust states added on 2026-12-04 (Delaware, Maine,
Maryland, Massachusetts, Minnesota, Nevada, New Mexico, Rhode Island, Vermont, Virginia).

Each module decides requests against the federal file and its own state file only (see tests/law/_library.py),
so a problem in another jurisdiction's file can neither mask nor fake a result. Assertions about dates say that
the state's rule is or is not in the basis, rather than naming the federal rule that decides otherwise, so that
they keep testing the state file when the federal layer grows.
"""

from __future__ import annotations

from typing import Any

from tests.law._library import obligation_kinds, request, subset_engine

__all__ = ["DETAINER", "ICE", "JUDICIAL_WARRANT", "confidence_of", "decide_in", "decided_by", "obligation_kinds",
           "request", "state_rules"]

ICE = {"agency": "ice", "purpose": "civil_immigration"}
DETAINER = {"type": "detainer", "signed_by": "immigration_officer", "accompanied_by": ["admin_warrant"]}
JUDICIAL_WARRANT = {"type": "judicial_warrant", "signed_by": "federal_judge"}


def decide_in(state_file: str, req: dict[str, Any]) -> dict[str, Any]:
    """Decide one request against ``us.yaml`` and one state file."""
    result: dict[str, Any] = subset_engine(("us.yaml", state_file)).decide(req).to_dict()
    return result


def state_rules(decision: dict[str, Any], jurisdiction: str) -> set[str]:
    """The ids of the rules of one jurisdiction in a decision's basis (applied, overridden or void)."""
    return {b["rule"] for b in decision["basis"] if b["jurisdiction"] == jurisdiction}


def decided_by(decision: dict[str, Any]) -> tuple[str, str] | None:
    by = decision["decided_by"]
    return None if by is None else (by["jurisdiction"], by["rule"])


def confidence_of(decision: dict[str, Any], jurisdiction: str, rule: str) -> str:
    for b in decision["basis"]:
        if b["jurisdiction"] == jurisdiction and b["rule"] == rule:
            return str(b["confidence"])
    raise AssertionError(f"{jurisdiction}#{rule} not in basis")
