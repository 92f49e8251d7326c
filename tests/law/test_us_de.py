"""Scenario tests for Delaware (library/us/de.yaml): 11 Del. C. § 8402B (HB 182, signed 2025-07-14)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.law._trust_states import DETAINER, ICE, confidence_of, decide_in, decided_by, request, state_rules

COUNTY = "us/de/new-castle-county"


def decide(req: dict[str, Any]) -> dict[str, Any]:
    return decide_in("us/de.yaml", req)


@pytest.mark.parametrize(("date", "covered"), [("2025-07-13", False), ("2025-07-14", True)])
def test_287g_ban_date_boundary(date: str, covered: bool) -> None:
    """11 Del. C. § 8402B(a) (HB 182, effective on approval 2025-07-14): no 287(g) or detention agreements."""
    d = decide(request(date, COUNTY, "police", "enter_agreement"))
    assert ("no-287g-or-detention-agreements" in state_rules(d, "us/de")) is covered
    if covered:
        assert d["outcome"] == "forbidden"
        assert decided_by(d) == ("us/de", "no-287g-or-detention-agreements")
        assert confidence_of(d, "us/de", "no-287g-or-detention-agreements") == "primary"


def test_jail_detention_contract_also_barred() -> None:
    """11 Del. C. § 8402B(a)(2): no agreement to detain or house people held by a federal immigration authority."""
    d = decide(request("2026-01-05", COUNTY, "jail", "enter_agreement"))
    assert d["outcome"] == "forbidden"
    assert "escalate_to_counsel" in {o["kind"] for o in d["obligations"]}


def test_delaware_has_no_rule_on_detainer_holds() -> None:
    """§ 8402B covers agreements only: a hold on a detainer is left to the federal layer."""
    d = decide(request("2026-01-05", COUNTY, "jail", "hold", requester=ICE, instrument=DETAINER))
    assert state_rules(d, "us/de") == set()
