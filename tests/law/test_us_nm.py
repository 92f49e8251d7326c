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
