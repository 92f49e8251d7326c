"""Federal rules whose statutory text was read in the current U.S. Code (issue 7, law4 session, 2026-12-04):
8 U.S.C. § 1324a(a)(1)(B), (b)(1)-(2) (Form I-9) and 42 U.S.C. § 1320b-7(d)(1)(A) (the benefits declaration).

A jurisdiction with no file of its own (``us/wy/laramie-county``) is decided by the federal layer alone.
"""

from __future__ import annotations

from tests.law._us_sanctuary import ICE, basis_entry, decide, decided, obligation_kinds, request, status_of

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


# -- law14 (helper A, 2026-12-04): provisions read in the current U.S. Code and in copies of 45 C.F.R. § 164.512 -----
LOCAL_POLICE = {"agency": "local_law_enforcement", "purpose": "criminal_investigation"}
REMOVED_FELON = {"reentered_after_removal": True, "convictions": [{"class": "felony", "date": "2015-05-01"}]}


def test_1252c_lets_officers_arrest_a_removed_felon_after_ice_confirms() -> None:
    """8 U.S.C. § 1252c(a): where state law permits, state and local officers may arrest and detain a person unlawfully
    present who was convicted of a felony and deported, after ICE confirms status and only until ICE takes custody."""
    d = decide(request("2026-03-01", WY, "police", "arrest",
                       requester={"agency": "local_law_enforcement", "purpose": "civil_immigration"},
                       subject=REMOVED_FELON))
    assert d["outcome"] == "allowed"
    assert decided(d) == ("us", "arrest-of-removed-felon-1252c")
    assert basis_entry(d, "us", "arrest-of-removed-felon-1252c")["confidence"] == "primary"
    assert {"limit_hold_duration", "escalate_to_counsel"} <= obligation_kinds(d)


def test_1252c_needs_the_felony_and_the_removal() -> None:
    """8 U.S.C. § 1252c(a)(2): a removal without a felony conviction is not enough; Arizona's bar stands."""
    d = decide(request("2026-03-01", WY, "police", "arrest",
                       requester={"agency": "local_law_enforcement", "purpose": "civil_immigration"},
                       subject={"reentered_after_removal": True,
                                "convictions": [{"class": "misdemeanor", "date": "2015-05-01"}]}))
    assert d["outcome"] == "forbidden"
    assert decided(d) == ("us", "no-unilateral-civil-arrest")
    unknown = decide(request("2026-03-01", WY, "police", "arrest",
                             requester={"agency": "local_law_enforcement", "purpose": "civil_immigration"}))
    assert unknown["outcome"] == "undetermined"
    assert any("reentered_after_removal" in f for f in unknown["missing_facts"])


def test_1252c_yields_to_a_state_that_forbids_civil_arrests() -> None:
    """8 U.S.C. § 1252c(a): "to the extent permitted by relevant State and local law" — California's ban decides."""
    d = decide(request("2026-03-01", "us/ca/san-francisco", "police", "arrest",
                       requester={"agency": "local_law_enforcement", "purpose": "civil_immigration"},
                       subject=REMOVED_FELON))
    assert d["outcome"] == "forbidden"
    assert status_of(d, "us", "arrest-of-removed-felon-1252c") == "overridden"


def test_hipaa_disclosure_required_by_a_statute() -> None:
    """45 C.F.R. § 164.512(a)(1), (f)(1)(i): a disclosure a statute requires (a wound-reporting law) is permitted,
    limited to what the law requires."""
    d = decide(request("2026-03-01", WY, "health_facility", "disclose", requester=LOCAL_POLICE,
                       data=["health"], instrument=STATUTE))
    assert d["outcome"] == "allowed"
    assert decided(d) == ("us", "hipaa-required-by-law")
    assert "escalate_to_counsel" in obligation_kinds(d)


def test_hipaa_identification_and_location_is_limited_to_the_listed_data() -> None:
    """45 C.F.R. § 164.512(f)(2): to identify or locate a suspect, a facility may give name, address, date and place of
    birth and SSN without process — but not other health information."""
    base = request("2026-03-01", WY, "health_facility", "disclose", requester=LOCAL_POLICE,
                   data=["address", "identity", "health"], instrument={"type": "none"})
    d = decide(base)
    assert d["by_data"] == {"address": "allowed", "identity": "allowed", "health": "forbidden"}
    assert d["outcome"] == "forbidden"
    address = decide({**base, "data": ["address"]})
    assert address["outcome"] == "allowed"
    assert decided(address) == ("us", "hipaa-identification-and-location")
    assert basis_entry(address, "us", "hipaa-identification-and-location")["confidence"] == "primary"


