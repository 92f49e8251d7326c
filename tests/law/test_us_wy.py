"""Scenario tests for Wyoming (library/us/wy.yaml): W.S. 9-25-101, 9-25-102 (HEA No. 76, 2025), in force on
signature, 2025-03-18 (secondary).

Local limiting policies are exercised with the FICTIONAL ``us/wy/fixture-county``.
"""

from __future__ import annotations

from tests.law._anti_sanctuary import decide, share
from tests.law._rules_subset import basis_entry, rules_in_basis

COUNTY = "us/wy/fixture-county"


def test_county_ban_on_reporting_location_stands_on_2025_03_17() -> None:
    """Before HEA 76, nothing voids a county ban on giving ICE a person's address (not status under § 1373)."""
    d = decide("wy", share("2025-03-17", COUNTY, data=("address",)), fixture="fixture-county")
    assert d["outcome"] == "forbidden"
    assert rules_in_basis(d, "us/wy") == set()


def test_county_ban_on_reporting_location_void_from_2025_03_18() -> None:
    """W.S. 9-25-101(a)(iv), 9-25-102: "immigration status information" includes the location of a person believed
    to be unlawfully present; a county may not restrict reporting it to federal immigration officers."""
    d = decide("wy", share("2025-03-18", COUNTY, data=("address",)), fixture="fixture-county")
    assert d["outcome"] == "allowed"
    assert d["decided_by"]["rule"] == "officials-may-report-status"
    assert basis_entry(d, COUNTY, "no-status-sharing")["status"] == "void"
    assert basis_entry(d, "us/wy", "void-sanctuary-policies")["confidence"] == "secondary"


def test_requests_from_other_police_are_outside_the_act() -> None:
    """W.S. 9-25-102 protects communication with federal officials; a county ban on giving an address to state
    police is untouched."""
    d = decide("wy", share("2025-06-01", COUNTY, agency="state_law_enforcement", data=("address",)),
               fixture="fixture-county")
    assert d["outcome"] == "forbidden"
