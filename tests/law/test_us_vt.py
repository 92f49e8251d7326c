"""Scenario tests for Vermont (library/us/vt.yaml): 20 V.S.A. § 4652 (2017, No. 5, eff. 2017-03-28) and the
Criminal Justice Council's Fair and Impartial Policing model policy."""

from __future__ import annotations

from typing import Any

import pytest

from tests.law._trust_states import (
    DETAINER,
    ICE,
    confidence_of,
    decide_in,
    decided_by,
    obligation_kinds,
    request,
    state_rules,
)

TOWN = "us/vt/burlington"


def decide(req: dict[str, Any]) -> dict[str, Any]:
    return decide_in("us/vt.yaml", req)


@pytest.mark.parametrize(("date", "covered"), [("2017-03-27", False), ("2017-03-28", True)])
def test_only_the_governor_may_sign_287g_boundary(date: str, covered: bool) -> None:
    """20 V.S.A. § 4652(a) (2017, No. 5, § 2, eff. 2017-03-28): only the Governor may enter a 287(g) agreement."""
    d = decide(request(date, TOWN, "police", "enter_agreement"))
    assert ("only-governor-may-enter-287g" in state_rules(d, "us/vt")) is covered
    if covered:
        assert d["outcome"] == "forbidden"
        assert confidence_of(d, "us/vt", "only-governor-may-enter-287g") == "primary"


def test_declared_emergency_lets_an_agency_sign() -> None:
    """20 V.S.A. § 4652(b): an agency may sign when necessary to address threats arising out of a declared state or
    national emergency."""
    d = decide(request("2024-01-10", TOWN, "police", "enter_agreement", exigent=True))
    assert d["outcome"] == "allowed"
    assert decided_by(d) == ("us/vt", "emergency-agreement")
    assert "escalate_to_counsel" in obligation_kinds(d)


def test_no_civil_immigration_hold_under_fair_and_impartial_policing() -> None:
    """Vt. Crim. Justice Council Fair and Impartial Policing policy (20 V.S.A. § 2366): no holds for immigration
    purposes without a warrant or a safety need."""
    d = decide(request("2024-01-10", TOWN, "jail", "hold", requester=ICE, instrument=DETAINER))
    assert d["outcome"] == "forbidden"
    assert decided_by(d) == ("us/vt", "no-civil-immigration-holds-or-arrests")
