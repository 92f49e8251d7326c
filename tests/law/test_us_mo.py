"""Scenario tests for Missouri (library/us/mo.yaml): RSMo § 67.307 (2008).

Local limiting policies are exercised with the FICTIONAL ``us/mo/fixture-county``.
"""

from __future__ import annotations

from typing import Any

from tests.law._anti_sanctuary import decide, detainer, share
from tests.law._rules_subset import basis_entry, rules_in_basis

COUNTY = "us/mo/fixture-county"


def test_municipal_staff_may_report_status() -> None:
    """§ 67.307.1(4)(a), .2: municipal officials and employees may verify or report immigration status."""
    d = decide("mo", share("2024-02-01", "us/mo/kansas-city", kind="city_agency"))
    assert d["outcome"] == "allowed"
    assert d["decided_by"] == {"jurisdiction": "us/mo", "rule": "officials-may-report-status",
                               "citation": "Mo. Rev. Stat. § 67.307.1(4)(a), .2"}


def test_county_sanctuary_policy_is_void() -> None:
    """§ 67.307.2: no county may enact or follow a sanctuary policy; its ban on reporting status is void."""
    d = decide("mo", share("2024-02-01", COUNTY), fixture="fixture-county")
    assert d["outcome"] == "allowed"
    assert basis_entry(d, COUNTY, "no-status-sharing")["status"] == "void"


def test_missouri_has_no_detainer_mandate() -> None:
    """§ 67.307 concerns status communication only: a detainer hold is not decided by Missouri law, and a county's
    own ban on holds is not voided by it."""
    d = decide("mo", detainer("2024-02-01", COUNTY), fixture="fixture-county")
    assert rules_in_basis(d, "us/mo") == set()
    assert basis_entry(d, COUNTY, "no-detainer-holds")["status"] == "applied"
    assert d["outcome"] == "forbidden"


# -- law14 (2026-12-04): §§ 650.475, 544.472, 208.009 read in the Justia copy; § 67.307.4 effective date ------------


def test_section_67_307_took_effect_on_1_january_2009() -> None:
    """§ 67.307.4: "This section shall become effective on January 1, 2009." No Missouri rule the day before."""
    assert rules_in_basis(decide("mo", share("2008-12-31", "us/mo/kansas-city")), "us/mo") == set()
    assert "officials-may-report-status" in rules_in_basis(decide("mo", share("2009-01-01", "us/mo/kansas-city")),
                                                           "us/mo")


def keep(date: str, jurisdiction: str = "us/mo/kansas-city", kind: str = "police") -> dict[str, Any]:
    return {"date": date, "agency": {"jurisdiction": jurisdiction, "kind": kind}, "action": "collect",
            "data": ["immigration_status"], "context": "criminal_investigation"}


def test_public_employee_may_keep_status_information() -> None:
    """§ 650.475.3(2) (effective 2009-01-01): no person or agency may restrict a public employee from maintaining
    status information."""
    d = decide("mo", keep("2024-02-01"))
    assert d["outcome"] == "allowed"
    assert d["decided_by"] == {"jurisdiction": "us/mo", "rule": "public-employees-may-keep-status",
                               "citation": "Mo. Rev. Stat. § 650.475.3(2)"}
    assert basis_entry(d, "us/mo", "public-employees-may-keep-status")["confidence"] == "primary"
    assert rules_in_basis(decide("mo", keep("2008-12-31")), "us/mo") == set()


def test_county_ban_on_status_records_is_void() -> None:
    """§ 650.475.3(2): a county order against recording status cannot restrict its employees."""
    d = decide("mo", keep("2024-02-01", COUNTY), fixture="fixture-county")
    assert d["outcome"] == "allowed"
    assert basis_entry(d, COUNTY, "no-status-records")["status"] == "void"


def test_benefit_agencies_are_outside_section_650_475() -> None:
    """§ 650.475.6: subsections 1 and 3 do not apply to agencies administering federal public benefit programs."""
    d = decide("mo", keep("2024-02-01", kind="social_services"))
    assert "public-employees-may-keep-status" not in rules_in_basis(d, "us/mo")


def test_public_employee_may_exchange_status_with_state_police() -> None:
    """§ 650.475.3(3): exchanging status information with another government entity may not be restricted; a
    county order against sharing it with state police is void."""
    d = decide("mo", share("2024-02-01", COUNTY, agency="state_law_enforcement"), fixture="fixture-county")
    assert d["outcome"] == "allowed"
    assert d["decided_by"]["rule"] == "public-employees-may-exchange-status"
    assert basis_entry(d, COUNTY, "no-status-sharing")["status"] == "void"


def test_county_ban_on_sharing_with_the_public_stands() -> None:
    """§ 650.475.3 protects exchanges with governments only: the county's ban on telling the public stands."""
    d = decide("mo", share("2024-02-01", COUNTY, agency="public"), fixture="fixture-county")
    assert d["outcome"] == "forbidden"
    assert d["decided_by"]["rule"] == "no-status-sharing"


