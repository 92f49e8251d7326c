"""Scenario tests for South Carolina (library/us/sc.yaml): S.C. Code §§ 6-1-170 and 17-13-170.

Local limiting policies are exercised with the FICTIONAL ``us/sc/fixture-county``.
"""

from __future__ import annotations

import pytest

from tests.law._anti_sanctuary import ask, decide, detainer, share
from tests.law._rules_subset import basis_entry, obligation_kinds, rules_in_basis
from tests.law._south import request

COUNTY = "us/sc/fixture-county"


def test_county_ban_on_telling_state_officers_status_is_void() -> None:
    """§ 6-1-170(C): no political subdivision may limit communicating status to appropriate STATE officials either
    (a case federal § 1373 does not reach)."""
    d = decide("sc", share("2022-04-01", COUNTY, agency="state_law_enforcement"), fixture="fixture-county")
    assert d["outcome"] == "allowed"
    assert d["decided_by"] == {"jurisdiction": "us/sc", "rule": "officials-may-communicate-status",
                               "citation": "S.C. Code Ann. § 6-1-170(C)"}
    assert basis_entry(d, COUNTY, "no-status-sharing")["status"] == "void"
    assert basis_entry(d, "us/sc", "void-limits-on-status-communication")["confidence"] == "primary"


def test_school_district_staff_may_communicate_status() -> None:
    """§ 6-1-170(A), (C): "political subdivision" includes school districts; the permission covers every kind of
    agency."""
    d = decide("sc", share("2022-04-01", "us/sc/greenville", kind="school"))
    assert basis_entry(d, "us/sc", "officials-may-communicate-status")["status"] == "applied"


def test_officers_may_check_status_during_an_arrest() -> None:
    """§ 17-13-170(A): during a lawful stop or arrest with reasonable suspicion, officers make a reasonable effort to
    determine lawful presence; a county ban on such questions cannot stand (§ 17-13-170(G), read in the code)."""
    d = decide("sc", ask("2022-04-01", COUNTY, context="criminal_investigation"), fixture="fixture-county")
    assert d["outcome"] == "allowed"
    assert d["decided_by"]["rule"] == "officers-may-check-status"
    assert basis_entry(d, COUNTY, "no-status-questions")["status"] == "void"


def test_county_ban_on_status_questions_outside_a_stop_stands() -> None:
    """§ 17-13-170 concerns stops, detentions and arrests: a county ban on asking people who come for services is not
    void."""
    d = decide("sc", ask("2022-04-01", COUNTY, context="service_delivery"), fixture="fixture-county")
    assert d["outcome"] == "forbidden"
    assert d["decided_by"]["jurisdiction"] == COUNTY


def test_south_carolina_has_no_detainer_mandate() -> None:
    """Neither section makes ICE detainers mandatory for local jails."""
    assert rules_in_basis(decide("sc", detainer("2022-04-01", "us/sc/charleston-county")), "us/sc") == set()


def test_agencies_may_keep_status_information_from_2012() -> None:
    """§ 17-13-170(E) (2011 Act No. 69, § 6, eff. 2012-01-01, read in the code): officers and agencies may not be
    prohibited from maintaining status information."""
    request = {"date": "2022-04-01", "agency": {"jurisdiction": "us/sc/charleston-county", "kind": "police"},
               "action": "collect", "data": ["immigration_status"]}
    d = decide("sc", request)
    assert d["outcome"] == "allowed"
    assert d["decided_by"] == {"jurisdiction": "us/sc", "rule": "officers-may-keep-status",
                               "citation": "S.C. Code Ann. § 17-13-170(E)"}
    assert basis_entry(d, "us/sc", "officers-may-keep-status")["confidence"] == "primary"
    before = decide("sc", {**request, "date": "2011-12-31"})
    assert "officers-may-keep-status" not in rules_in_basis(before, "us/sc")


