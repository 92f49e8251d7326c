"""The decision: the contract's shape, built lazily into JSON by :meth:`Decision.to_dict`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any


def _entry(entry: dict[str, Any]) -> dict[str, Any]:
    """A copy of an obligation or conflict entry, its lists copied too (``conditional_on``, ``cases``), so that a
    caller changing what ``to_dict`` gave cannot change the shared decision."""
    out = dict(entry)
    for key, value in entry.items():
        if type(value) is list:
            out[key] = list(value)
    return out


class Decision:
    """One decision. Attributes hold what the engine found; ``to_dict`` renders the contract's JSON.

    A decision is immutable and may be shared between calls (the engine memoises them): its sequences are
    tuples, and ``by_data`` and the dictionaries inside the tuples must be treated as read-only (``to_dict``
    returns copies, nested lists included).
    """

    __slots__ = (
        "_canonical", "assumed", "basis", "by_data", "conflicts", "coverage", "decided_by", "explanation",
        "jurisdiction", "layers", "missing_facts", "obligations", "outcome", "ruleset", "trace",
    )

    def __init__(
        self,
        *,
        outcome: str,
        decided_by: dict[str, str] | None,
        basis: Sequence[dict[str, Any]],
        obligations: Sequence[dict[str, Any]],
        conflicts: Sequence[dict[str, Any]],
        missing_facts: Sequence[str],
        explanation: str,
        jurisdiction: str,
        layers: Sequence[dict[str, Any]],
        ruleset: str,
        assumed: Sequence[str],
        by_data: dict[str, str] | None = None,
        trace: list[dict[str, Any]] | None = None,
        coverage: str = "rule",
    ) -> None:
        self.outcome = outcome
        self.coverage = coverage
        self.decided_by = decided_by
        self.basis = tuple(basis)
        self.obligations = tuple(obligations)
        self.conflicts = tuple(conflicts)
        self.missing_facts = tuple(missing_facts)
        self.explanation = explanation
        self.jurisdiction = jurisdiction
        self.layers = tuple(layers)
        self.ruleset = ruleset
        self.assumed = tuple(assumed)
        self.by_data = by_data
        self.trace = trace
        self._canonical: bytes | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "outcome": self.outcome,
            "coverage": self.coverage,
            "decided_by": dict(self.decided_by) if self.decided_by else None,
            "basis": [dict(b) for b in self.basis],
            "obligations": [_entry(o) for o in self.obligations],
            "conflicts": [_entry(c) for c in self.conflicts],
            "missing_facts": list(self.missing_facts),
            "explanation": self.explanation,
            "jurisdiction": self.jurisdiction,
            "layers": [dict(layer) for layer in self.layers],
            "assumed": list(self.assumed),
            "ruleset": self.ruleset,
        }
        if self.by_data is not None:
            out["by_data"] = dict(self.by_data)
        if self.trace is not None:
            out["trace"] = self.trace
        return out

    def canonical_json(self) -> bytes:
        """``to_dict()`` as canonical JSON (sorted keys, no spaces, UTF-8), computed once per decision: a
        memoised decision is shared by every request with the same pattern, and the desk hashes it for each."""
        cached = self._canonical
        if cached is None:
            cached = self._canonical = json.dumps(
                self.to_dict(), sort_keys=True, separators=(",", ":"), ensure_ascii=False
            ).encode()
        return cached

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)

    def __repr__(self) -> str:
        by = self.decided_by["rule"] if self.decided_by else None
        return (f"Decision(outcome={self.outcome!r}, coverage={self.coverage!r}, decided_by={by!r}, "
                f"jurisdiction={self.jurisdiction!r})")
