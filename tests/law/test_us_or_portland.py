"""Scenario tests for Portland (library/us/or/portland.yaml): Resolution 37277 (2017) and the 2025 sanctuary code."""

from __future__ import annotations

from tests.law._local import decide, local_rules

FILES = ("us.yaml", "us/or.yaml", "us/or/portland.yaml")
CITY = "us/or/portland"


def test_no_information_to_ice_without_court_order() -> None:
    """Portland sanctuary code (15 October 2025): no information to ICE unless a court order compels it."""
    refused = decide(FILES, CITY, "housing", "disclose", data=["address"], instrument={"type": "none"})
    assert refused["outcome"] == "forbidden"
    assert local_rules(refused, CITY)["no-information-to-ice"] == "applied"
    ordered = decide(FILES, CITY, "housing", "disclose", data=["address"], instrument={"type": "court_order"})
    assert local_rules(ordered, CITY)["information-compelled-by-court-order"] == "applied"


def test_code_date_boundary() -> None:
    """Portland sanctuary code passed 15 October 2025 (effective date not verified; passage used)."""
    kwargs = {"data": ["address"], "instrument": {"type": "none"}}
    assert "no-information-to-ice" not in local_rules(
        decide(FILES, CITY, "housing", "disclose", date="2025-10-14", **kwargs), CITY)
    assert "no-information-to-ice" in local_rules(
        decide(FILES, CITY, "housing", "disclose", date="2025-10-15", **kwargs), CITY)


def test_police_no_action_solely_on_status_from_2017() -> None:
    """PPB Directive 810.10, affirmed by Resolution 37277 (22 March 2017)."""
    d = decide(FILES, CITY, "police", "arrest", date="2017-03-22", instrument={"type": "admin_warrant"})
    assert local_rules(d, CITY)["ppb-no-action-solely-on-status"] == "applied"
    assert "ppb-no-action-solely-on-status" not in local_rules(
        decide(FILES, CITY, "police", "arrest", date="2017-03-21", instrument={"type": "admin_warrant"}), CITY)
