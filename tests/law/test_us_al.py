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
