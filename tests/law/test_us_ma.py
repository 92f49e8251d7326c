"""Scenario tests for Massachusetts (library/us/ma.yaml): Lunn v. Commonwealth, 477 Mass. 517 (2017)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.law._trust_states import (
    DETAINER,
    ICE,
    JUDICIAL_WARRANT,
    confidence_of,
    decide_in,
    decided_by,
    request,
    state_rules,
)

BOSTON = "us/ma/boston"


def decide(req: dict[str, Any]) -> dict[str, Any]:
    return decide_in("us/ma.yaml", req)


@pytest.mark.parametrize(("date", "covered"), [("2017-07-23", False), ("2017-07-24", True)])
def test_lunn_date_boundary_for_court_officer_hold(date: str, covered: bool) -> None:
    """Lunn v. Commonwealth, 477 Mass. 517, 527-537 (decided 2017-07-24): court officers have no authority to hold
    a person past release on a civil immigration detainer."""
    d = decide(request(date, BOSTON, "court", "hold", requester=ICE, instrument=DETAINER))
    assert ("no-civil-detainer-arrest" in state_rules(d, "us/ma")) is covered
    if covered:
        assert d["outcome"] == "forbidden"
        assert decided_by(d) == ("us/ma", "no-civil-detainer-arrest")


def test_lunn_reaches_county_jails() -> None:
    """Lunn, 477 Mass. at 531-537: no common-law or statutory authority for civil immigration arrests by any
    Massachusetts officer; a jail hold on a detainer is forbidden."""
    d = decide(request("2024-06-01", BOSTON, "jail", "hold", requester=ICE, instrument=DETAINER))
    assert d["outcome"] == "forbidden"
    assert confidence_of(d, "us/ma", "no-civil-detainer-arrest") == "primary"


def test_lunn_police_civil_arrest_on_ice_warrant_forbidden() -> None:
    """Lunn, 477 Mass. at 527-528: holding on a detainer is an arrest under Massachusetts law."""
    d = decide(request("2024-06-01", BOSTON, "police", "arrest", requester=ICE,
                       instrument={"type": "admin_warrant", "signed_by": "immigration_officer"}))
    assert d["outcome"] == "forbidden"


def test_judicial_warrant_is_outside_lunn() -> None:
    """Lunn concerns civil detainers; custody on a judge's warrant is not an arrest "solely" on one."""
    d = decide(request("2024-06-01", BOSTON, "jail", "hold", requester=ICE, instrument=JUDICIAL_WARRANT))
    assert d["outcome"] != "forbidden"
    assert "judicial-warrant-is-not-a-civil-detainer-arrest" in state_rules(d, "us/ma")
