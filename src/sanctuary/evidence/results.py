"""One estimate as stored, listed (``sanctuary evidence list --json``) and exported (CSV)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sanctuary.evidence.compare import Comparison

CSV_COLUMNS = ("id", "question", "outcome", "estimator", "estimate", "ci_low", "ci_high", "p_value",
               "treated_units", "control_units", "observations", "pre_trend_p", "flags", "compare", "command",
               "notes")


@dataclass
class Estimate:
    id: str
    question: str
    outcome: str
    estimator: str
    estimate: float | None
    ci: tuple[float, float] | None
    p_value: float | None
    treated_units: int
    control_units: int
    observations: int
    pre_trend_p: float | None
    flags: list[str]
    compare: list[Comparison]
    command: str
    notes: str = ""
    events: list[tuple[int, float, float, float]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "question": self.question, "outcome": self.outcome, "estimator": self.estimator,
                "estimate": self.estimate, "ci": list(self.ci) if self.ci else None,
                "treated_units": self.treated_units, "flags": list(self.flags),
                "compare": [c.to_dict() for c in self.compare]}

    def row(self) -> dict[str, Any]:
        return {"id": self.id, "question": self.question, "outcome": self.outcome, "estimator": self.estimator,
                "estimate": self.estimate, "ci_low": self.ci[0] if self.ci else None,
                "ci_high": self.ci[1] if self.ci else None, "p_value": self.p_value,
                "treated_units": self.treated_units, "control_units": self.control_units,
                "observations": self.observations, "pre_trend_p": self.pre_trend_p,
                "flags": json.dumps(self.flags), "compare": json.dumps([c.to_dict() for c in self.compare],
                                                                       ensure_ascii=False),
                "command": self.command, "notes": self.notes}

    @classmethod
    def from_row(cls, r: dict[str, Any]) -> Estimate:
        ci = (r["ci_low"], r["ci_high"]) if r["ci_low"] is not None else None
        comps = [Comparison(c["study"], c["figure"], c["overlaps"], c.get("note", ""))
                 for c in json.loads(r["compare"])]
        return cls(r["id"], r["question"], r["outcome"], r["estimator"], r["estimate"], ci, r["p_value"],
                   r["treated_units"], r["control_units"], r["observations"], r["pre_trend_p"],
                   json.loads(r["flags"]), comps, r["command"], r["notes"])
