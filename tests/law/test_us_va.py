"""Scenario tests for Virginia (library/us/va.yaml): SB 783 (2026 Va. Acts ch. 1028; in force 2026-07-01, its
agreement conditions expire 2028-06-30)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.law._trust_states import decide_in, request, state_rules

COUNTY = "us/va/prince-william-county"


def decide(req: dict[str, Any]) -> dict[str, Any]:
    return decide_in("us/va.yaml", req)


@pytest.mark.parametrize(("date", "covered"), [("2026-06-30", False), ("2026-07-01", True), ("2028-06-30", True),
                                               ("2028-07-01", False)])
def test_agreement_conditions_in_force_window(date: str, covered: bool) -> None:
    """2026 Va. Acts ch. 1028 (SB 783): a 287(g) agreement must contain the act's conditions, from 2026-07-01
    until the provisions expire on 2028-06-30."""
    d = decide(request(date, COUNTY, "jail", "enter_agreement"))
    assert ("agreement-must-contain-conditions" in state_rules(d, "us/va")) is covered
    if covered:
        kinds = {o["kind"] for o in d["obligations"] if o.get("rule") == "agreement-must-contain-conditions"}
        assert kinds == {"escalate_to_counsel"}


def test_conditions_are_a_duty_not_a_ban() -> None:
    """SB 783 sets conditions; it does not forbid agreements, so it never decides the outcome itself."""
    d = decide(request("2026-09-01", COUNTY, "jail", "enter_agreement"))
    assert d["decided_by"] is None or d["decided_by"]["jurisdiction"] != "us/va"
    entry = next(b for b in d["basis"] if b["rule"] == "agreement-must-contain-conditions")
    assert entry["contested"] is True
