"""Federal rules whose statutory text was read in the current U.S. Code (issue 7, law4 session, 2026-12-04):
8 U.S.C. § 1324a(a)(1)(B), (b)(1)-(2) (Form I-9) and 42 U.S.C. § 1320b-7(d)(1)(A) (the benefits declaration).

A jurisdiction with no file of its own (``us/wy/laramie-county``) is decided by the federal layer alone.
"""

from __future__ import annotations

from tests.law._us_sanctuary import basis_entry, decide, decided, request

WY = "us/wy/laramie-county"
STATUTE = {"type": "statute"}


def test_i9_attestation_is_required_of_every_employer() -> None:
    """8 U.S.C. § 1324a(a)(1)(B)(i), (b)(1)-(2): hiring without the subsection (b) verification is unlawful; the
    employee attests on the designated form to being a citizen or national, a permanent resident or otherwise
    authorised to work. A county office hiring staff must collect it."""
    d = decide(request("2026-03-01", WY, "city_agency", "collect", data=["citizenship", "immigration_status"],
                       context="employment_verification", instrument=STATUTE))
    assert d["outcome"] == "required"
    assert decided(d) == ("us", "i9-employment-verification")
    assert basis_entry(d, "us", "i9-employment-verification")["confidence"] == "primary"


def test_i9_duty_does_not_reach_service_forms() -> None:
    """§ 1324a(b)(5): the form and its information may be used only to enforce the chapter (and listed title 18
    offences); the I-9 duty is not a reason to ask status on a service application."""
    d = decide(request("2026-03-01", WY, "city_agency", "collect", data=["immigration_status"],
                       context="service_delivery", instrument=STATUTE))
    assert d["outcome"] != "required"
    assert all(entry["rule"] != "i9-employment-verification" for entry in d["basis"])


def test_benefits_declaration_is_required_for_listed_programs() -> None:
    """42 U.S.C. § 1320b-7(d)(1)(A) (current text): the State requires, as a condition of eligibility for a
    program listed in subsection (b), a written declaration under penalty of perjury of citizenship or
    satisfactory immigration status."""
    d = decide(request("2026-03-01", WY, "social_services", "collect", data=["immigration_status"],
                       context="benefits_eligibility", instrument=STATUTE))
    assert d["outcome"] == "required"
    assert decided(d) == ("us", "benefits-status-declaration")
    assert basis_entry(d, "us", "benefits-status-declaration")["confidence"] == "primary"


def test_benefits_declaration_binds_social_services_only() -> None:
    """§ 1320b-7(a), (d): the duty is the State's eligibility system for the listed programs; a library asking
    about status is not making such a determination."""
    d = decide(request("2026-03-01", WY, "library", "collect", data=["immigration_status"],
                       context="benefits_eligibility", instrument=STATUTE))
    assert all(entry["rule"] != "benefits-status-declaration" for entry in d["basis"])
