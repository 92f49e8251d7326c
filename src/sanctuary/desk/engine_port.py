"""The law engine as the desk sees it: ``sanctuary.decide`` and ``sanctuary.ruleset_digest``."""

from __future__ import annotations

import dataclasses
import importlib
import sys
from dataclasses import dataclass
from typing import Any

from sanctuary.desk.hashing import canonical


@dataclass
class DeskInputError(Exception):
    """Bad input, mapped to HTTP 422 naming the field (dotted path from the body's root).

    ``message`` is English, for the API. It is also the message id pages translate it by: marked ``N_()`` where
    it is written, with ``%(name)s`` placeholders filled from ``params`` (``template`` keeps the unfilled text)."""

    field: str
    message: str
    allowed: list[str] = dataclasses.field(default_factory=list)
    params: dict[str, str | int] = dataclasses.field(default_factory=dict)

    def __post_init__(self) -> None:
        self.template = self.message
        if self.params:
            self.message = self.message % self.params

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"

    def to_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"error": "invalid_input", "field": self.field, "message": self.message}
        if self.allowed:
            body["allowed"] = self.allowed
        return body


def _engine() -> Any:
    return sys.modules.get("sanctuary") or importlib.import_module("sanctuary")


def decide(contract_request: dict[str, Any], prefix: str = "request") -> dict[str, Any]:
    """Decide one contract request; ``RequestError`` becomes :class:`DeskInputError` on ``prefix.field``."""
    return decide_canonical(contract_request, prefix)[0]


def decide_canonical(contract_request: dict[str, Any], prefix: str = "request") -> tuple[dict[str, Any], bytes]:
    """:func:`decide`, with the decision's canonical JSON (what the desk hashes), cached on the engine's
    memoised decision instead of serialised again for every request."""
    engine = _engine()
    try:
        decision = engine.decide(contract_request)
    except engine.RequestError as exc:
        field_name = getattr(exc, "field", "") or ""
        allowed = getattr(exc, "allowed", None) or []
        raise DeskInputError(
            field=f"{prefix}.{field_name}" if field_name else prefix,
            message=str(getattr(exc, "message", exc)),
            allowed=[str(a) for a in allowed],
        ) from exc
    result: dict[str, Any] = decision.to_dict()
    if "ruleset" not in result:  # every engine decision carries it; a stand-in engine may not
        result["ruleset"] = ruleset_digest()
        return result, canonical(result)
    return result, decision.canonical_json()


def ruleset_digest() -> str:
    return str(_engine().ruleset_digest())

