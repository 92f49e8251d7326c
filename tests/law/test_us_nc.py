"""Scenario tests for North Carolina (library/us/nc.yaml): G.S. 162-62 (S.L. 2024-55, H.B. 10, from 2024-12-01;
S.L. 2025-85, H.B. 318, from 2025-10-01) and G.S. 153A-145.5 / 160A-205.2 (S.L. 2015-294).

Local limiting policies are exercised with the FICTIONAL ``us/nc/fixture-county`` and ``us/nc/fixture-city``.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.law._anti_sanctuary import ask, decide, detainer
from tests.law._rules_subset import basis_entry, rules_in_basis
from tests.law._south import request

COUNTY = "us/nc/fixture-county"
CITY = "us/nc/fixture-city"
HOLD_RULES = {"hold-on-detainer-and-warrant-2024", "hold-on-detainer-and-warrant-2025"}


def charged_with_felony(date: str, jurisdiction: str = "us/nc/wake-county") -> dict[str, Any]:
    return ask(date, jurisdiction, kind="jail", pending_charges=[{"class": "felony"}])


def test_no_hold_duty_before_hb_10() -> None:
    """S.L. 2024-55 took effect 2024-12-01: on 2024-11-30 no North Carolina rule decides a detainer hold."""
    d = decide("nc", detainer("2024-11-30", "us/nc/mecklenburg-county"))
    assert not (rules_in_basis(d, "us/nc") & HOLD_RULES)


def test_hold_required_on_detainer_with_administrative_warrant() -> None:
    """G.S. 162-62(b1) (from 2024-12-01): with an ICE detainer AND administrative warrant the prisoner is brought
    before a judicial official and held up to 48 hours from receipt of the papers."""
    d = decide("nc", detainer("2024-12-01", "us/nc/mecklenburg-county"))
    assert d["outcome"] == "required"
    assert d["decided_by"] == {"jurisdiction": "us/nc", "rule": "hold-on-detainer-and-warrant-2024",
                               "citation": "N.C. Gen. Stat. § 162-62(b1)"}
    limits = [o for o in d["obligations"] if o.get("rule") == "hold-on-detainer-and-warrant-2024"]
    assert limits[0]["deadline"] == FROM_RECEIPT


def test_administrative_warrant_with_detainer_attached_counts_too() -> None:
    """G.S. 162-62(b1) names both papers; which one is on top does not matter."""
    request = detainer("2025-03-01", "us/nc/mecklenburg-county")
    request["instrument"] = {"type": "admin_warrant", "signed_by": "immigration_officer",
                             "accompanied_by": ["detainer"]}
    assert decide("nc", request)["outcome"] == "required"


def test_detainer_without_warrant_does_not_trigger_b1() -> None:
    """G.S. 162-62(b1) needs the detainer and an administrative warrant; a bare detainer is outside it."""
    d = decide("nc", detainer("2025-03-01", "us/nc/mecklenburg-county", warrant=False))
    assert d["outcome"] != "required"
    assert not (rules_in_basis(d, "us/nc") & HOLD_RULES)


FROM_RECEIPT = "48 hours from receipt of the detainer and administrative warrant"
FROM_RELEASE = "48 hours from the time the prisoner would otherwise be released"


@pytest.mark.parametrize(("date", "rule", "deadline"), [
    ("2025-09-30", "hold-on-detainer-and-warrant-2024", FROM_RECEIPT),
    ("2025-10-01", "hold-on-detainer-and-warrant-2025", FROM_RELEASE),
])
def test_hold_clock_changes_on_2025_10_01(date: str, rule: str, deadline: str) -> None:
    """S.L. 2025-85 (from 2025-10-01): the 48 hours run from the time of otherwise-due release."""
    d = decide("nc", detainer(date, "us/nc/mecklenburg-county"))
    assert d["outcome"] == "required"
    assert d["decided_by"]["rule"] == rule
    assert [o["deadline"] for o in d["obligations"] if o.get("rule") == rule] == [deadline]


def test_release_notice_to_ice_from_2025_10_01() -> None:
    """G.S. 162-62(b1) as amended by S.L. 2025-85: the jail tells ICE the release date and time."""
    before = decide("nc", detainer("2025-09-30", "us/nc/mecklenburg-county", action="notify_release"))
    assert "notify-ice-of-release-2025" not in rules_in_basis(before, "us/nc")
    after = decide("nc", detainer("2025-10-01", "us/nc/mecklenburg-county", action="notify_release"))
    assert after["outcome"] == "required"
    assert after["decided_by"]["rule"] == "notify-ice-of-release-2025"


@pytest.mark.parametrize(("date", "rule", "confidence"), [
    ("2014-06-01", "jail-must-check-status-pre-2015", "primary"),
    ("2020-06-01", "jail-must-check-status-pre-2024", "primary"),
    ("2024-12-01", "jail-must-check-status-2024", "secondary"),
    ("2025-10-01", "jail-must-check-status-2025", "secondary"),
])
def test_jail_must_check_legal_status_of_felony_defendants(date: str, rule: str, confidence: str) -> None:
    """G.S. 162-62(a): the jail tries to determine whether a prisoner charged with a (listed) felony is a legal
    resident; the version in force on the day decides."""
    d = decide("nc", charged_with_felony(date))
    assert d["outcome"] == "required"
    assert d["decided_by"]["rule"] == rule
    assert basis_entry(d, "us/nc", rule)["confidence"] == confidence


def test_misdemeanour_charge_leaves_the_question_to_discretion() -> None:
    """G.S. 162-62(a) does not reach a plain misdemeanour charge; G.S. 153A-145.5(b) still permits the question."""
    d = decide("nc", ask("2020-06-01", "us/nc/wake-county", kind="jail", pending_charges=[{"class": "misdemeanor"}]))
    assert d["outcome"] == "allowed"
    assert d["decided_by"]["rule"] == "officers-may-gather-status"


def test_county_ban_on_status_questions_void_from_2015_10_29() -> None:
    """G.S. 153A-145.5(b)(1)-(2) (S.L. 2015-294, in force 2015-10-29 per the Code's editor's note): a county may not
    forbid officers to gather status information."""
    before = decide("nc", ask("2015-10-28", COUNTY), fixture="fixture-county")
    assert before["outcome"] == "forbidden"
    after = decide("nc", ask("2015-10-29", COUNTY), fixture="fixture-county")
    assert after["outcome"] == "allowed"
    assert basis_entry(after, COUNTY, "no-status-questions")["status"] == "void"
    assert basis_entry(after, "us/nc", "void-county-limits-on-status-information")["effect"] == "preempt"


def test_county_ban_on_holds_void_and_hold_required() -> None:
    """G.S. 153A-145.5(a) voids county limits on enforcement; G.S. 162-62(b1) requires the hold."""
    d = decide("nc", detainer("2025-03-01", COUNTY), fixture="fixture-county")
    assert d["outcome"] == "required"
    assert basis_entry(d, COUNTY, "no-detainer-holds")["status"] == "void"


def test_city_ban_on_transfers_void_under_160a_205_2() -> None:
    """G.S. 160A-205.2 (read in the Code's release 81): the parallel ban for cities."""
    request = {"date": "2023-01-10", "agency": {"jurisdiction": CITY, "kind": "police"}, "action": "transfer",
               "requester": {"agency": "ice"}, "subject": {"in_custody": True}}
    d = decide("nc", request, fixture="fixture-city")
    assert basis_entry(d, CITY, "no-ice-in-jail")["status"] == "void"
    assert basis_entry(d, "us/nc", "void-city-limits-on-enforcement")["confidence"] == "primary"


@pytest.mark.parametrize(("date", "to", "confidence"), [
    ("2024-11-30", "Governor's Crime Commission", "primary"),
    ("2024-12-01", "Joint Legislative Oversight Committee on Justice and Public Safety", "secondary"),
])
def test_annual_report_on_status_queries(date: str, to: str, confidence: str) -> None:
    """G.S. 162-62(d) (S.L. 2007-494): yearly report of ICE status queries to the Governor's Crime Commission;
    from S.L. 2024-55 the report goes to the General Assembly's oversight committee (G.S. 162-62(e), secondary)."""
    d = decide("nc", charged_with_felony(date))
    reports = [o for o in d["obligations"] if o["kind"] == "report"]
    assert [o["to"] for o in reports] == [to]
    rule = reports[0]["rule"]
    assert basis_entry(d, "us/nc", rule)["confidence"] == confidence


@pytest.mark.parametrize(("date", "applies"), [("2011-09-30", False), ("2011-10-01", True)])
def test_county_departments_use_e_verify_for_new_hires(date: str, applies: bool) -> None:
    """G.S. 153A-99.1(a), 160A-169.1(a) (S.L. 2011-263): each county and municipality registers and participates in
    E-Verify for new employees, from 2011-10-01."""
    d = decide("nc", request(date, "us/nc/wake-county", "social_services", "inquire", data=["immigration_status"],
                             context="employment_verification", instrument={"type": "statute"}))
    if applies:
        assert d["outcome"] == "required"
        entry = basis_entry(d, "us/nc", "counties-and-cities-must-use-e-verify")
        assert (entry["status"], entry["effect"]) == ("applied", "require")
        assert entry["citation"] == "N.C. Gen. Stat. §§ 153A-99.1(a), 160A-169.1(a)"
    else:
        assert "counties-and-cities-must-use-e-verify" not in rules_in_basis(d, "us/nc")



def test_e_verify_duty_needs_the_statute_named_and_leaves_other_questions_alone() -> None:
    """G.S. 153A-99.1(a): the hiring duty applies to a request naming the statute (as the federal Form I-9 rule
    does); a status question without a stated setting is not made undetermined by it."""
    d = decide("nc", request("2024-10-01", "us/nc/wake-county", "social_services", "inquire",
                             data=["immigration_status"]))
    assert "counties-and-cities-must-use-e-verify" not in rules_in_basis(d, "us/nc")
    assert d["outcome"] != "undetermined"


@pytest.mark.parametrize(("date", "applies"), [("2007-02-28", False), ("2007-03-01", True)])
def test_local_education_agency_verifies_new_hires(date: str, applies: bool) -> None:
    """G.S. 126-7.1(f): each local education agency verifies the work authorization of new hires through the Basic
    Pilot Program (E-Verify); local education agencies from 2007-03-01."""
    d = decide("nc", request(date, "us/nc/wake-county", "school", "inquire", data=["immigration_status"],
                             context="employment_verification", instrument={"type": "statute"}))
    assert ("school-districts-must-verify-work-authorization" in rules_in_basis(d, "us/nc")) is applies
    if applies:
        assert d["outcome"] == "required"
        entry = basis_entry(d, "us/nc", "school-districts-must-verify-work-authorization")
        assert (entry["status"], entry["citation"]) == ("applied", "N.C. Gen. Stat. § 126-7.1(f)")
