"""Scenario tests for Seattle (library/us/wa/seattle.yaml): SMC 4.18.015 and the Mayor's order of 29 January 2026."""

from __future__ import annotations

from tests.law._local import decide, local_rules

FILES = ("us.yaml", "us/wa.yaml", "us/wa/seattle.yaml")
CITY = "us/wa/seattle"


def test_city_staff_do_not_ask_status() -> None:
    """SMC 4.18.015 (Ordinance 121063): City employees do not inquire into immigration status."""
    d = decide(FILES, CITY, "library", "inquire", requester=None, data=["immigration_status"],
               instrument={"type": "none"})
    assert d["outcome"] == "forbidden"
    assert local_rules(d, CITY)["no-status-inquiry"] == "applied"


def test_police_exception_for_previous_deportation() -> None:
    """SMC 4.18.015: police may ask if they know the person was previously deported."""
    d = decide(FILES, CITY, "police", "inquire", requester=None, data=["immigration_status"],
               context="criminal_investigation", instrument={"type": "none"},
               subject={"reentered_after_removal": True})
    assert local_rules(d, CITY)["police-inquiry-felony-or-prior-deportation"] == "applied"


def test_city_property_not_for_civil_enforcement_from_2026() -> None:
    """Mayor's executive order of 29 January 2026: no City property for civil immigration enforcement."""
    before = decide(FILES, CITY, "city_agency", "grant_access", date="2026-01-28", location="public_area",
                    instrument={"type": "none"})
    assert "no-city-property-for-civil-immigration-enforcement" not in local_rules(before, CITY)
    after = decide(FILES, CITY, "city_agency", "grant_access", date="2026-01-29", location="public_area",
                   instrument={"type": "none"})
    assert after["outcome"] == "forbidden"
    assert local_rules(after, CITY)["no-city-property-for-civil-immigration-enforcement"] == "applied"