def test_hipaa_identification_exception_does_not_cover_civil_immigration() -> None:
    """45 C.F.R. § 164.512(f)(2) is encoded for criminal investigations only: ICE asking a clinic for a patient's
    address for civil immigration purposes, with no paper, stays forbidden (§ 164.512(f)(1))."""
    d = decide(request("2026-03-01", WY, "health_facility", "disclose", requester=ICE, data=["address"],
                       instrument={"type": "none"}))
    assert d["outcome"] == "forbidden"
    assert decided(d) == ("us", "hipaa-no-phi-to-law-enforcement")


def test_substance_use_records_need_consent_or_a_good_cause_order() -> None:
    """42 U.S.C. § 290dd-2(a), (b)(2)(C), (c): where HIPAA lets a warrant reach the records, counsel must check whether
    they are federally assisted substance use disorder records, which need consent or a good-cause court order."""
    warrant = {"type": "judicial_warrant", "signed_by": "federal_judge"}
    d = decide(request("2026-03-01", WY, "health_facility", "disclose", requester=LOCAL_POLICE, data=["health"],
                       instrument=warrant))
    assert d["outcome"] == "allowed"
    assert status_of(d, "us", "sud-records-need-consent-or-a-court-order") == "applied"
    assert any(o["citation"].startswith("42 U.S.C. § 290dd-2") for o in d["obligations"])
    refused = decide(request("2026-03-01", WY, "health_facility", "disclose", requester=ICE, data=["health"],
                             instrument={"type": "none"}))
    assert refused["outcome"] == "forbidden"
    assert all(not o["citation"].startswith("42 U.S.C. § 290dd-2") for o in refused["obligations"])
    consent = decide(request("2026-03-01", WY, "health_facility", "disclose", requester=LOCAL_POLICE, data=["health"],
                             instrument=warrant, subject={"written_consent": True}))
    assert all(b["rule"] != "sud-records-need-consent-or-a-court-order" for b in consent["basis"])


def test_ferpa_records_every_outside_request_even_when_refused() -> None:
    """20 U.S.C. § 1232g(b)(4)(A): the record of access lists everyone who "requested or obtained access"."""
    d = decide(request("2026-03-01", WY, "school", "disclose", requester=ICE, data=["education_record"],
                       instrument={"type": "admin_subpoena", "signed_by": "immigration_officer"}))
    assert d["outcome"] == "forbidden"
    assert status_of(d, "us", "ferpa-record-of-requests") == "applied"
    assert basis_entry(d, "us", "ferpa-record-of-requests")["confidence"] == "primary"
    assert "record_request" in obligation_kinds(d)


def test_ferpa_records_held_by_another_agency_are_not_passed_on() -> None:
    """20 U.S.C. § 1232g(b)(4)(B): a third party that received education records may not let anyone else have them
    without the parents' written consent — a probation office asked by ICE for a youth's school records."""
    base = request("2026-03-01", WY, "probation", "disclose", requester=ICE, data=["education_record"],
                   instrument={"type": "none"})
    d = decide(base)
    assert d["outcome"] == "forbidden"
    assert decided(d) == ("us", "ferpa-no-redisclosure")
    consent = decide({**base, "subject": {"written_consent": True}})
    assert consent["outcome"] == "allowed"
    assert decided(consent) == ("us", "ferpa-redisclosure-with-consent")


def test_i9_must_be_kept_three_years_or_one_after_termination() -> None:
    """8 U.S.C. § 1324a(b)(3): the employer retains the form for three years after hire or one year after the
    employment ends, whichever is later."""
    d = decide(request("2026-03-01", WY, "city_agency", "collect", data=["immigration_document"],
                       context="employment_verification", instrument=STATUTE))
    assert d["outcome"] == "required"
    assert status_of(d, "us", "i9-retention") == "applied"
    assert any(o["kind"] == "preserve_records" and "three years" in o.get("deadline", "") for o in d["obligations"])


def test_1625_lets_a_locality_require_proof_of_eligibility() -> None:
    """8 U.S.C. § 1625 (added 5 Aug 1997): a state or locality may require an applicant for a state or local public
    benefit to prove eligibility; the permission did not exist the day before."""
    raw = request("2026-03-01", WY, "housing", "collect", data=["immigration_status"],
                  context="benefits_eligibility", instrument={"type": "none"})
    d = decide(raw)
    assert d["outcome"] == "allowed" and d["coverage"] == "rule"
    assert decided(d) == ("us", "benefits-proof-of-eligibility-permitted")
    assert decided(decide({**raw, "date": "1997-08-05"})) == ("us", "benefits-proof-of-eligibility-permitted")
    assert decide({**raw, "date": "1997-08-04"})["decided_by"] is None


