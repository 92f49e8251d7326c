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


# --- 940 CMR 37.04 (St. 2022, c. 81, § 7): Registry of Motor Vehicles records -------------------------------------

def rmv(date: str, **extra: Any) -> dict[str, Any]:
    extra.setdefault("instrument", {"type": "none"})
    return decide(request(date, BOSTON, "city_agency", "disclose", requester=ICE, data=["address"], **extra))


@pytest.mark.parametrize(("date", "covered"), [("2024-01-04", False), ("2024-01-05", True)])
def test_rmv_may_not_give_ice_licence_holder_information(date: str, covered: bool) -> None:
    """940 CMR 37.04(1)-(2), in the version read (Mass Register Issue 1512, eff. 2024-01-05; the emergency version of
    2023-06-30 is not encoded): no disclosure to an agency that primarily enforces immigration law."""
    d = rmv(date)
    assert ("rmv-no-records-to-immigration-agencies" in state_rules(d, "us/ma")) is covered
    if covered:
        assert d["outcome"] == "forbidden"
        assert decided_by(d) == ("us/ma", "rmv-no-records-to-immigration-agencies")
        assert confidence_of(d, "us/ma", "rmv-no-records-to-immigration-agencies") == "primary"


def test_rmv_discloses_on_an_article_iii_judges_warrant_and_tells_the_person() -> None:
    """940 CMR 37.04(1): a judicial warrant signed by an Article III judge; the person is notified within three
    business days. A state judge's warrant is not enough."""
    federal = rmv("2025-03-01", instrument={"type": "judicial_warrant", "signed_by": "federal_judge"})
    state = rmv("2025-03-01", instrument={"type": "judicial_warrant", "signed_by": "state_judge"})
    assert federal["outcome"] == "allowed"
    assert any(o["kind"] == "notify_subject" for o in federal["obligations"])
    assert state["outcome"] == "forbidden"
