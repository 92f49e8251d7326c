"""The decision: the contract's shape, built lazily into JSON by :meth:`Decision.to_dict`."""

from __future__ import annotations

import json
from typing import Any


class Decision:
    """One decision. Attributes hold what the engine found; ``to_dict`` renders the contract's JSON."""

    __slots__ = (
        "assumed", "basis", "by_data", "conflicts", "decided_by", "explanation", "jurisdiction", "layers",
        "missing_facts", "obligations", "outcome", "ruleset", "trace",
    )

    def __init__(
        self,
        *,
        outcome: str,
        decided_by: dict[str, str] | None,
        basis: list[dict[str, Any]],
        obligations: list[dict[str, Any]],
        conflicts: list[dict[str, Any]],
        missing_facts: list[str],
        explanation: str,
        jurisdiction: str,
        layers: list[dict[str, Any]],
        ruleset: str,
        assumed: list[str],
        by_data: dict[str, str] | None = None,
        trace: list[dict[str, Any]] | None = None,
    ) -> None:
        self.outcome = outcome
        self.decided_by = decided_by
        self.basis = basis
        self.obligations = obligations
        self.conflicts = conflicts
        self.missing_facts = missing_facts
        self.explanation = explanation
        self.jurisdiction = jurisdiction
        self.layers = layers
        self.ruleset = ruleset
        self.assumed = assumed
        self.by_data = by_data
        self.trace = trace

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "outcome": self.outcome,
            "decided_by": dict(self.decided_by) if self.decided_by else None,
            "basis": [dict(b) for b in self.basis],
            "obligations": [dict(o) for o in self.obligations],
            "conflicts": [dict(c) for c in self.conflicts],
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

    def to_json(self, **kwargs: Any) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, **kwargs)

    def __repr__(self) -> str:
        by = self.decided_by["rule"] if self.decided_by else None
        return f"Decision(outcome={self.outcome!r}, decided_by={by!r}, jurisdiction={self.jurisdiction!r})"