def booking(date: str, jurisdiction: str = "us/mo/st-louis-county") -> dict[str, Any]:
    return {"date": date, "agency": {"jurisdiction": jurisdiction, "kind": "jail"}, "action": "inquire",
            "data": ["immigration_status"], "context": "booking", "subject": {"in_custody": True}}


def test_arresting_agency_must_verify_status_of_person_confined() -> None:
    """§ 544.472.1 (in force from 2017-01-01): verify nationality or status of a person charged and confined,
    through LESC within 48 hours if papers and a reasonable effort do not settle it; notify DHS if unlawful."""
    d = decide("mo", booking("2024-02-01"))
    assert d["outcome"] == "required"
    assert d["decided_by"] == {"jurisdiction": "us/mo", "rule": "jail-status-verification",
                               "citation": "Mo. Rev. Stat. § 544.472.1"}
    report = next(o for o in d["obligations"] if o["jurisdiction"] == "us/mo")
    assert (report["kind"], report["to"], report["deadline"]) == (
        "report", "United States Department of Homeland Security", "48 hours")


def test_status_verification_dates_from_the_2017_transfer() -> None:
    """§ 544.472 as transferred from § 577.680 (SB 491, 2014) is in force from 2017-01-01; the earlier text was
    not read and is not encoded."""
    assert "jail-status-verification" not in rules_in_basis(decide("mo", booking("2016-12-31")), "us/mo")
    assert decide("mo", booking("2017-01-01"))["outcome"] == "required"


def test_county_ban_on_booking_questions_is_overridden() -> None:
    """§ 544.472 outranks a county order against status questions at booking."""
    d = decide("mo", booking("2024-02-01", COUNTY), fixture="fixture-county")
    assert d["outcome"] == "required"
    assert basis_entry(d, COUNTY, "no-status-questions")["status"] == "overridden"


def benefits(date: str, action: str = "collect", **subject: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"date": date, "agency": {"jurisdiction": "us/mo/jackson-county", "kind": "social_services"},
                           "action": action, "context": "benefits_eligibility"}
    if action == "collect":
        out["data"] = ["immigration_status"]
    if subject:
        out["subject"] = subject
    return out


def test_adult_benefit_applicant_must_prove_lawful_presence() -> None:
    """§ 208.009.3 (as amended by HB 390, effective 2009-07-07): an applicant aged 18 or over gives affirmative
    proof of citizenship, permanent residence or lawful presence."""
    d = decide("mo", benefits("2024-02-01", minor=False))
    assert d["outcome"] == "required"
    assert d["decided_by"] == {"jurisdiction": "us/mo", "rule": "benefits-applicant-proof-of-status",
                               "citation": "Mo. Rev. Stat. § 208.009.3"}
    assert "benefits-applicant-proof-of-status" not in rules_in_basis(decide("mo", benefits("2024-02-01", minor=True)),
                                                                      "us/mo")


def test_benefit_proof_rule_starts_on_7_july_2009() -> None:
    """§ 208.009 in its 2009 text ("Effective 7-07-09"): not encoded the day before."""
    assert "benefits-applicant-proof-of-status" not in rules_in_basis(
        decide("mo", benefits("2009-07-06", minor=False)), "us/mo")
    assert decide("mo", benefits("2009-07-07", minor=False))["outcome"] == "required"


def test_benefits_depend_on_verified_lawful_presence() -> None:
    """§ 208.009.1, .6: no state or local public benefit to an alien unless lawful presence is first verified by
    the federal government."""
    d = decide("mo", benefits("2024-02-01", action="condition_service"))
    assert d["outcome"] == "required"
    assert d["decided_by"]["rule"] == "benefits-require-verified-lawful-presence"


def hiring(date: str) -> dict[str, Any]:
    return {"date": date, "agency": {"jurisdiction": "us/mo/kansas-city", "kind": "city_agency"}, "action": "collect",
            "data": ["immigration_status"], "context": "employment_verification"}


def test_public_employer_must_use_e_verify_and_keep_the_report() -> None:
    """§ 285.530.3-.4 (text effective 2009-07-07): all public employers enroll and participate in a federal work
    authorization program, verify each new hire and keep the dated verification report."""
    d = decide("mo", hiring("2024-02-01"))
    assert d["outcome"] == "required"
    assert d["decided_by"] == {"jurisdiction": "us/mo", "rule": "public-employer-e-verify",
                               "citation": "Mo. Rev. Stat. § 285.530.3-.4"}
    assert ("preserve_records", "Mo. Rev. Stat. § 285.530.4") in {(o["kind"], o["citation"]) for o in d["obligations"]}


def test_e_verify_duty_encoded_from_7_july_2009() -> None:
    """Only the 2009 text (HB 390, "Effective 7-07-09") was read: no Missouri rule the day before."""
    assert "public-employer-e-verify" not in rules_in_basis(decide("mo", hiring("2009-07-06")), "us/mo")
    assert "public-employer-e-verify" in rules_in_basis(decide("mo", hiring("2009-07-07")), "us/mo")
