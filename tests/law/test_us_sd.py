"""Scenario tests for South Dakota (library/us/sd.yaml): S.B. 7 (2025), SDCL § 23-3-74, in force 2025-07-01.

Local limiting policies are exercised with the FICTIONAL ``us/sd/fixture-county``.
"""

from __future__ import annotations

from tests.law._anti_sanctuary import decide, detainer, share
from tests.law._rules_subset import basis_entry, rules_in_basis

COUNTY = "us/sd/fixture-county"


def test_county_ban_on_status_sharing_stands_on_2025_06_30() -> None:
    """S.B. 7 took effect 2025-07-01: the day before, the county's ban on telling a (non-immigration) federal agency
    someone's status decides (8 U.S.C. § 1373 reaches only the immigration authorities)."""
    d = decide("sd", share("2025-06-30", COUNTY, agency="federal_law_enforcement"), fixture="fixture-county")
    assert d["outcome"] == "forbidden"
    assert rules_in_basis(d, "us/sd") == set()


def test_county_ban_on_status_sharing_void_from_2025_07_01() -> None:
    """SDCL § 23-3-74(1) (read in the code): no political subdivision may limit communicating with a federal
    agency or official to verify or report immigration status - any federal agency, not only the immigration
    authorities that 8 U.S.C. § 1373 protects."""
    d = decide("sd", share("2025-07-01", COUNTY, agency="federal_law_enforcement"), fixture="fixture-county")
    assert d["outcome"] == "allowed"
    assert d["decided_by"] == {"jurisdiction": "us/sd", "rule": "officers-may-cooperate",
                               "citation": "SDCL § 23-3-74(1)"}
    assert basis_entry(d, COUNTY, "no-status-sharing")["status"] == "void"
    assert basis_entry(d, "us/sd", "void-limits-on-cooperation")["confidence"] == "primary"


def test_county_ban_on_release_notifications_is_not_reached() -> None:
    """Correction (SDCL § 23-3-74): the section protects reporting immigration status, not answering release-
    notification requests; a county ban on those still decides after 2025-07-01."""
    d = decide("sd", detainer("2025-07-01", COUNTY, action="notify_release"), fixture="fixture-county")
    assert d["outcome"] == "forbidden"
    assert d["decided_by"]["jurisdiction"] == COUNTY
    assert rules_in_basis(d, "us/sd") == set()


def test_no_state_duty_to_hold() -> None:
    """§ 23-3-74 bans limits on status reporting and requires nothing: no South Dakota rule requires a hold."""
    d = decide("sd", detainer("2025-08-01", "us/sd/minnehaha-county"))
    assert d["outcome"] != "required"
