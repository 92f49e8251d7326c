"""Shared helpers for the scenario tests of the southern and plains states (Alabama to Louisiana, and the
no_policy states): a decision over the federal file, one state file and optionally that state's FICTIONAL
``fixture-county`` (tests/law/fixtures/anti_sanctuary/us/<st>/fixture-county.yaml), and request builders.

The tests assert what the state layer says (its rules, their status, citations and dates). Where a state is silent
they assert only that no state rule decided, not the federal layer's answer, which is encoded elsewhere.
"""

from __future__ import annotations

from typing import Any

from tests.law._rules_subset import basis_entry, engine, obligation_kinds, rules_in_basis

__all__ = ["basis_entry", "decide", "detainer", "obligation_kinds", "request", "rules_in_basis"]


def decide(state: str, request_: dict[str, Any], *, fixture: bool = False) -> dict[str, Any]:
    """Decide ``request_`` against us.yaml and us/<state>.yaml (and the state's fixture county if asked)."""
    fixtures = (f"us/{state}/fixture-county.yaml",) if fixture else ()
    return engine("us.yaml", f"us/{state}.yaml", fixtures=fixtures).decide(request_).to_dict()


def request(date: str, jurisdiction: str, kind: str, action: str, **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"date": date, "agency": {"jurisdiction": jurisdiction, "kind": kind}, "action": action}
    out.update(extra)
    return out


def detainer(date: str, jurisdiction: str, *, kind: str = "jail", action: str = "hold", agency: str = "ice",
             warrant: bool = True, **subject: Any) -> dict[str, Any]:
    """An ICE detainer for a person in the agency's custody, with its administrative warrant unless told not to."""
    instrument: dict[str, Any] = {"type": "detainer", "signed_by": "immigration_officer"}
    if warrant:
        instrument["accompanied_by"] = ["admin_warrant"]
    return request(date, jurisdiction, kind, action, requester={"agency": agency, "purpose": "civil_immigration"},
                   instrument=instrument, subject={"in_custody": True, **subject})
