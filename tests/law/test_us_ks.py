"""Scenario tests for Kansas (library/us/ks.yaml): House Bill 2717 (2022), K.S.A. 12-16,139 to 12-16,143."""

from __future__ import annotations

import pytest

from tests.law._south import basis_entry, decide, detainer, request, rules_in_basis


def share(date: str, jurisdiction: str, requester: str = "ice") -> dict[str, object]:
    return request(date, jurisdiction, "police", "disclose", requester={"agency": requester},
                   data=["immigration_status"])


def test_officers_may_share_status_with_dhs() -> None:
    """K.S.A. 12-16,140(a)(1)-(2): no municipality may restrict sending status information to DHS."""
    d = decide("ks", share("2023-03-01", "us/ks/wyandotte-county"))
    assert d["outcome"] == "allowed"
    assert basis_entry(d, "us/ks", "officials-may-share-status")["citation"] == "K.S.A. 12-16,140(a)(1), (2), (4)"


def test_county_ban_on_sharing_status_is_null_and_void() -> None:
    """K.S.A. 12-16,140(a)(4), (b): a county rule against exchanging status information with another (here a
    state) government entity is null and void - beyond 8 U.S.C. § 1373, which protects exchanges with DHS only."""
    d = decide("ks", share("2023-03-01", "us/ks/fixture-county", requester="state_law_enforcement"), fixture=True)
    assert d["outcome"] == "allowed"
    assert basis_entry(d, "us/ks/fixture-county", "no-status-sharing")["status"] == "void"
    assert basis_entry(d, "us/ks", "void-limits-on-status-information")["confidence"] == "primary"


@pytest.mark.parametrize(("date", "void"), [("2022-06-30", False), ("2022-07-01", True)])
def test_hb2717_date_boundary(date: str, void: bool) -> None:
    """HB 2717 effective 2022-07-01 (assumed default date): the day before, a county ban on sharing stands."""
    d = decide("ks", share(date, "us/ks/fixture-county", requester="state_law_enforcement"), fixture=True)
    status = basis_entry(d, "us/ks/fixture-county", "no-status-sharing")["status"]
    assert (status == "void") is void
    assert (d["outcome"] == "forbidden") is not void


def test_county_ban_on_sharing_with_the_public_stands() -> None:
    """12-16,140 protects exchanges with federal officials and governments, not with the public."""
    d = decide("ks", share("2023-03-01", "us/ks/fixture-county", requester="public"), fixture=True)
    assert d["outcome"] == "forbidden"
    assert d["decided_by"]["rule"] == "no-status-sharing"


def test_kansas_makes_no_detainer_mandatory_but_voids_county_bans() -> None:
    """K.S.A. 12-16,141 (secondary): a county may not limit enforcement; Kansas itself requires no hold."""
    plain = decide("ks", detainer("2023-03-01", "us/ks/johnson-county"))
    assert plain["outcome"] != "required"
    assert rules_in_basis(plain, "us/ks") == set()
    county = decide("ks", detainer("2023-03-01", "us/ks/fixture-county"), fixture=True)
    assert basis_entry(county, "us/ks/fixture-county", "no-detainer-holds")["status"] == "void"
    assert basis_entry(county, "us/ks", "void-limits-on-enforcement")["confidence"] == "secondary"
