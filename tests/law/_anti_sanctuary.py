"""Request builders shared by the scenario tests of the anti-sanctuary states added in issue 7 (law-north).

Each state's module decides requests against ``us.yaml``, the state's file and, where a test shows a preemption, a
FICTIONAL local policy (tests/law/fixtures/anti_sanctuary/us/<st>/fixture-county.yaml or fixture-city.yaml).
"""

from __future__ import annotations

from typing import Any

from tests.law._rules_subset import engine


def decide(state: str, request: dict[str, Any], *, fixture: str | None = None) -> dict[str, Any]:
    """Decide ``request`` against the federal file, ``us/<state>.yaml`` and optionally one fixture."""
    fixtures = (f"us/{state}/{fixture}.yaml",) if fixture else ()
    return engine("us.yaml", f"us/{state}.yaml", fixtures=fixtures).decide(request).to_dict()


def detainer(date: str, jurisdiction: str, *, kind: str = "jail", action: str = "hold", agency: str = "ice",
             warrant: bool = True, context: str | None = None, **subject: Any) -> dict[str, Any]:
    """An ICE (or other) detainer for a person in custody, with or without the administrative warrant."""
    instrument: dict[str, Any] = {"type": "detainer", "signed_by": "immigration_officer"}
    if warrant:
        instrument["accompanied_by"] = ["admin_warrant"]
    out: dict[str, Any] = {"date": date, "agency": {"jurisdiction": jurisdiction, "kind": kind}, "action": action,
                           "requester": {"agency": agency, "purpose": "civil_immigration"},
                           "instrument": instrument, "subject": {"in_custody": True, **subject}}
    if context is not None:
        out["context"] = context
    return out


def share(date: str, jurisdiction: str, *, kind: str = "police", agency: str = "ice",
          data: tuple[str, ...] = ("immigration_status",)) -> dict[str, Any]:
    """A request to disclose information about a person."""
    return {"date": date, "agency": {"jurisdiction": jurisdiction, "kind": kind}, "action": "disclose",
            "requester": {"agency": agency, "purpose": "civil_immigration"}, "data": list(data)}


def ask(date: str, jurisdiction: str, *, kind: str = "police", context: str | None = None,
        **subject: Any) -> dict[str, Any]:
    """Staff asking a person about immigration status."""
    out: dict[str, Any] = {"date": date, "agency": {"jurisdiction": jurisdiction, "kind": kind},
                           "action": "inquire", "data": ["immigration_status"]}
    if context is not None:
        out["context"] = context
    if subject:
        out["subject"] = subject
    return out


def act(date: str, jurisdiction: str, action: str, *, kind: str = "jail", agency: str | None = "ice",
        **extra: Any) -> dict[str, Any]:
    """Any other action, requested by ``agency`` (None: no requester)."""
    out: dict[str, Any] = {"date": date, "agency": {"jurisdiction": jurisdiction, "kind": kind}, "action": action}
    if agency is not None:
        out["requester"] = {"agency": agency, "purpose": "civil_immigration"}
    out.update(extra)
    return out


def layer(decision: dict[str, Any], jurisdiction: str) -> dict[str, Any]:
    """The decision's entry for one layer."""
    for entry in decision["layers"]:
        if entry["jurisdiction"] == jurisdiction:
            return dict(entry)
    raise AssertionError(f"{jurisdiction} not among the layers: {decision['layers']}")
