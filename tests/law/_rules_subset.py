"""Build an engine over a subset of the packaged rule library, optionally with fictional fixture files.

The Texas, Florida, Idaho and Canadian scenario tests decide requests against only the layers they exercise
(the federal file, the state or province, the city), so a problem in an unrelated jurisdiction's file does not
mask theirs. Fixture files (tests/law/fixtures/anti_sanctuary/...) are FICTIONAL local policies used only to
show that a state's preemption voids them; they never go into the packaged library.
"""

from __future__ import annotations

from typing import Any

from sanctuary.engine import Engine
from tests.law._library import obligation_kinds, subset_engine

__all__ = ["basis_entry", "engine", "obligation_kinds", "rules_in_basis"]


def engine(*real: str, fixtures: tuple[str, ...] = ()) -> Engine:
    """An engine over the listed packaged files (and fixtures), built once per combination."""
    return subset_engine(tuple(real), tuple(fixtures))


def basis_entry(decision: dict[str, Any], jurisdiction: str, rule: str) -> dict[str, Any]:
    """The basis entry for one rule; fails the test if the rule is not in the basis."""
    entries: list[dict[str, Any]] = decision["basis"]
    for entry in entries:
        if entry["jurisdiction"] == jurisdiction and entry["rule"] == rule:
            return entry
    found = [(b["jurisdiction"], b["rule"]) for b in entries]
    raise AssertionError(f"{jurisdiction}#{rule} not in basis: {found}")


def rules_in_basis(decision: dict[str, Any], jurisdiction: str) -> set[str]:
    return {b["rule"] for b in decision["basis"] if b["jurisdiction"] == jurisdiction}
