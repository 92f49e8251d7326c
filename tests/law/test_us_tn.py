"""Scenario tests for Tennessee (library/us/tn.yaml): Tenn. Code Ann. title 7, ch. 68, as amended by HB 2315 (2018,
in force 2019-01-01) and SB 6002 / HB 6001 (2025, 1st Ex. Sess.).

Local limiting policies are exercised with the FICTIONAL ``us/tn/fixture-county``.
"""

from __future__ import annotations

import pytest

from tests.law._anti_sanctuary import act, ask, decide, detainer, share
from tests.law._rules_subset import basis_entry, obligation_kinds, rules_in_basis
from tests.law._south import request

COUNTY = "us/tn/fixture-county"


def test_officers_must_communicate_status_to_federal_officials() -> None:
    """§ 7-68-105(a): all law enforcement agencies and officials shall communicate with the appropriate federal
    official regarding immigration status."""
    d = decide("tn", share("2024-03-01", "us/tn/davidson-county"))
    assert d["outcome"] == "required"
    assert d["decided_by"] == {"jurisdiction": "us/tn", "rule": "must-communicate-status",
                               "citation": "Tenn. Code Ann. § 7-68-105(a)"}


def test_county_ban_on_status_sharing_is_void_and_overridden() -> None:
    """§§ 7-68-102, -103: a local sanctuary policy limiting status communication is prohibited."""
    d = decide("tn", share("2024-03-01", COUNTY), fixture="fixture-county")
    assert d["outcome"] == "required"
    assert basis_entry(d, COUNTY, "no-status-sharing")["status"] == "void"


def test_287g_memorandum_allowed_with_notice_to_the_governor() -> None:
    """§ 7-68-105(b)-(c)(1): an agency may negotiate a 287(g) memorandum and must notify the Governor, the
    Lieutenant Governor's office and the Speaker."""
    d = decide("tn", act("2024-03-01", "us/tn/knox-county", "enter_agreement", agency=None))
    assert d["outcome"] == "allowed"
    assert d["decided_by"]["rule"] == "may-enter-287g-memorandum"
    assert "report" in obligation_kinds(d)


def test_county_ban_on_detainer_holds_stands_on_2018_12_31() -> None:
    """HB 2315 (2018) widened the sanctuary-policy definition from 2019-01-01; the day before, the county's ban on
    holds still decides."""
    d = decide("tn", detainer("2018-12-31", COUNTY), fixture="fixture-county")
    assert d["outcome"] == "forbidden"
    assert basis_entry(d, COUNTY, "no-detainer-holds")["status"] != "void"
    assert "void-limits-on-detainers-and-transfers" not in rules_in_basis(d, "us/tn")


def test_county_ban_on_detainer_holds_void_from_2019_01_01() -> None:
    """§§ 7-68-102, -103 as amended by HB 2315 (secondary): limits on detainer compliance are prohibited sanctuary
    policies from 2019-01-01."""
    d = decide("tn", detainer("2019-01-01", COUNTY), fixture="fixture-county")
    assert basis_entry(d, COUNTY, "no-detainer-holds")["status"] == "void"
    pre = basis_entry(d, "us/tn", "void-limits-on-detainers-and-transfers")
    assert (pre["effect"], pre["confidence"]) == ("preempt", "secondary")


def test_county_ban_on_status_questions_void_from_2019() -> None:
    """§ 7-68-102 as amended by HB 2315: a policy stopping officers from asking about status is a sanctuary policy."""
    before = decide("tn", ask("2018-12-31", COUNTY), fixture="fixture-county")
    assert before["outcome"] == "forbidden"
    after = decide("tn", ask("2019-01-01", COUNTY), fixture="fixture-county")
    assert basis_entry(after, COUNTY, "no-status-questions")["status"] == "void"


@pytest.mark.parametrize(("date", "applies"), [("2024-06-30", False), ("2024-07-01", True)])
def test_local_health_department_verifies_benefit_applicants(date: str, applies: bool) -> None:
    """Tenn. Code Ann. § 4-58-103(a)(1): every state governmental entity and local health department verifies that an
    applicant 18 or older for a public benefit is a citizen or lawfully present; encoded from the version in force
    since 2024-07-01 (2024 Tenn. Acts ch. 921), the only one read."""
    d = decide("tn", request(date, "us/tn/davidson-county", "health_facility", "inquire",
                             data=["immigration_status", "citizenship"], context="benefits_eligibility",
                             instrument={"type": "statute"}, subject={"minor": False}))
    if applies:
        assert d["outcome"] == "required"
        assert d["decided_by"] == {"jurisdiction": "us/tn", "rule": "benefits-status-verification-2024",
                                   "citation": "Tenn. Code Ann. § 4-58-103(a)(1), (b)(1)"}
    else:
        assert "benefits-status-verification-2024" not in rules_in_basis(d, "us/tn")


def test_benefit_forms_carry_the_status_attestation() -> None:
    """Tenn. Code Ann. § 4-58-103(b)(1): forms require the applicant to attest, under penalty of perjury, to being a
    citizen or a qualified alien."""
    d = decide("tn", request("2025-02-01", "us/tn/knox-county", "social_services", "collect", data=["citizenship"],
                             context="benefits_eligibility", instrument={"type": "statute"},
                             subject={"minor": False}))
    assert d["outcome"] == "required"
    assert basis_entry(d, "us/tn", "benefits-status-verification-2024")["status"] == "applied"


def test_minor_is_not_an_applicant_under_the_benefits_act() -> None:
    """Tenn. Code Ann. § 4-58-103(a)(1) reaches applicants "eighteen (18) years of age or older"."""
    d = decide("tn", request("2025-02-01", "us/tn/knox-county", "social_services", "inquire",
                             data=["immigration_status"], context="benefits_eligibility", subject={"minor": True},
                             instrument={"type": "statute"}))
    assert "benefits-status-verification-2024" not in rules_in_basis(d, "us/tn")
