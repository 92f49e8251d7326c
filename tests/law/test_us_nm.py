"""Scenario tests for New Mexico (library/us/nm.yaml): the Immigrant Safety Act (HB 9, 2026; in force
2026-05-20)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.law._trust_states import confidence_of, decide_in, decided_by, request, state_rules

COUNTY = "us/nm/otero-county"


def decide(req: dict[str, Any]) -> dict[str, Any]:
    return decide_in("us/nm.yaml", req)


@pytest.mark.parametrize(("date", "covered"), [("2026-05-19", False), ("2026-05-20", True)])
def test_detention_agreement_ban_boundary(date: str, covered: bool) -> None:
    """HB 9 (2026), Immigrant Safety Act (effective 2026-05-20): no agreement to detain people for civil
    immigration violations."""
    d = decide(request(date, COUNTY, "jail", "enter_agreement"))
    assert ("no-civil-immigration-detention-agreements" in state_rules(d, "us/nm")) is covered
    if covered:
        assert d["outcome"] == "forbidden"
        assert decided_by(d) == ("us/nm", "no-civil-immigration-detention-agreements")
        assert confidence_of(d, "us/nm", "no-civil-immigration-detention-agreements") == "secondary"


def test_every_public_body_is_covered() -> None:
    """HB 9: "public body" includes state and local governments and publicly funded entities."""
    d = decide(request("2026-06-01", "us/nm", "city_agency", "enter_agreement"))
    assert d["outcome"] == "forbidden"


@pytest.mark.parametrize(("date", "covered"), [("2021-06-17", False), ("2021-06-18", True)])
def test_health_benefits_regardless_of_status_boundary(date: str, covered: bool) -> None:
    """NMSA 1978, § 24A-1-20(A) (Laws 2021, ch. 127, § 1; effective 2021-06-18): a state or local health benefit
    is provided to all non-citizens, regardless of immigration status, who meet the other criteria."""
    d = decide(request(date, COUNTY, "health_facility", "condition_service"))
    assert ("health-benefits-regardless-of-status" in state_rules(d, "us/nm")) is covered
    if covered:
        assert d["outcome"] == "forbidden"
        assert decided_by(d) == ("us/nm", "health-benefits-regardless-of-status")
        assert confidence_of(d, "us/nm", "health-benefits-regardless-of-status") == "primary"


def test_college_admission_regardless_of_status() -> None:
    """NMSA 1978, § 21-1-4.6(A) (Laws 2005, ch. 348, § 1): a public post-secondary institution shall not deny
    admission on account of immigration status."""
    d = decide(request("2024-08-01", "us/nm", "school", "condition_service"))
    assert d["outcome"] == "forbidden"
    assert "college-admission-regardless-of-status" in state_rules(d, "us/nm")
    assert confidence_of(d, "us/nm", "college-admission-regardless-of-status") == "primary"


def test_health_benefit_rule_does_not_reach_other_agencies() -> None:
    """§ 24A-1-20 is encoded for health facilities only; a shelter's request is not decided by it."""
    d = decide(request("2024-08-01", COUNTY, "shelter", "condition_service"))
    assert "health-benefits-regardless-of-status" not in state_rules(d, "us/nm")
