"""Shared helpers for the Illinois, Chicago, Cook County, Oregon, Washington and New Jersey scenario tests.

Each test module decides requests against only the layers it exercises (the federal file plus its own files),
copied from the packaged library into a temporary directory, so that a problem in an unrelated jurisdiction's
file cannot mask or fake a result here.
"""

from __future__ import annotations

from typing import Any

from sanctuary.engine import Engine
from tests.law._library import obligation_kinds, request, subset_engine

__all__ = ["basis_rules", "decided_by", "engine_for", "obligation_kinds", "obligations_of", "request", "status_of"]


def engine_for(*files: str) -> Engine:
    """An engine over ``us.yaml`` and the listed library files (paths relative to the library)."""
    return subset_engine(("us.yaml", *files))


def status_of(decision: dict[str, Any], jurisdiction: str, rule: str) -> str:
    """The basis status of one rule; fails the test if the rule is not in the basis."""
    for entry in decision["basis"]:
        if entry["jurisdiction"] == jurisdiction and entry["rule"] == rule:
            return str(entry["status"])
    seen = [(b["jurisdiction"], b["rule"], b["status"]) for b in decision["basis"]]
    raise AssertionError(f"{jurisdiction}#{rule} not in basis: {seen}")


def basis_rules(decision: dict[str, Any], jurisdiction: str) -> set[str]:
    return {b["rule"] for b in decision["basis"] if b["jurisdiction"] == jurisdiction}



def obligations_of(decision: dict[str, Any], rule: str) -> list[dict[str, Any]]:
    return [o for o in decision["obligations"] if o.get("rule") == rule]


def decided_by(decision: dict[str, Any]) -> tuple[str, str] | None:
    by = decision["decided_by"]
    return None if by is None else (by["jurisdiction"], by["rule"])
