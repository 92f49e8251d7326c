"""Scenario tests for Iowa (library/us/ia.yaml): Senate File 481 (2018), Iowa Code ch. 27A."""

from __future__ import annotations

import pytest

from tests.law._south import basis_entry, decide, detainer, request, rules_in_basis


def test_county_jail_must_fully_comply_with_ice_detainer() -> None:
    """Iowa Code § 27A.2: a law enforcement agency with custody shall fully comply with an ICE detainer request."""
    d = decide("ia", detainer("2025-02-06", "us/ia/winneshiek-county"))
    assert d["outcome"] == "required"
    # citation updated 2026-12-04: the rule now also cites § 27A.1(1), which defines the request (read in full)
    assert d["decided_by"] == {"jurisdiction": "us/ia", "rule": "detainer-compliance",
                               "citation": "Iowa Code §§ 27A.1(1), 27A.2"}
    assert basis_entry(d, "us/ia", "detainer-compliance")["confidence"] == "primary"


def test_city_police_notification_request_is_covered() -> None:
    """§ 27A.2 binds every "law enforcement agency in this state that has custody", and "any instruction"."""
    d = decide("ia", detainer("2025-02-06", "us/ia/iowa-city", kind="police", action="notify_release"))
    assert d["outcome"] == "required"


def test_cbp_detainer_is_not_covered() -> None:
    """§ 27A.2 speaks of detainer requests "issued by United States immigration and customs enforcement"."""
    d = decide("ia", detainer("2025-02-06", "us/ia/polk-county", agency="cbp"))
    assert "detainer-compliance" not in rules_in_basis(d, "us/ia")


def test_detainer_with_nothing_attached_is_not_a_detainer_request() -> None:
    """§ 27A.1(1): only written requests accompanied by the listed documents count."""
    d = decide("ia", detainer("2025-02-06", "us/ia/polk-county", warrant=False))
    assert "detainer-compliance" not in rules_in_basis(d, "us/ia")


@pytest.mark.parametrize(("date", "in_force"), [("2018-06-30", False), ("2018-07-01", True)])
def test_sf481_takes_effect_2018_07_01(date: str, in_force: bool) -> None:
    """2018 Iowa Acts ch. 1089, effective 2018-07-01."""
    d = decide("ia", detainer(date, "us/ia/polk-county"))
    assert (d["outcome"] == "required") is in_force
    assert bool(rules_in_basis(d, "us/ia")) is in_force


def test_county_ban_on_holds_is_void() -> None:
    """§§ 27A.2, 27A.4(1): a local policy that prohibits or discourages enforcement is void."""
    d = decide("ia", detainer("2025-02-06", "us/ia/fixture-county"), fixture=True)
    assert d["outcome"] == "required"
    assert basis_entry(d, "us/ia/fixture-county", "no-detainer-holds")["status"] == "void"
    assert basis_entry(d, "us/ia", "void-limits-on-detainers")["confidence"] == "primary"


def test_county_ban_on_booking_questions_is_void() -> None:
    """§ 27A.4(2)(a) (secondary): officers may ask the status of a person under arrest."""
    d = decide("ia", request("2025-02-06", "us/ia/fixture-county", "jail", "inquire", data=["immigration_status"],
                             context="booking"), fixture=True)
    assert d["outcome"] == "allowed"
    assert d["decided_by"]["rule"] == "officers-may-inquire-status"
    assert basis_entry(d, "us/ia/fixture-county", "no-status-questions")["status"] == "void"


def test_county_ban_on_ice_in_jail_is_void() -> None:
    """§ 27A.4(2)(c)-(d) (secondary): no local ban on ICE access to the jail or interviews there."""
    d = decide("ia", request("2025-02-06", "us/ia/fixture-county", "jail", "interview", requester={"agency": "ice"},
                             subject={"in_custody": True}), fixture=True)
    assert basis_entry(d, "us/ia/fixture-county", "no-ice-in-jail")["status"] == "void"


def test_detainer_with_only_a_judges_warrant_is_not_a_detainer_request() -> None:
    """§ 27A.1(1) (read in full 2026-12-04): only requests accompanied by DHS form I-200 or I-205 count; the rule
    used to accept a judicial warrant as the attachment too (corrected)."""
    req = detainer("2025-02-06", "us/ia/polk-county", warrant=False)
    req["instrument"]["accompanied_by"] = ["judicial_warrant"]
    d = decide("ia", req)
    assert "detainer-compliance" not in rules_in_basis(d, "us/ia")
    assert d["outcome"] != "required"


def test_officers_may_ask_status_of_a_person_under_arrest() -> None:
    """§ 27A.4(2)(a): officers may inquire about the immigration status of a person under a lawful detention or
    arrest (text read 2026-12-04)."""
    d = decide("ia", request("2025-02-06", "us/ia/polk-county", "police", "inquire", data=["immigration_status"],
                             context="booking"))
    assert d["outcome"] == "allowed"
    assert basis_entry(d, "us/ia", "officers-may-inquire-status")["confidence"] == "primary"


def test_jail_may_admit_ice_for_enforcement() -> None:
    """§ 27A.4(2)(d): no local entity may stop jail staff from permitting a federal immigration officer to enter
    and conduct enforcement activities at a jail (rule added 2026-12-04 from the text)."""
    d = decide("ia", request("2025-02-06", "us/ia/polk-county", "jail", "grant_access",
                             requester={"agency": "ice", "purpose": "civil_immigration"},
                             location="non_public_area"))
    assert "officers-may-admit-ice-to-jail" in rules_in_basis(d, "us/ia")
    assert basis_entry(d, "us/ia", "officers-may-admit-ice-to-jail")["confidence"] == "primary"
