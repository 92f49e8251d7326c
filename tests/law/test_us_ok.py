"""Scenario tests for Oklahoma (library/us/ok.yaml): 22 O.S. § 171.3 (Laws 2021, c. 255, § 2), from 2021-11-01.

A local ban on holds is exercised with the FICTIONAL ``us/ok/fixture-county``.
"""

from __future__ import annotations

from tests.law._anti_sanctuary import decide, detainer
from tests.law._rules_subset import basis_entry, obligation_kinds, rules_in_basis

COUNTY = "us/ok/fixture-county"


def test_no_state_duty_on_2021_10_31() -> None:
    """§ 171.3 took effect 2021-11-01: the day before, Oklahoma law does not decide a detainer hold."""
    assert rules_in_basis(decide("ok", detainer("2021-10-31", "us/ok/tulsa-county")), "us/ok") == set()


def test_detainer_must_be_honoured_from_2021_11_01() -> None:
    """§ 171.3(A)(1)-(2): comply with, honour and fulfil the detainer and tell the person."""
    d = decide("ok", detainer("2021-11-01", "us/ok/tulsa-county"))
    assert d["outcome"] == "required"
    assert d["decided_by"] == {"jurisdiction": "us/ok", "rule": "detainer-compliance-required",
                               "citation": "Okla. Stat. tit. 22, § 171.3(A)"}
    assert "notify_subject" in obligation_kinds(d)


def test_no_administrative_warrant_needed() -> None:
    """§ 171.3(C)(1): an immigration detainer request is the federal form (I-247 or successor); the duty does not
    wait for an administrative warrant."""
    assert decide("ok", detainer("2024-01-01", "us/ok/tulsa-county", warrant=False))["outcome"] == "required"


def test_release_notification_request_is_part_of_the_detainer() -> None:
    """§ 171.3(A)(1): "any request made in the immigration detainer request", including notice before release."""
    d = decide("ok", detainer("2024-01-01", "us/ok/oklahoma-city", kind="police", action="notify_release"))
    assert d["outcome"] == "required"


def test_proof_of_citizenship_lifts_the_duty() -> None:
    """§ 171.3(B): no duty toward a person who has proved US citizenship (encoded with the contract's broader
    proof-of-lawful-status fact, hence secondary)."""
    d = decide("ok", detainer("2024-01-01", "us/ok/tulsa-county", proof_of_lawful_status=True))
    assert d["outcome"] != "required"
    assert basis_entry(d, "us/ok", "detainer-compliance-required")["status"] == "overridden"
    assert basis_entry(d, "us/ok", "detainer-proof-of-citizenship")["confidence"] == "secondary"
    assert "notify_subject" not in obligation_kinds(d)


def test_cbp_detainer_is_outside_the_statute() -> None:
    """§ 171.3(A) speaks of detainers issued by ICE."""
    assert rules_in_basis(decide("ok", detainer("2024-01-01", "us/ok/tulsa-county", agency="cbp")), "us/ok") == set()


def test_county_ban_on_holds_is_overridden_by_state_duty() -> None:
    """§ 171.3(A): the state's requirement prevails over a county's ban (supremacy, not preemption)."""
    d = decide("ok", detainer("2024-01-01", COUNTY), fixture="fixture-county")
    assert d["outcome"] == "required"
    assert basis_entry(d, COUNTY, "no-detainer-holds")["status"] == "overridden"


# -- law14 (2026-12-04): 56 O.S. § 71(A) read in the ok.elaws.us copy --------------------------------------------------


def benefits(date: str, **subject: bool) -> dict[str, object]:
    out: dict[str, object] = {"date": date, "agency": {"jurisdiction": "us/ok/tulsa-county", "kind": "social_services"},
                              "action": "collect", "data": ["immigration_status"], "context": "benefits_eligibility"}
    if subject:
        out["subject"] = subject
    return out


def test_benefit_agency_must_verify_lawful_presence_of_adult_applicant() -> None:
    """Okla. Stat. tit. 56, § 71(A) (HB 1804, 2007): every agency or political subdivision verifies the lawful
    presence of applicants aged 14 or over for state, local or federal public benefits it administers."""
    d = decide("ok", benefits("2024-02-01", minor=False))
    assert d["outcome"] == "required"
    assert d["decided_by"] == {"jurisdiction": "us/ok", "rule": "benefits-applicants-lawful-presence-verified",
                               "citation": "Okla. Stat. tit. 56, § 71(A)"}
    assert basis_entry(d, "us/ok", "benefits-applicants-lawful-presence-verified")["confidence"] == "primary"


def test_benefit_verification_asks_the_applicants_age() -> None:
    """§ 71(A) turns on age (14 or over); the rule reads `subject.minor` and asks for it when it is not given."""
    d = decide("ok", benefits("2024-02-01"))
    assert d["outcome"] == "undetermined"
    assert "subject.minor" in d["missing_facts"]


def test_benefit_verification_starts_with_hb1804() -> None:
    """HB 1804 took effect 2007-11-01 (date from a secondary source): no Oklahoma rule the day before."""
    assert rules_in_basis(decide("ok", benefits("2007-10-31", minor=False)), "us/ok") == set()
    assert decide("ok", benefits("2007-11-01", minor=False))["outcome"] == "required"


def hiring(date: str) -> dict[str, object]:
    return {"date": date, "agency": {"jurisdiction": "us/ok/oklahoma-city", "kind": "city_agency"},
            "action": "collect", "data": ["immigration_status"], "context": "employment_verification"}


def test_public_employer_must_use_the_status_verification_system() -> None:
    """Okla. Stat. tit. 25, § 1313(A) (HB 1804, eff. 2007-11-01): every public employer registers with and uses
    E-Verify (or an equivalent federal program) for all new employees."""
    d = decide("ok", hiring("2024-02-01"))
    assert d["outcome"] == "required"
    assert d["decided_by"] == {"jurisdiction": "us/ok", "rule": "public-employer-e-verify",
                               "citation": "Okla. Stat. tit. 25, § 1313(A)"}
    assert basis_entry(d, "us/ok", "public-employer-e-verify")["confidence"] == "primary"


def test_e_verify_duty_starts_on_1_november_2007() -> None:
    """HB 1804's sections took effect 2007-11-01 (history note of § 1312): no Oklahoma rule the day before."""
    assert rules_in_basis(decide("ok", hiring("2007-10-31")), "us/ok") == set()
    assert decide("ok", hiring("2007-11-01"))["outcome"] == "required"
