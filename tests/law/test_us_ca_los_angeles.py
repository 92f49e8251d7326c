"""Scenario tests for Los Angeles (library/us/ca/los-angeles.yaml): the Sanctuary City Ordinance (2024)."""

from __future__ import annotations

from tests.law._local import decide, local_rules
from tests.law._rules_subset import basis_entry

FILES = ("us.yaml", "us/ca.yaml", "us/ca/los-angeles.yaml")
LA = "us/ca/los-angeles"


def test_no_city_help_with_an_operation() -> None:
    """Sanctuary City Ordinance (2024): no City resources, property or personnel for immigration enforcement."""
    d = decide(FILES, LA, "city_agency", "assist_operation", instrument={"type": "none"})
    assert d["outcome"] == "forbidden"
    assert local_rules(d, LA)["no-city-resources-for-immigration-enforcement"] == "applied"
    assert basis_entry(d, LA, "no-city-resources-for-immigration-enforcement")["contested"] is True


def test_no_data_sharing_with_ice() -> None:
    """Sanctuary City Ordinance (2024): no direct or indirect data sharing with federal immigration authorities."""
    d = decide(FILES, LA, "housing", "disclose", data=["address"], instrument={"type": "none"})
    assert d["outcome"] == "forbidden"
    assert local_rules(d, LA)["no-data-sharing"] == "applied"


def test_lapd_exception_for_deported_violent_felon() -> None:
    """Sanctuary City Ordinance (2024), LAPD exception: a deported violent felon who re-entered. The City's own
    ban gives way, but California's Values Act (a higher layer) still decides the address question."""
    subject = {"reentered_after_removal": True, "convictions": [{"class": "violent_felony", "date": "2015-01-01"}]}
    d = decide(FILES, LA, "police", "disclose", data=["address"], instrument={"type": "none"}, subject=subject)
    rules = local_rules(d, LA)
    assert "lapd-serious-offender-cooperation" in rules
    assert rules["no-data-sharing"] == "overridden"
    assert d["decided_by"]["jurisdiction"] == "us/ca"


def test_lapd_does_not_ask_status() -> None:
    """Sanctuary City Ordinance (2024), codifying LAPD Special Order 40: no status questions."""
    d = decide(FILES, LA, "police", "inquire", requester=None, data=["immigration_status"],
               instrument={"type": "none"})
    assert d["outcome"] == "forbidden"
    assert "lapd-no-status-inquiry" in local_rules(d, LA)


def test_ordinance_date_boundary() -> None:
    """Sanctuary City Ordinance: council's second vote 4 December 2024 (used as its date)."""
    before = decide(FILES, LA, "city_agency", "assist_operation", date="2024-12-03", instrument={"type": "none"})
    assert local_rules(before, LA) == {}
    after = decide(FILES, LA, "city_agency", "assist_operation", date="2024-12-04", instrument={"type": "none"})
    assert "no-city-resources-for-immigration-enforcement" in local_rules(after, LA)
