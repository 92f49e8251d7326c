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


# -- law14 (2026-12-04): § 27A.4(2)(b)(2) and § 27A.7 read in the Justia copy -----------------------------------------


def victim_question(date: str, kind: str = "police", action: str = "inquire") -> dict[str, object]:
    return request(date, "us/ia/polk-county", kind, action, data=["immigration_status"], context="victim_or_witness")


def test_officers_may_not_ask_a_victim_about_status() -> None:
    """Iowa Code § 27A.7: no local officer or employee asks for or collects information from a victim, witness or
    reporter of a public offense (national origin included) that is not pertinent to the investigation."""
    d = decide("ia", victim_question("2024-02-01"))
    assert d["outcome"] == "forbidden"
    assert d["decided_by"] == {"jurisdiction": "us/ia", "rule": "victim-witness-no-unrelated-questions",
                               "citation": "Iowa Code § 27A.7"}
    assert basis_entry(d, "us/ia", "victim-witness-no-unrelated-questions")["confidence"] == "primary"
    assert decide("ia", victim_question("2024-02-01", action="collect"))["outcome"] == "forbidden"


def test_victim_question_limit_starts_with_sf481() -> None:
    """SF 481 (2018 Iowa Acts ch. 1089) effective 2018-07-01: no Iowa rule the day before."""
    assert "victim-witness-no-unrelated-questions" not in rules_in_basis(decide("ia", victim_question("2018-06-30")),
                                                                         "us/ia")
    assert decide("ia", victim_question("2018-07-01"))["outcome"] == "forbidden"


def test_officers_may_keep_status_of_a_person_under_arrest() -> None:
    """Iowa Code § 27A.4(2)(b)(2): no local entity may prohibit or discourage maintaining status information of a
    person under lawful detention or arrest."""
    d = decide("ia", request("2024-02-01", "us/ia/polk-county", "jail", "collect", data=["immigration_status"],
                             context="booking"))
    assert d["outcome"] == "allowed"
    assert d["decided_by"] == {"jurisdiction": "us/ia", "rule": "officers-may-keep-status",
                               "citation": "Iowa Code § 27A.4(2)(b)(2)"}
