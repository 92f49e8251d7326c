"""Scenario tests for Utah (library/us/ut.yaml): Utah Code § 76-9-1007.

Local limiting policies are exercised with the FICTIONAL ``us/ut/fixture-county``.
"""

from __future__ import annotations

from tests.law._anti_sanctuary import act, decide, detainer, share
from tests.law._rules_subset import basis_entry, rules_in_basis

COUNTY = "us/ut/fixture-county"


def test_county_ban_on_sharing_status_with_state_officers_is_void() -> None:
    """§ 76-9-1007: no state or local agency may be restricted from sending status information to any federal,
    state or local government entity (wider than 8 U.S.C. § 1373)."""
    d = decide("ut", share("2023-09-01", COUNTY, agency="state_law_enforcement"), fixture="fixture-county")
    assert d["outcome"] == "allowed"
    assert d["decided_by"] == {"jurisdiction": "us/ut", "rule": "agencies-may-share-status",
                               "citation": "Utah Code Ann. § 76-9-1007"}
    assert basis_entry(d, COUNTY, "no-status-sharing")["status"] == "void"


def test_county_ban_on_recording_status_is_void() -> None:
    """§ 76-9-1007: agencies may maintain immigration-status information."""
    request = act("2023-09-01", COUNTY, "collect", kind="city_agency", agency=None, data=["immigration_status"])
    d = decide("ut", request, fixture="fixture-county")
    assert d["outcome"] == "allowed"
    assert basis_entry(d, COUNTY, "no-status-records")["status"] == "void"


def test_address_is_not_status_information() -> None:
    """§ 76-9-1007 covers immigration-status information only; a county rule against giving out addresses stands."""
    d = decide("ut", share("2023-09-01", COUNTY, data=("address",)), fixture="fixture-county")
    assert d["outcome"] == "forbidden"
    assert d["decided_by"]["jurisdiction"] == COUNTY


def test_utah_has_no_detainer_mandate() -> None:
    """No Utah statute found makes ICE detainers mandatory."""
    assert rules_in_basis(decide("ut", detainer("2023-09-01", "us/ut/salt-lake-county")), "us/ut") == set()