def test_ferpa_directory_information_needs_the_schools_notice() -> None:
    """20 U.S.C. § 1232g(a)(5)(A)-(B), (b)(1): a student's name and address are releasable only as designated
    directory information after public notice and a chance to opt out; counsel is called."""
    d = decide(request("2026-03-01", WY, "school", "disclose", requester=ICE, data=["address"],
                       instrument={"type": "none"}))
    assert status_of(d, "us", "ferpa-directory-information") == "applied"
    assert basis_entry(d, "us", "ferpa-directory-information")["confidence"] == "primary"
    assert any(o["citation"].startswith("20 U.S.C. § 1232g(a)(5)") for o in d["obligations"])
    schedule = decide(request("2026-03-01", WY, "school", "disclose", requester=ICE, data=["schedule"],
                              instrument={"type": "none"}))
    assert all(b["rule"] != "ferpa-directory-information" for b in schedule["basis"])


def test_victim_services_release_needs_consent_or_compulsion() -> None:
    """34 U.S.C. § 12291(b)(2)(B); 42 U.S.C. § 10406(c)(5)(B): a grant-funded shelter releases nothing about a person
    it serves without informed, written, time-limited consent — counsel is called on an informal ICE request."""
    d = decide(request("2026-03-01", WY, "shelter", "disclose", requester=ICE, data=["address"],
                       instrument={"type": "none"}))
    assert status_of(d, "us", "victim-services-no-release-without-consent") == "applied"
    assert "escalate_to_counsel" in obligation_kinds(d)
    consent = decide(request("2026-03-01", WY, "shelter", "disclose", requester=ICE, data=["address"],
                             instrument={"type": "none"}, subject={"written_consent": True}))
    assert all(b["rule"] != "victim-services-no-release-without-consent" for b in consent["basis"])


def test_victim_services_compelled_release_means_notice_to_the_victim() -> None:
    """34 U.S.C. § 12291(b)(2)(C); 42 U.S.C. § 10406(c)(5)(C): released under a court order, the shelter tries to tell
    the victims affected and protects their safety."""
    d = decide(request("2026-03-01", WY, "shelter", "disclose", requester=LOCAL_POLICE, data=["address"],
                       instrument={"type": "court_order", "signed_by": "state_judge"}))
    assert d["outcome"] == "allowed"
    assert status_of(d, "us", "victim-services-compelled-release-notice") == "applied"
    assert "notify_subject" in obligation_kinds(d)
    assert all(b["rule"] != "victim-services-no-release-without-consent" for b in d["basis"])


def test_benefits_denial_on_status_waits_for_a_reasonable_opportunity() -> None:
    """42 U.S.C. § 1320b-7(d)(4)-(5): no delay, denial, reduction or termination on status grounds before a reasonable
    opportunity to submit evidence; the fair hearing afterwards."""
    d = decide(request("2026-03-01", WY, "social_services", "condition_service", context="benefits_eligibility"))
    assert status_of(d, "us", "benefits-reasonable-opportunity") == "applied"
    assert {"notify_subject", "advise_of_rights"} <= obligation_kinds(d)
    service = decide(request("2026-03-01", WY, "social_services", "condition_service", context="service_delivery"))
    assert all(b["rule"] != "benefits-reasonable-opportunity" for b in service["basis"])


def test_tanf_agency_duty_to_report_known_unlawful_presence_goes_to_counsel() -> None:
    """42 U.S.C. § 611a: a TANF state furnishes INS, on request, identifying information on persons it KNOWS are
    unlawfully present; knowledge is not a fact of the request, so counsel is called and the outcome is not required."""
    d = decide(request("2026-03-01", WY, "social_services", "disclose", requester=ICE, data=["address"],
                       instrument={"type": "none"}))
    assert d["outcome"] != "required"
    assert status_of(d, "us", "tanf-report-known-unlawful-presence") == "applied"
    assert basis_entry(d, "us", "tanf-report-known-unlawful-presence")["confidence"] == "primary"
    assert "escalate_to_counsel" in obligation_kinds(d)


def test_public_housing_duty_to_report_known_unlawful_presence_goes_to_counsel() -> None:
    """42 U.S.C. § 1437y: a public housing agency's HUD contract requires the same reports about persons it KNOWS are
    not lawfully present; the duty binds only at ICE's request."""
    d = decide(request("2026-03-01", WY, "housing", "disclose", requester=ICE, data=["identity"],
                       instrument={"type": "none"}))
    assert d["outcome"] != "required"
    assert status_of(d, "us", "public-housing-report-known-unlawful-presence") == "applied"
    police = decide(request("2026-03-01", WY, "housing", "disclose", requester=LOCAL_POLICE, data=["identity"],
                            instrument={"type": "none"}))
    assert all(b["rule"] != "public-housing-report-known-unlawful-presence" for b in police["basis"])


