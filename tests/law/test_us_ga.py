"""Scenario tests for Georgia (library/us/ga.yaml): O.C.G.A. §§ 36-80-23, 42-4-14 and HB 1105 (2024)."""

from __future__ import annotations

import pytest

from tests.law._south import basis_entry, decide, detainer, request, rules_in_basis


def booking(date: str) -> dict[str, object]:
    return request(date, "us/ga/gwinnett-county", "jail", "inquire", data=["immigration_status"], context="booking")


@pytest.mark.parametrize(("date", "rule", "citation"), [
    ("2024-04-30", "jail-status-verification-2011", "O.C.G.A. § 42-4-14(b)-(c) (2011)"),
    ("2024-05-01", "jail-status-verification", "O.C.G.A. § 42-4-14(b)"),
])
def test_jail_status_verification_switches_to_hb1105_text(date: str, rule: str, citation: str) -> None:
    """§ 42-4-14: jails verify nationality and status (2011 text); HB 1105 rewrote it from 2024-05-01 (48 hours
    from arrival, nationality and "not an illegal alien")."""
    d = decide("ga", booking(date))
    assert d["outcome"] == "required"
    assert d["decided_by"] == {"jurisdiction": "us/ga", "rule": rule, "citation": citation}
    assert basis_entry(d, "us/ga", rule)["confidence"] == "primary"


def test_2011_text_requires_notice_to_dhs() -> None:
    """§ 42-4-14(c) (2011): if the person is determined to be an illegal alien, the keeper of the jail notifies DHS."""
    d = decide("ga", booking("2020-01-01"))
    reports = [o for o in d["obligations"] if o["kind"] == "report"]
    assert reports and reports[0]["to"] == "United States Department of Homeland Security"


@pytest.mark.parametrize(("date", "in_force"), [("2024-04-30", False), ("2024-05-01", True)])
def test_hb1105_detainer_duty_from_2024_05_01(date: str, in_force: bool) -> None:
    """O.C.G.A. § 42-1-11.5 (HB 1105, secondary): sheriffs must honour immigration detainers."""
    d = decide("ga", detainer(date, "us/ga/gwinnett-county"))
    assert ("detainer-compliance" in rules_in_basis(d, "us/ga")) is in_force
    assert (d["outcome"] == "required") is in_force
    if in_force:
        assert basis_entry(d, "us/ga", "detainer-compliance")["confidence"] == "secondary"


def test_county_ban_on_holds_overridden_by_hb1105() -> None:
    """HB 1105: the state duty outranks a county's own rule against holds."""
    d = decide("ga", detainer("2025-01-10", "us/ga/fixture-county"), fixture=True)
    assert d["outcome"] == "required"
    assert basis_entry(d, "us/ga/fixture-county", "no-detainer-holds")["status"] == "overridden"


@pytest.mark.parametrize(("date", "required"), [("2024-04-30", False), ("2024-05-01", True)])
def test_sheriff_must_seek_287g_from_hb1105(date: str, required: bool) -> None:
    """HB 1105 (2024 Ga. Laws 505, § 5, eff. 2024-05-01), O.C.G.A. § 35-1-17(b)(2) (read in the code): a local
    agency - a sheriff's jail - seeks a 287(g) memorandum every year in which none is in effect."""
    d = decide("ga", request(date, "us/ga/bibb-county", "jail", "enter_agreement"))
    assert (d["outcome"] == "required") is required
    if required:
        assert d["decided_by"] == {"jurisdiction": "us/ga", "rule": "jail-287g-application-required",
                                   "citation": "O.C.G.A. § 35-1-17(b)(2)"}
        assert basis_entry(d, "us/ga", "jail-287g-application-required")["confidence"] == "primary"


def test_county_ban_on_reporting_status_to_ice_is_void() -> None:
    """§ 36-80-23 (with 8 U.S.C. § 1373): a county rule against reporting immigration status to ICE is void."""
    d = decide("ga", request("2025-01-10", "us/ga/fixture-county", "police", "disclose",
                             requester={"agency": "ice"}, data=["immigration_status"]), fixture=True)
    assert d["outcome"] == "allowed"
    assert basis_entry(d, "us/ga/fixture-county", "no-status-sharing")["status"] == "void"


def test_reporting_location_of_a_person_to_ice_is_permitted() -> None:
    """§ 36-80-23(a)(3): "immigration status information" includes information relevant to the identity or location
    of a person reasonably believed to be illegally residing - wider than 8 U.S.C. § 1373 (secondary)."""
    d = decide("ga", request("2025-01-10", "us/ga/dekalb-county", "police", "disclose",
                             requester={"agency": "ice"}, data=["address"]))
    assert d["outcome"] == "allowed"
    assert d["decided_by"] == {"jurisdiction": "us/ga", "rule": "officials-may-report-status",
                               "citation": "O.C.G.A. § 36-80-23(a)(3), (b)"}


