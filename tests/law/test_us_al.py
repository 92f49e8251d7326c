"""Scenario tests for Alabama (library/us/al.yaml): Ala. Code ch. 31-13 (HB 56, 2011) and SB 53 (2025)."""

from __future__ import annotations

import pytest

from tests.law._south import basis_entry, decide, detainer, obligation_kinds, request, rules_in_basis


def booking(date: str) -> dict[str, object]:
    return request(date, "us/al/jefferson-county", "jail", "inquire", data=["immigration_status"], context="booking")


@pytest.mark.parametrize(("date", "rule", "confidence"), [
    ("2025-09-30", "jail-status-verification-2011", "primary"),
    ("2025-10-01", "jail-status-verification-2025", "secondary"),
])
def test_jail_status_verification_switches_to_sb53(date: str, rule: str, confidence: str) -> None:
    """§ 31-13-18(a)-(b) (2011): verification with DHS within 48 hours for anyone confined; amended by SB 53,
    effective 2025-10-01."""
    d = decide("al", booking(date))
    assert d["outcome"] == "required"
    assert d["decided_by"]["rule"] == rule
    assert basis_entry(d, "us/al", rule)["confidence"] == confidence
    other = {"jail-status-verification-2011", "jail-status-verification-2025"} - {rule}
    assert not rules_in_basis(d, "us/al") & other


def release_notice(**subject: object) -> dict[str, object]:
    return request("2024-06-01", "us/al/jefferson-county", "jail", "notify_release", requester={"agency": "ice"},
                   subject={"in_custody": True, **subject})


def test_convicted_person_not_shown_lawful_must_be_reported_before_release() -> None:
    """§ 31-13-19: notify ICE and the Alabama Department of Homeland Security within 30 days of the release of a
    convicted alien unlawfully present."""
    d = decide("al", release_notice(convictions=[{"class": "misdemeanor", "date": "2024-01-10"}]))
    assert d["outcome"] == "required"
    assert d["decided_by"] == {"jurisdiction": "us/al", "rule": "notify-ice-before-release-of-convicted",
                               "citation": "Ala. Code § 31-13-19"}
    assert "report" in obligation_kinds(d)


def test_release_notice_waits_for_the_conviction_record() -> None:
    """§ 31-13-19 turns on a conviction: without the record the engine asks for it."""
    d = decide("al", release_notice())
    assert d["outcome"] == "undetermined"
    assert "subject.convictions" in d["missing_facts"]


def test_no_release_notice_duty_for_a_person_with_proof_of_lawful_status() -> None:
    """§ 31-13-19 covers aliens unlawfully present; proof of lawful status takes the person out of it."""
    d = decide("al", release_notice(convictions=[{"class": "felony", "date": "2023-01-10"}],
                                    proof_of_lawful_status=True))
    assert "notify-ice-before-release-of-convicted" not in rules_in_basis(d, "us/al")


def test_alabama_makes_no_detainer_hold_mandatory() -> None:
    """No enacted Alabama text read makes ICE detainers mandatory (the Laken Riley Act bills were not enacted)."""
    d = decide("al", detainer("2025-11-01", "us/al/baldwin-county"))
    assert not any(b["effect"] == "require" for b in d["basis"] if b["jurisdiction"] == "us/al")
    assert d["outcome"] != "required"



def test_transfer_of_convicted_person_to_ice_is_contemplated() -> None:
    """§ 31-13-19: Alabama DHS coordinates the transfer; the agency keeps custody during it."""
    d = decide("al", request("2024-06-01", "us/al/jefferson-county", "jail", "transfer", requester={"agency": "ice"},
                             subject={"in_custody": True,
                                      "convictions": [{"class": "felony", "date": "2023-02-01"}]}))
    assert basis_entry(d, "us/al", "transfer-of-convicted-to-ice")["status"] == "applied"


def benefits(date: str, action: str, kind: str = "social_services", **extra: object) -> dict[str, object]:
    return request(date, "us/al/jefferson-county", kind, action, context="benefits_eligibility",
                   instrument={"type": "statute"}, **extra)


@pytest.mark.parametrize(("date", "applies"), [("2011-08-31", False), ("2011-09-01", True), ("2026-03-01", True)])
def test_benefits_applicants_lawful_presence_verified_from_september_2011(date: str, applies: bool) -> None:
    """§ 31-13-7(c), (g): "commencing on September 1, 2011" each agency verifies the lawful presence of each alien
    applying for a state or local public benefit (SAVE), and citizens sign a declaration."""
    d = decide("al", benefits(date, "inquire", data=["immigration_status"]))
    if applies:
        assert d["outcome"] == "required"
        assert d["decided_by"]["rule"] == "benefits-lawful-presence-verification"
        assert basis_entry(d, "us/al", "benefits-lawful-presence-verification")["confidence"] == "primary"
    else:
        assert "benefits-lawful-presence-verification" not in rules_in_basis(d, "us/al")


def test_citizen_benefit_applicant_declaration_is_collected() -> None:
    """§ 31-13-7(g): a United States citizen applying for a public benefit signs a declaration of citizenship."""
    d = decide("al", benefits("2024-05-01", "collect", kind="housing", data=["citizenship"]))
    assert d["outcome"] == "required"
    # Federally assisted housing's own status declaration (42 U.S.C. § 1436a(d)(1)(A)) requires it too and may be
    # the one named as deciding; the state's rule applies alongside it.
    assert basis_entry(d, "us/al", "benefits-lawful-presence-verification")["status"] == "applied"


def test_public_benefits_depend_on_lawful_presence() -> None:
    """§ 31-13-7(b): an alien not lawfully present (and not eligible under 8 U.S.C. §§ 1621(a), 1641) receives no
    state or local public benefit."""
    d = decide("al", benefits("2024-05-01", "condition_service"))
    assert d["outcome"] == "required"
    assert d["decided_by"] == {"jurisdiction": "us/al", "rule": "no-public-benefits-without-lawful-presence",
                               "citation": "Ala. Code § 31-13-7(b)"}


def test_schools_are_outside_the_benefits_verification() -> None:
    """§ 31-13-7(e)(1): no verification for primary or secondary school education."""
    d = decide("al", benefits("2024-05-01", "inquire", kind="school", data=["immigration_status"]))
    assert "benefits-lawful-presence-verification" not in rules_in_basis(d, "us/al")


@pytest.mark.parametrize(("date", "applies"), [("2025-09-30", True), ("2025-10-01", False)])
def test_status_check_on_stops_2011_text_until_sb53(date: str, applies: bool) -> None:
    """§ 31-13-12(a) (2011): on a lawful stop, detention or arrest with reasonable suspicion, a reasonable attempt
    to determine status; amended by SB 53 from 2025-10-01 (new text not read, so the 2011 rule ends)."""
    d = decide("al", request(date, "us/al/jefferson-county", "police", "inquire", data=["immigration_status"],
                             context="criminal_investigation"))
    assert d["outcome"] == "allowed"
    if applies:
        assert d["decided_by"]["rule"] == "officers-may-check-status-on-stops-2011"
    else:
        assert "officers-may-check-status-on-stops-2011" not in rules_in_basis(d, "us/al")

