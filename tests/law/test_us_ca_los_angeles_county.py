"""Scenario tests for Los Angeles County (library/us/ca/los-angeles-county.yaml): Sensitive Locations Policy (2017)."""

from __future__ import annotations

from tests.law._local import decide, local_rules
from tests.law._rules_subset import obligation_kinds

FILES = ("us.yaml", "us/ca.yaml", "us/ca/los-angeles-county.yaml")
COUNTY = "us/ca/los-angeles-county"


def test_no_entry_to_non_public_areas_without_judicial_warrant() -> None:
    """Sensitive Locations Policy (board letter of 17 October 2017): no access to non-public areas without a
    judicial warrant."""
    d = decide(FILES, COUNTY, "health_facility", "grant_access", location="non_public_area",
               instrument={"type": "admin_warrant", "signed_by": "immigration_officer"})
    assert d["outcome"] == "forbidden"
    assert local_rules(d, COUNTY) == {"no-access-to-non-public-areas": "applied"}


def test_judicial_warrant_is_not_obstructed() -> None:
    """Sensitive Locations Policy (2017): a judicial warrant is outside the policy; staff do not obstruct."""
    d = decide(FILES, COUNTY, "health_facility", "grant_access", location="non_public_area",
               instrument={"type": "judicial_warrant", "signed_by": "federal_judge"})
    assert d["outcome"] == "allowed"
    assert "do_not_obstruct" in obligation_kinds(d)


def test_public_lobby_is_outside_the_policy() -> None:
    """Sensitive Locations Policy (2017) covers non-public areas only."""
    d = decide(FILES, COUNTY, "health_facility", "grant_access", location="public_area", instrument={"type": "none"})
    assert local_rules(d, COUNTY) == {}


def test_policy_date() -> None:
    """Board letter of 17 October 2017 (adoption date not verified)."""
    kwargs = {"location": "non_public_area", "instrument": {"type": "none"}}
    assert local_rules(decide(FILES, COUNTY, "library", "grant_access", date="2017-10-16", **kwargs), COUNTY) == {}
    assert decide(FILES, COUNTY, "library", "grant_access", date="2017-10-17", **kwargs)["outcome"] == "forbidden"