def test_287g_agreement_terms_go_with_the_agreement() -> None:
    """8 U.S.C. § 1357(g)(2)-(5), (7)-(8): a written agreement certifying training and naming each officer's powers,
    duration and federal supervisor; officers act under federal direction."""
    d = decide(request("2026-03-01", WY, "jail", "enter_agreement"))
    assert d["outcome"] == "allowed"
    assert decided(d) == ("us", "agreements-are-voluntary")
    assert status_of(d, "us", "agreement-terms-287g") == "applied"
    assert basis_entry(d, "us", "agreement-terms-287g")["confidence"] == "primary"
    assert "escalate_to_counsel" in obligation_kinds(d)


def test_emtala_emergency_screening_for_anyone_goes_to_counsel() -> None:
    """42 U.S.C. § 1395dd(a), (b)(1): a Medicare hospital's emergency department screens and stabilises "any individual
    (whether or not eligible for benefits)"; making care depend on status calls counsel."""
    d = decide(request("2026-03-01", WY, "health_facility", "condition_service"))
    assert status_of(d, "us", "emergency-screening-for-anyone") == "applied"
    assert "escalate_to_counsel" in obligation_kinds(d)


def test_snap_safeguards_and_report_call_counsel() -> None:
    """7 U.S.C. § 2020(e)(8), (15): SNAP applicant information is disclosed only as the Act permits; only a certified
    determination of ineligibility for unlawful presence is reported to immigration authorities."""
    d = decide(request("2026-03-01", WY, "social_services", "disclose", requester=ICE, data=["address"],
                       instrument={"type": "none"}))
    assert status_of(d, "us", "snap-information-safeguards") == "applied"
    assert status_of(d, "us", "snap-report-unlawful-presence") == "applied"
    assert d["outcome"] != "required"
    police = decide(request("2026-03-01", WY, "social_services", "disclose", requester=LOCAL_POLICE,
                            data=["address"], instrument={"type": "none"}))
    assert status_of(police, "us", "snap-information-safeguards") == "applied"
    assert all(b["rule"] != "snap-report-unlawful-presence" for b in police["basis"])


def test_assisted_housing_status_declaration_is_required() -> None:
    """42 U.S.C. § 1436a(d)(1)(A): a written declaration under penalty of perjury of citizenship or satisfactory
    immigration status is a condition of federally assisted housing; a public housing agency must collect it."""
    d = decide(request("2026-03-01", WY, "housing", "collect", data=["citizenship", "immigration_status"],
                       context="benefits_eligibility", instrument=STATUTE))
    assert d["outcome"] == "required"
    assert decided(d) == ("us", "housing-assistance-status-declaration")
    assert basis_entry(d, "us", "housing-assistance-status-declaration")["confidence"] == "primary"
    own = decide(request("2026-03-01", WY, "housing", "collect", data=["immigration_status"],
                         context="benefits_eligibility", instrument={"type": "none"}))
    assert own["outcome"] == "allowed"
    assert decided(own) == ("us", "benefits-proof-of-eligibility-permitted")


def test_assisted_housing_denial_on_status_waits_thirty_days() -> None:
    """42 U.S.C. § 1436a(d)(4)-(5): up to 30 days to submit evidence or appeal, no denial meanwhile, written notice of
    a denial and of the fair hearing."""
    d = decide(request("2026-03-01", WY, "housing", "condition_service", context="benefits_eligibility"))
    assert status_of(d, "us", "housing-assistance-reasonable-opportunity") == "applied"
    assert {"notify_subject", "advise_of_rights"} <= obligation_kinds(d)
    assert any(o.get("deadline") == "up to 30 days" for o in d["obligations"])


def test_1621_state_and_local_benefits_eligibility_calls_counsel() -> None:
    """8 U.S.C. § 1621(a)-(d): persons who are not qualified aliens, nonimmigrants or short-term parolees are
    ineligible for state and local public benefits, with exceptions and a state opt-in; the decision stays with the
    lower layers, and counsel is called."""
    d = decide(request("2026-03-01", WY, "city_agency", "condition_service", context="benefits_eligibility"))
    assert d["outcome"] != "required"
    assert status_of(d, "us", "state-local-benefits-eligibility-1621") == "applied"
    assert basis_entry(d, "us", "state-local-benefits-eligibility-1621")["confidence"] == "primary"
    before = decide(request("1996-08-21", WY, "city_agency", "condition_service", context="benefits_eligibility"))
    assert all(b["rule"] != "state-local-benefits-eligibility-1621" for b in before["basis"])