def benefit_application(date: str, action: str = "inquire", kind: str = "social_services",
                        **subject: object) -> dict[str, object]:
    return request(date, "us/ga/fulton-county", kind, action, data=["immigration_status", "citizenship"],
                   context="benefits_eligibility", instrument={"type": "statute"}, subject={"minor": False, **subject})


@pytest.mark.parametrize(("date", "applies"), [("2024-06-30", False), ("2024-07-01", True)])
def test_benefit_applicants_lawful_presence_verified_2024_text(date: str, applies: bool) -> None:
    """O.C.G.A. § 50-36-1(b), (f)(1): every agency or political subdivision verifies the lawful presence of any
    applicant for public benefits (document and sworn affidavit); encoded from the version in force since
    2024-07-01 (2024 Ga. Laws 560), the only one read."""
    d = decide("ga", benefit_application(date))
    if applies:
        assert d["outcome"] == "required"
        assert d["decided_by"]["rule"] == "benefits-lawful-presence-verification-2024"
        assert basis_entry(d, "us/ga", "benefits-lawful-presence-verification-2024")["confidence"] == "primary"
    else:
        assert "benefits-lawful-presence-verification-2024" not in rules_in_basis(d, "us/ga")


def test_benefit_affidavit_is_collected_by_housing_agencies() -> None:
    """O.C.G.A. § 50-36-1(a)(4)(R), (f)(1)(B): public and assisted housing is a public benefit; the applicant signs
    a sworn affidavit of lawful presence."""
    d = decide("ga", benefit_application("2025-03-01", action="collect", kind="housing"))
    assert d["outcome"] == "required"
    # Federally assisted housing's own status declaration (42 U.S.C. § 1436a(d)(1)(A)) requires it too and may be
    # the one named as deciding; the state's rule applies alongside it, with its citation.
    applied = [b for b in d["basis"] if b["jurisdiction"] == "us/ga" and b["status"] == "applied"]
    assert any(b["citation"] == "O.C.G.A. § 50-36-1(b), (f)(1)" for b in applied)


def test_benefit_verification_asks_whether_the_applicant_is_an_adult() -> None:
    """O.C.G.A. § 50-36-1(a)(3): an "applicant" is 18 or older; without the age the engine asks."""
    req = benefit_application("2025-03-01")
    req["subject"] = {}
    d = decide("ga", req)
    assert d["outcome"] == "undetermined"
    assert "subject.minor" in d["missing_facts"]
    d = decide("ga", benefit_application("2025-03-01", minor=True))
    assert "benefits-lawful-presence-verification-2024" not in rules_in_basis(d, "us/ga")


@pytest.mark.parametrize(("date", "applies"), [("2024-04-30", False), ("2024-05-01", True)])
def test_officers_may_keep_status_information(date: str, applies: bool) -> None:
    """O.C.G.A. § 35-1-17(b)(1): employees send, receive and maintain status information as reasonably needed for
    public safety and may not be prohibited from keeping it; encoded from the 2024-05-01 version (the one read)."""
    d = decide("ga", request(date, "us/ga/cobb-county", "police", "collect", data=["immigration_status"]))
    assert ("may-keep-and-exchange-status-2024" in rules_in_basis(d, "us/ga")) is applies
    if applies:
        assert d["outcome"] == "allowed"
        assert d["decided_by"]["rule"] == "may-keep-and-exchange-status-2024"


def test_officer_may_transport_person_without_lawful_status_to_federal_custody() -> None:
    """O.C.G.A. § 35-1-17(c): an officer with verification that a person is an illegal alien may securely transport
    the person to a federal facility or other temporary point of detention."""
    d = decide("ga", request("2025-02-01", "us/ga/cobb-county", "jail", "transfer", requester={"agency": "ice"},
                             subject={"in_custody": True}))
    assert d["outcome"] == "allowed"
    assert d["decided_by"] == {"jurisdiction": "us/ga", "rule": "may-transport-to-federal-custody-2024",
                               "citation": "O.C.G.A. § 35-1-17(c)"}
    shown = decide("ga", request("2025-02-01", "us/ga/cobb-county", "jail", "transfer", requester={"agency": "ice"},
                                 subject={"in_custody": True, "proof_of_lawful_status": True}))
    assert "may-transport-to-federal-custody-2024" not in rules_in_basis(shown, "us/ga")