@pytest.mark.parametrize(("date", "applies"), [("2011-12-31", False), ("2012-01-01", True)])
def test_jail_determines_status_of_confined_person(date: str, applies: bool) -> None:
    """S.C. Code § 23-3-1100(A)-(B): a reasonable effort to determine whether a person charged and confined in jail is
    unlawfully present, an LESC query within 72 hours, DHS notified; the version in force since 2012-01-01 (2011 Act
    No. 69, § 7) is the one read."""
    d = decide("sc", request(date, "us/sc/richland-county", "jail", "inquire", data=["immigration_status"],
                             context="booking"))
    if applies:
        assert d["outcome"] == "required"
        assert d["decided_by"] == {"jurisdiction": "us/sc", "rule": "jail-status-verification",
                                   "citation": "S.C. Code Ann. § 23-3-1100(A)-(B)"}
        assert basis_entry(d, "us/sc", "officers-may-check-status")["status"] == "overridden"
        assert "report" in obligation_kinds(d)
    else:
        assert "jail-status-verification" not in rules_in_basis(d, "us/sc")


@pytest.mark.parametrize("action", ["notify_release", "transfer"])
def test_end_of_sentence_notice_and_transport_to_federal_custody(action: str) -> None:
    """S.C. Code § 23-3-1100(E): when an unlawfully present prisoner completes a sentence, the keeper of the jail
    notifies DHS and securely transports the prisoner into federal custody."""
    d = decide("sc", request("2024-03-01", "us/sc/richland-county", "jail", action, requester={"agency": "ice"},
                             subject={"in_custody": True,
                                      "convictions": [{"class": "misdemeanor", "date": "2023-11-01"}]}))
    assert d["outcome"] == "required"
    assert d["decided_by"]["rule"] == "notify-and-transfer-at-end-of-sentence"


def test_end_of_sentence_duty_not_for_a_prisoner_with_proof_of_lawful_status() -> None:
    """S.C. Code § 23-3-1100(E) covers aliens unlawfully present only."""
    d = decide("sc", request("2024-03-01", "us/sc/richland-county", "jail", "notify_release",
                             requester={"agency": "ice"},
                             subject={"in_custody": True, "proof_of_lawful_status": True,
                                      "convictions": [{"class": "felony", "date": "2023-11-01"}]}))
    assert "notify-and-transfer-at-end-of-sentence" not in rules_in_basis(d, "us/sc")


@pytest.mark.parametrize(("date", "applies"), [("2008-06-30", False), ("2008-07-01", True)])
def test_benefit_applicants_lawful_presence_verified_from_july_2008(date: str, applies: bool) -> None:
    """S.C. Code § 8-29-10(A), (D): "on or after July 1, 2008" every agency or political subdivision verifies the
    lawful presence of any alien 18 or older applying for a public benefit it administers."""
    d = decide("sc", request(date, "us/sc/greenville-county", "social_services", "inquire",
                             data=["immigration_status"], context="benefits_eligibility", subject={"minor": False},
                             instrument={"type": "statute"}))
    if applies:
        assert d["outcome"] == "required"
        assert d["decided_by"]["rule"] == "benefits-lawful-presence-verification"
    else:
        assert "benefits-lawful-presence-verification" not in rules_in_basis(d, "us/sc")


@pytest.mark.parametrize(("date", "applies"), [("2011-12-31", False), ("2012-01-01", True)])
def test_public_employers_use_e_verify(date: str, applies: bool) -> None:
    """S.C. Code § 8-14-20(A): every public employer registers and participates in E-Verify for all new employees;
    the version read is in force since 2012-01-01 (2011 Act No. 69, § 3)."""
    d = decide("sc", request(date, "us/sc/charleston-county", "police", "inquire", data=["immigration_status"],
                             context="employment_verification", instrument={"type": "statute"}))
    if applies:
        assert d["outcome"] == "required"
        entry = basis_entry(d, "us/sc", "public-employers-must-use-e-verify")
        assert (entry["status"], entry["effect"]) == ("applied", "require")
        assert entry["citation"] == "S.C. Code Ann. § 8-14-20(A)"
    else:
        assert "public-employers-must-use-e-verify" not in rules_in_basis(d, "us/sc")
