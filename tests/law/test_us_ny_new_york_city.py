"""Scenario tests for New York City (library/us/ny/new-york-city.yaml): Admin. Code §§ 9-131 (Correction),
14-154 (Police), 9-205 (Probation), 10-178 (every agency) and Executive Order 41, under New York State's
Wells v. DeMarco rule.
"""

from __future__ import annotations

from typing import Any

from tests.law._us_sanctuary import (
    DETAINER,
    FEDERAL_WARRANT,
    ICE,
    STATE_WARRANT,
    basis_entry,
    charge,
    conviction,
    decide,
    decided,
    obligation_kinds,
    record,
    request,
    status_of,
)

NYC = "us/ny/new-york-city"


def hold(date: str, kind: str, instrument: dict[str, Any], **subject: Any) -> dict[str, Any]:
    return decide(request(date, NYC, kind, "hold", requester=ICE, instrument=instrument,
                          subject=record(**subject)))


# ------------------------------------------------------------------ Department of Correction (§ 9-131)
def test_doc_honours_detainer_with_federal_warrant_and_recent_violent_or_serious_conviction() -> None:
    """Admin. Code § 9-131 (L.L. 2014/58): federal judge's warrant + "violent or serious crime" in five years;
    the request is recorded and reported quarterly (§ 10-178(d))."""
    d = hold("2026-03-01", "jail", FEDERAL_WARRANT, convictions=[conviction("violent_or_serious", "2023-01-01")])
    assert d["outcome"] == "allowed"
    assert decided(d) == (NYC, "doc-hold-warrant-and-record")
    assert status_of(d, NYC, "doc-hold-limited") == "overridden"
    assert status_of(d, "us/ny", "judicial-warrant-is-not-a-civil-arrest") == "applied"
    assert {"limit_hold_duration", "record_request", "report"} <= obligation_kinds(d)


def test_doc_state_judge_warrant_is_not_enough() -> None:
    """Admin. Code § 9-131: the warrant must come from an Article III judge or federal magistrate judge; New
    York State allows custody on any judge's warrant, the City is stricter."""
    d = hold("2026-03-01", "jail", STATE_WARRANT, convictions=[conviction("violent_or_serious", "2023-01-01")])
    assert d["outcome"] == "forbidden"
    assert decided(d) == (NYC, "doc-hold-limited")
    assert status_of(d, "us/ny", "judicial-warrant-is-not-a-civil-arrest") == "overridden"


def test_doc_five_year_window() -> None:
    """Admin. Code § 9-131: the conviction must fall in the five years before the detention."""
    inside = hold("2026-03-01", "jail", FEDERAL_WARRANT, convictions=[conviction("violent_or_serious", "2021-03-01")])
    outside = hold("2026-03-01", "jail", FEDERAL_WARRANT,
                   convictions=[conviction("violent_or_serious", "2021-02-28")])
    assert inside["outcome"] == "allowed"
    assert outside["outcome"] == "forbidden"


def test_doc_watchlist_match_with_federal_warrant() -> None:
    """Admin. Code § 9-131: a possible match in the federal terrorist screening database also qualifies."""
    d = hold("2026-03-01", "jail", FEDERAL_WARRANT, watchlist_match=True)
    assert d["outcome"] == "allowed"


def test_doc_administrative_warrant_forbidden_by_city_in_2016_and_by_state_in_2019() -> None:
    """Admin. Code § 9-131 forbids a hold on ICE paper alone; from 2018-11-14 Wells v. DeMarco forbids it
    state-wide and the state rule is the highest forbidding layer."""
    d2016 = hold("2016-06-01", "jail", DETAINER, convictions=[conviction("violent_or_serious", "2015-01-01")])
    d2019 = hold("2019-06-01", "jail", DETAINER, convictions=[conviction("violent_or_serious", "2015-01-01")])
    assert d2016["outcome"] == d2019["outcome"] == "forbidden"
    assert decided(d2016) == (NYC, "doc-hold-limited")
    assert decided(d2019) == ("us/ny", "no-civil-immigration-arrests")


def test_doc_release_notification_without_warrant_forbidden() -> None:
    """Admin. Code § 9-131: no on-duty time telling ICE about release outside the detainer conditions."""
    d = decide(request("2026-03-01", NYC, "jail", "notify_release", requester=ICE, instrument=DETAINER,
                       subject=record(convictions=[conviction("violent_or_serious", "2024-01-01")])))
    assert d["outcome"] == "forbidden"
    assert decided(d) == (NYC, "doc-no-release-notification")


def test_doc_court_dates_to_ice_for_violent_or_serious_record_without_warrant() -> None:
    """Admin. Code § 9-131(h)(1)(i) (enacted text read 2026-12-04): court and release dates may go to ICE for a
    person convicted of a violent or serious crime — no judicial warrant needed (the rule before demanded one)."""
    d = decide(request("2026-03-01", NYC, "jail", "disclose", requester=ICE, data=["schedule"],
                       instrument=DETAINER,
                       subject=record(convictions=[conviction("violent_or_serious", "2024-01-01")])))
    assert d["outcome"] == "allowed"
    assert decided(d) == (NYC, "doc-release-information-criteria")
    assert basis_entry(d, NYC, "doc-release-information-criteria")["confidence"] == "secondary"


def test_doc_release_date_to_ice_without_record_forbidden() -> None:
    """Admin. Code § 9-131(h)(1): no on-duty time telling federal immigration authorities a release date for a
    person with no violent or serious conviction, for civil immigration enforcement."""
    civil = {"agency": "ice", "purpose": "civil_immigration"}
    d = decide(request("2026-03-01", NYC, "jail", "disclose", requester=civil,
                       data=["release_date"], instrument=DETAINER, subject=record()))
    assert d["outcome"] == "forbidden"
    assert decided(d) == (NYC, "doc-no-release-information")
    assert basis_entry(d, NYC, "doc-no-release-information")["confidence"] == "primary"


def test_doc_release_information_limit_starts_2015_02_12() -> None:
    """L.L. 2014/58 § 7: subdivision h took effect 90 days after enactment (2014-11-14), on 2015-02-12."""
    kw: dict[str, Any] = {"requester": {"agency": "ice", "purpose": "civil_immigration"}, "data": ["release_date"],
                          "instrument": {"type": "none"}, "subject": record()}
    before = decide(request("2015-02-11", NYC, "jail", "disclose", **kw))
    after = decide(request("2015-02-12", NYC, "jail", "disclose", **kw))
    assert "doc-no-release-information" not in {e["rule"] for e in before["basis"] if e["jurisdiction"] == NYC}
    assert decided(after) == (NYC, "doc-no-release-information")


def test_doc_rule_date_boundary_local_law_58() -> None:
    """L.L. 2014/58, enacted 2014-11-14; § 6 puts subdivision b in effect 30 days later, 2014-12-14 (text read
    2026-12-04; the rule started on the enactment day before)."""
    before = hold("2014-12-13", "jail", DETAINER)
    after = hold("2014-12-14", "jail", DETAINER)
    assert before["outcome"] == "forbidden"  # the 2013 version of § 9-131 (L.L. 2013/22, read 2026-12-04)
    assert decided(before) == (NYC, "doc-hold-limited-2013")
    assert after["outcome"] == "forbidden"
    assert decided(after) == (NYC, "doc-hold-limited")
    assert basis_entry(after, NYC, "doc-hold-limited")["confidence"] == "primary"
    assert "report" in obligation_kinds(after)  # § 9-131(f), doc-detainer-report


# ------------------------------------------------------------------ Police (§ 14-154)
def test_nypd_48_hour_hold_for_reentry_before_wells_then_forbidden() -> None:
    """Admin. Code § 14-154: a hold of up to 48 hours so ICE can get a judicial warrant (violent or serious
    conviction and illegal re-entry after removal). From 2018-11-14 Wells v. DeMarco forbids it; the state
    layer prevails (supremacy)."""
    kw: dict[str, Any] = {"convictions": [conviction("violent_or_serious", "2003-01-01")],
                          "reentered_after_removal": True}
    d2016 = hold("2016-06-01", "police", DETAINER, **kw)
    d2019 = hold("2019-06-01", "police", DETAINER, **kw)
    assert d2016["outcome"] == "allowed"
    assert decided(d2016) == (NYC, "nypd-hold-for-warrant")
    assert {"limit_hold_duration", "request_judicial_warrant", "report"} <= obligation_kinds(d2016)
    assert d2019["outcome"] == "forbidden"
    assert decided(d2019) == ("us/ny", "no-civil-immigration-arrests")
    supremacy = [c for c in d2019["conflicts"] if c["rule"]["rule"] == "nypd-hold-for-warrant"]
    assert supremacy and supremacy[0]["resolution"] == "overridden: the higher layer's rule prevails"


def test_nypd_release_notification_needs_the_detainer_conditions() -> None:
    """Admin. Code § 14-154(b)(1): notice of release honours a detainer only with a federal judge's warrant and a
    violent or serious conviction or watchlist match (encoded 2026-12-04)."""
    plain = decide(request("2016-06-01", NYC, "police", "notify_release", requester=ICE, instrument=DETAINER,
                           subject=record(convictions=[conviction("violent_or_serious", "2015-01-01")])))
    warrant = decide(request("2016-06-01", NYC, "police", "notify_release", requester=ICE,
                             instrument=FEDERAL_WARRANT,
                             subject=record(convictions=[conviction("violent_or_serious", "2015-01-01")])))
    assert plain["outcome"] == "forbidden"
    assert decided(plain) == (NYC, "nypd-no-release-notification")
    assert basis_entry(plain, NYC, "nypd-no-release-notification")["confidence"] == "primary"
    assert warrant["outcome"] == "allowed"
    assert decided(warrant) == (NYC, "nypd-release-notification-criteria")


def test_nypd_detainer_report() -> None:
    """Admin. Code § 14-154: the NYPD's yearly report on detainers received and honoured."""
    d = hold("2026-03-01", "police", DETAINER)
    assert d["outcome"] == "forbidden"
    assert status_of(d, NYC, "nypd-detainer-report") == "applied"
    assert "report" in obligation_kinds(d)


# ------------------------------------------------------------------ Probation (§ 9-205)
def test_probation_rule_date_boundary() -> None:
    """Admin. Code § 9-205 (L.L. 2017/226, enacted 2017-12-01, in effect at once: text read 2026-12-04): before
    it, and before Wells, a probation hold was left to the federal layer. The yearly report is § 9-205(f); the
    per-request record comes from § 10-178(d), in effect 2018-01-30."""
    before = hold("2017-11-30", "probation", DETAINER)
    after = hold("2017-12-01", "probation", DETAINER)
    later = hold("2018-01-30", "probation", DETAINER)
    assert before["outcome"] == "forbidden"  # the federal liberty baseline (issue 7)
    assert decided(before) == ("us", "hold-is-a-new-seizure")
    assert after["outcome"] == "forbidden"
    assert decided(after) == (NYC, "probation-hold-limited")
    assert basis_entry(after, NYC, "probation-hold-limited")["confidence"] == "primary"
    assert "report" in obligation_kinds(after)
    assert "record_request" not in obligation_kinds(after)
    assert {"report", "record_request"} <= obligation_kinds(later)


# ------------------------------------------------------------------ every agency (§ 10-178)
def test_no_287g_supervision_from_local_law_228() -> None:
    """Admin. Code § 10-178(b) (L.L. 2017/228, enacted 2017-12-01, in effect 60 days later: 2018-01-30)."""
    before = decide(request("2018-01-29", NYC, "jail", "enter_agreement"))
    after = decide(request("2018-01-30", NYC, "jail", "enter_agreement"))
    assert before["outcome"] == "allowed"
    assert after["outcome"] == "forbidden"
    assert decided(after) == (NYC, "no-dhs-supervision")
    assert basis_entry(after, NYC, "no-dhs-supervision")["confidence"] == "primary"


def test_city_resources_not_for_operations_every_request_recorded() -> None:
    """Admin. Code § 10-178(c)-(d): no City staff for immigration enforcement; the request is recorded and
    reported quarterly to the Council Speaker."""
    d = decide(request("2026-03-01", NYC, "housing", "assist_operation", requester=ICE))
    assert d["outcome"] == "forbidden"
    assert decided(d) == (NYC, "no-city-resources-for-operations")
    reports = [o for o in d["obligations"] if o["kind"] == "report"]
    assert reports and reports[0]["frequency"] == "quarterly"
    assert "record_request" in obligation_kinds(d)


def test_city_worker_may_not_make_civil_arrest() -> None:
    """Admin. Code § 10-178(c); Wells v. DeMarco for police."""
    d = decide(request("2026-03-01", NYC, "city_agency", "arrest", requester=ICE))
    assert d["outcome"] == "forbidden"
    assert decided(d) == (NYC, "no-city-resources-for-arrests")


# ------------------------------------------------------------------ Executive Order 41
def test_eo41_status_confidentiality_void_toward_ice_but_binding_toward_public() -> None:
    """EO 41 (2003) confidentiality of immigration status; void toward federal immigration authorities under
    8 U.S.C. § 1373 (City of New York v. United States, 2d Cir. 1999), binding toward anyone else."""
    to_ice = decide(request("2026-03-01", NYC, "housing", "disclose", requester=ICE, data=["immigration_status"]))
    to_public = decide(request("2026-03-01", NYC, "housing", "disclose", requester={"agency": "public"},
                               data=["immigration_status"], instrument={"type": "none"}))
    assert to_ice["outcome"] == "allowed"
    assert status_of(to_ice, NYC, "eo41-confidential-information") == "void"
    assert any(c["status"] == "void" and c["contested"] for c in to_ice["conflicts"])
    assert to_public["outcome"] == "forbidden"
    assert decided(to_public) == (NYC, "eo41-confidential-information")


def test_eo41_disclosure_required_by_law() -> None:
    """EO 41 § 2(b) (text read 2026-12-04): disclosure "required by law" is allowed; whether a law requires it
    is a fact the answer depends on."""
    by_statute = decide(request("2026-03-01", NYC, "housing", "disclose", requester={"agency": "public"},
                                data=["immigration_status"], instrument={"type": "statute"}))
    unknown = decide(request("2026-03-01", NYC, "housing", "disclose", requester={"agency": "public"},
                             data=["immigration_status"]))
    assert by_statute["outcome"] == "allowed"
    assert decided(by_statute) == (NYC, "eo41-disclosure-required-by-law")
    assert unknown["outcome"] == "undetermined"
    assert "instrument.type" in unknown["missing_facts"]


def test_eo41_disclosure_to_police_investigating_other_illegal_activity() -> None:
    """EO 41 § 2(e)(i)-(ii): status may go to law enforcement investigating illegal activity other than mere
    undocumented status (approximated by a criminal-investigation purpose); not for any other purpose."""
    crime = decide(request("2026-03-01", NYC, "social_services", "disclose",
                           requester={"agency": "state_law_enforcement", "purpose": "criminal_investigation"},
                           data=["immigration_status"], instrument={"type": "none"}))
    other = decide(request("2026-03-01", NYC, "social_services", "disclose",
                           requester={"agency": "state_law_enforcement", "purpose": "other"},
                           data=["immigration_status"], instrument={"type": "none"}))
    assert crime["outcome"] == "allowed"
    assert decided(crime) == (NYC, "eo41-disclosure-for-criminal-investigation")
    assert other["outcome"] == "forbidden"
    assert decided(other) == (NYC, "eo41-confidential-information")


def test_eo41_status_question_required_by_law() -> None:
    """EO 34 § 3(a)(2) as amended by EO 41 § 4: staff may ask when required by law to ask."""
    d = decide(request("2026-03-01", NYC, "social_services", "inquire", data=["immigration_status"],
                       context="service_delivery", instrument={"type": "statute"}))
    assert d["outcome"] == "allowed"
    assert decided(d) == (NYC, "eo41-inquiry-required-by-law")


def test_eo34_services_for_all_otherwise_eligible_aliens() -> None:
    """EO 34 § 5 (2003, read 2026-12-04): a City service is made available to every otherwise-eligible alien
    unless a law requires the agency to deny it to aliens."""
    plain = decide(request("2026-03-01", NYC, "library", "condition_service", data=["immigration_status"],
                           instrument={"type": "none"}))
    by_law = decide(request("2026-03-01", NYC, "social_services", "condition_service",
                            data=["immigration_status"], instrument={"type": "statute"}))
    before = decide(request("2003-05-12", NYC, "library", "condition_service", data=["immigration_status"],
                            instrument={"type": "none"}))
    assert plain["outcome"] == "forbidden"
    assert decided(plain) == (NYC, "eo34-services-for-eligible-aliens")
    assert by_law["outcome"] == "allowed"
    assert status_of(by_law, NYC, "eo34-denial-required-by-law") == "applied"
    assert decided(before) != (NYC, "eo34-services-for-eligible-aliens")


def test_eo41_written_consent() -> None:
    """EO 41: confidential information may be disclosed with the person's written authorisation."""
    d = decide(request("2026-03-01", NYC, "social_services", "disclose", requester={"agency": "attorney"},
                       data=["immigration_status"], subject={"written_consent": True}))
    assert d["outcome"] == "allowed"
    assert decided(d) == (NYC, "eo41-written-consent")


def test_eo41_service_staff_ask_only_for_eligibility() -> None:
    """EO 41: non-police staff ask about status only when needed for eligibility."""
    service = decide(request("2026-03-01", NYC, "social_services", "inquire", data=["immigration_status"],
                             context="service_delivery"))
    eligibility = decide(request("2026-03-01", NYC, "social_services", "inquire", data=["immigration_status"],
                                 context="benefits_eligibility"))
    assert service["outcome"] == "forbidden"
    assert eligibility["outcome"] == "allowed"
    assert decided(eligibility) == (NYC, "eo41-eligibility-inquiry")


def test_eo41_police_do_not_ask_victims() -> None:
    """EO 41: police do not ask crime victims or witnesses about status; they may when investigating illegal
    activity other than mere status."""
    victim = decide(request("2026-03-01", NYC, "police", "inquire", data=["immigration_status"],
                            context="victim_or_witness"))
    suspect = decide(request("2026-03-01", NYC, "police", "inquire", data=["immigration_status"],
                             context="criminal_investigation"))
    assert victim["outcome"] == "forbidden"
    assert decided(victim) == (NYC, "eo41-police-no-status-inquiry")
    assert suspect["outcome"] == "allowed"


def test_eo41_in_force_from_2003() -> None:
    """EO 41 was signed 2003-09-17 (not 2017)."""
    before = decide(request("2003-09-16", NYC, "school", "inquire", data=["immigration_status"],
                            context="service_delivery"))
    after = decide(request("2003-09-17", NYC, "school", "inquire", data=["immigration_status"],
                           context="service_delivery"))
    assert before["outcome"] == "allowed"
    assert after["outcome"] == "forbidden"


# ------------------------------------------------------------------ City property (§ 4-210, read 2026-12-04)
def nonpublic_access(date: str, instrument: dict[str, Any], requester: dict[str, str] = ICE) -> dict[str, Any]:
    return decide(request(date, NYC, "shelter", "grant_access", requester=requester, location="non_public_area",
                          instrument=instrument))


ADMIN = {"type": "admin_warrant", "signed_by": "immigration_officer"}


def test_city_property_needs_judicial_warrant() -> None:
    """Admin. Code § 4-210(b) (L.L. 2017/246, in effect 2018-04-16): no access to non-public areas of City
    property for non-City enforcement personnel unless they present a judicial warrant (Article III judge,
    federal magistrate judge or New York court) or access is otherwise required by law."""
    admin = nonpublic_access("2026-03-01", ADMIN)
    federal = nonpublic_access("2026-03-01", {"type": "judicial_warrant", "signed_by": "federal_judge"})
    state = nonpublic_access("2026-03-01", {"type": "judicial_warrant", "signed_by": "state_judge"})
    statute = nonpublic_access("2026-03-01", {"type": "statute"})
    assert admin["outcome"] == "forbidden"
    assert decided(admin) == (NYC, "no-nonpublic-access-without-judicial-warrant")
    assert decided(federal) == (NYC, "nonpublic-access-on-judicial-warrant")
    assert decided(state) == (NYC, "nonpublic-access-on-judicial-warrant")
    assert decided(statute) == (NYC, "nonpublic-access-required-by-law")
    assert {federal["outcome"], state["outcome"], statute["outcome"]} == {"allowed"}


def test_city_property_criminal_purpose_is_no_exception_after_2018_04_16() -> None:
    """Correction: § 10-178(c) was read with a criminal-investigation exception; § 4-210(b) has none, so from
    its effective day an immigration agent on a criminal investigation also needs a judicial warrant."""
    hsi = {"agency": "ice", "purpose": "criminal_investigation"}
    before = nonpublic_access("2018-04-15", ADMIN, hsi)
    after = nonpublic_access("2018-04-16", ADMIN, hsi)
    assert before["outcome"] == "allowed"
    assert decided(before) == (NYC, "access-on-judicial-warrant-or-for-other-crimes")
    assert after["outcome"] == "forbidden"
    assert decided(after) == (NYC, "no-nonpublic-access-without-judicial-warrant")


# ------------------------------------------------------------------ transfers (§ 10-178(c), review 2026-11-26)
def test_no_transfer_to_ice_without_a_record() -> None:
    """§ 10-178(c): no City on-duty time for immigration enforcement; before the fix a transfer to ICE of a
    person with no record came out `allowed`."""
    d = decide(request("2026-03-01", NYC, "jail", "transfer", requester=ICE, instrument=DETAINER,
                       subject=record()))
    assert d["outcome"] == "forbidden"
    assert decided(d) == (NYC, "no-transfer-for-immigration-enforcement")


def test_transfer_where_the_detainer_could_be_honoured() -> None:
    """§ 10-178(e)(ii) spares actions consistent with §§ 9-131/14-154 (read 2026-12-04; a reading, so
    `secondary`): federal judge's warrant + recent violent or serious conviction."""
    d = decide(request("2026-03-01", NYC, "jail", "transfer", requester=ICE, instrument=FEDERAL_WARRANT,
                       subject=record(convictions=[conviction("violent_or_serious", "2023-01-01")])))
    assert d["outcome"] == "allowed"
    assert basis_entry(d, NYC, "transfer-meeting-detainer-conditions")["confidence"] == "secondary"


# ------------------------------------------------------------------ § 10-178(c) beyond custody (review 2026-11-26)
def test_no_address_to_ice_for_civil_enforcement() -> None:
    """§ 10-178(c) reading (secondary) until 2018-06-14; from 2018-06-15 § 23-1202(c) (L.L. 2017/247, read
    2026-12-04): no identifying information outside the agency without the privacy officer's written approval."""
    kw: dict[str, Any] = {"requester": ICE, "instrument": {"type": "none"}, "data": ["address"]}
    before = decide(request("2018-06-14", NYC, "police", "disclose", **kw))
    after = decide(request("2018-06-15", NYC, "police", "disclose", **kw))
    assert before["outcome"] == after["outcome"] == "forbidden"
    assert decided(before) == (NYC, "no-personal-information-for-immigration-enforcement")
    assert decided(after) == (NYC, "no-identifying-information-without-approval")
    assert basis_entry(after, NYC, "no-identifying-information-without-approval")["confidence"] == "primary"
    assert "escalate_to_counsel" in obligation_kinds(after)


# ------------------------------------------------------------ § 23-1202 (identifying information, read 2026-12-04)
def id_disclosure(agency: str, requester: dict[str, str], date: str = "2026-03-01", **kw: Any) -> dict[str, Any]:
    kw.setdefault("instrument", {"type": "none"})
    return decide(request(date, NYC, agency, "disclose", requester=requester, data=["address"], **kw))


def test_identifying_information_with_written_authorisation_or_required_by_law() -> None:
    """§ 23-1202(c)(1)(a), (c): the person's written authorisation, or a law or treaty requiring it, plus the
    privacy officer's written approval."""
    consent = id_disclosure("shelter", ICE, subject={"written_consent": True})
    statute = id_disclosure("shelter", ICE, instrument={"type": "statute"})
    admin = id_disclosure("shelter", ICE, instrument={"type": "admin_subpoena", "signed_by": "immigration_officer"})
    assert decided(consent) == (NYC, "identifying-information-written-authorisation")
    assert decided(statute) == (NYC, "identifying-information-required-by-law")
    assert consent["outcome"] == statute["outcome"] == "allowed"
    assert "escalate_to_counsel" in obligation_kinds(consent)
    assert admin["outcome"] == "forbidden"
    assert decided(admin) == (NYC, "no-identifying-information-without-approval")


def test_identifying_information_criminal_investigation_exempt_only_for_police() -> None:
    """§ 23-1202(c)(2)(c)(1): disclosures by the Police Department for a crime investigation need no approval.
    Correction: the § 10-178(a) reading let every agency answer a criminal investigation; from 2018-06-15 a
    shelter asked by HSI for an address needs its privacy officer."""
    hsi = {"agency": "ice", "purpose": "criminal_investigation"}
    police = id_disclosure("police", hsi)
    shelter_before = id_disclosure("shelter", hsi, date="2018-06-14")
    shelter_after = id_disclosure("shelter", hsi)
    assert police["outcome"] == "allowed"
    assert decided(police) == (NYC, "identifying-information-police-crime-investigation")
    assert shelter_before["outcome"] == "allowed"
    assert decided(shelter_before) == (NYC, "personal-information-for-other-crimes")
    assert shelter_after["outcome"] == "forbidden"
    assert decided(shelter_after) == (NYC, "no-identifying-information-without-approval")


def test_identifying_information_court_process_and_exigency() -> None:
    """§ 23-1202(c)(1)(c) read to cover court process; (c)(1), (d)(1): exigent circumstances, reported to the
    chief privacy officer (both readings, `secondary`)."""
    order = id_disclosure("school", ICE, instrument={"type": "court_order", "signed_by": "federal_judge"})
    exigent = id_disclosure("school", ICE, exigent=True)
    assert decided(order) == (NYC, "identifying-information-on-court-process")
    assert basis_entry(order, NYC, "identifying-information-on-court-process")["confidence"] == "secondary"
    assert exigent["outcome"] == "allowed"
    assert decided(exigent) == (NYC, "identifying-information-exigent-circumstances")
    assert "report" in obligation_kinds(exigent)


def test_shelter_non_public_area_needs_a_judicial_warrant() -> None:
    """§ 10-178(c): no City property for immigration enforcement; a judge's warrant opens the door."""
    admin = {"type": "admin_warrant", "signed_by": "immigration_officer"}
    judicial = {"type": "judicial_warrant", "signed_by": "federal_judge"}
    base = {"requester": ICE, "location": "non_public_area"}
    refused = decide(request("2026-03-01", NYC, "shelter", "grant_access", instrument=admin, **base))
    assert refused["outcome"] == "forbidden"
    assert {"request_judicial_warrant", "do_not_obstruct"} <= obligation_kinds(refused)
    opened = decide(request("2026-03-01", NYC, "shelter", "grant_access", instrument=judicial, **base))
    assert opened["outcome"] == "allowed"


def test_identifying_information_collection_needs_privacy_officer_approval() -> None:
    """§ 23-1202(b)(1)-(2) (in effect 2018-06-15): collection only with the privacy officer's written approval
    (a duty; the outcome is not decided); in exigent circumstances the collection is reported to the chief
    privacy officer instead (`secondary` reading of (b)(1) with (d)(1))."""
    kw: dict[str, Any] = {"data": ["address"], "context": "service_delivery", "instrument": {"type": "none"}}
    plain = decide(request("2026-03-01", NYC, "shelter", "collect", **kw))
    exigent = decide(request("2026-03-01", NYC, "shelter", "collect", exigent=True, **kw))
    before = decide(request("2018-06-14", NYC, "shelter", "collect", **kw))
    assert status_of(plain, NYC, "identifying-information-collection-approval") == "applied"
    assert basis_entry(plain, NYC, "identifying-information-collection-approval")["confidence"] == "primary"
    assert "escalate_to_counsel" in obligation_kinds(plain)
    assert status_of(exigent, NYC, "identifying-information-collection-exigent") == "applied"
    assert status_of(exigent, NYC, "identifying-information-collection-approval") == "overridden"
    assert "report" in obligation_kinds(exigent)
    assert "identifying-information-collection-approval" not in {e["rule"] for e in before["basis"]}


def test_doe_tells_parent_of_non_local_law_enforcement_request() -> None:
    """§ 21-977(e) (L.L. 2017/227, in effect 2018-01-30, read 2026-12-04): any non-local law enforcement request
    for access to a student or the student's records is notified to the parent, whatever the answer."""
    kw: dict[str, Any] = {"requester": ICE, "data": ["education_record"], "instrument": {"type": "none"}}
    records = decide(request("2026-03-01", NYC, "school", "disclose", **kw))
    student = decide(request("2026-03-01", NYC, "school", "interview", requester=ICE,
                             instrument={"type": "judicial_warrant", "signed_by": "federal_judge"}))
    before = decide(request("2018-01-29", NYC, "school", "disclose", **kw))
    for d in (records, student):
        assert status_of(d, NYC, "doe-parent-notice-of-law-enforcement-request") == "applied"
        assert "notify_parent_or_student" in obligation_kinds(d)
    assert basis_entry(records, NYC, "doe-parent-notice-of-law-enforcement-request")["confidence"] == "primary"
    assert "doe-parent-notice-of-law-enforcement-request" not in {e["rule"] for e in before["basis"]}


# ------------------------------------------------------------------ Executive Order 124 (1989-2003, read 2026-12-04)
def test_eo124_no_information_to_immigration_authorities_1989_to_2003() -> None:
    """EO 124 (1989) § 2(a): no information about an alien to federal immigration authorities unless required
    by law, authorised in writing, or on suspected criminal activity; revoked by EO 34 on 2003-05-13."""
    kw: dict[str, Any] = {"requester": ICE, "data": ["address"], "instrument": {"type": "none"}}
    plain = decide(request("1995-03-01", NYC, "housing", "disclose", **kw))
    statute = decide(request("1995-03-01", NYC, "housing", "disclose", requester=ICE, data=["address"],
                             instrument={"type": "statute"}))
    consent = decide(request("1995-03-01", NYC, "housing", "disclose", subject={"written_consent": True}, **kw))
    revoked = decide(request("2003-05-13", NYC, "housing", "disclose", **kw))
    assert plain["outcome"] == "forbidden"
    assert decided(plain) == (NYC, "eo124-no-information-to-immigration-authorities")
    assert basis_entry(plain, NYC, "eo124-no-information-to-immigration-authorities")["confidence"] == "primary"
    assert decided(statute) == (NYC, "eo124-disclosure-required-by-law")
    assert decided(consent) == (NYC, "eo124-written-authorisation")
    assert "eo124-no-information-to-immigration-authorities" not in {e["rule"] for e in revoked["basis"]}


def test_eo124_status_limit_void_after_1996_and_victims_protected() -> None:
    """8 U.S.C. § 1373 (1996) voids the status limit toward immigration authorities (City of New York v. United
    States, 2d Cir. 1999, on this order); § 2(a)(3), (c): suspected criminal activity opens disclosure, never about
    a crime victim (approximated, `secondary`)."""
    status = decide(request("1998-03-01", NYC, "social_services", "disclose", requester=ICE,
                            data=["immigration_status"], instrument={"type": "none"}))
    hsi = {"agency": "ice", "purpose": "criminal_investigation"}
    suspect = decide(request("1995-03-01", NYC, "police", "disclose", requester=hsi, data=["address"],
                             instrument={"type": "none"}, context="criminal_investigation"))
    victim = decide(request("1995-03-01", NYC, "police", "disclose", requester=hsi, data=["address"],
                            instrument={"type": "none"}, context="victim_or_witness"))
    assert status["outcome"] == "allowed"
    assert status_of(status, NYC, "eo124-no-information-to-immigration-authorities") == "void"
    assert suspect["outcome"] == "allowed"
    assert basis_entry(suspect, NYC, "eo124-suspected-criminal-activity")["confidence"] == "secondary"
    assert victim["outcome"] == "forbidden"


def test_eo124_services_for_eligible_aliens_before_eo34() -> None:
    """EO 124 § 3: the rule EO 34 § 5 repeated from 2003 already held from 1989."""
    plain = decide(request("1995-03-01", NYC, "library", "condition_service", data=["immigration_status"],
                           instrument={"type": "none"}))
    by_law = decide(request("1995-03-01", NYC, "library", "condition_service", data=["immigration_status"],
                            instrument={"type": "statute"}))
    assert plain["outcome"] == "forbidden"
    assert decided(plain) == (NYC, "eo124-services-for-eligible-aliens")
    assert decided(by_law) == (NYC, "eo124-denial-required-by-law")


def test_doc_first_version_of_9_131_2012_to_2013() -> None:
    """§ 9-131 as first enacted (L.L. 2011/62, in effect 2012-03-21 until L.L. 2013/22 took effect 2013-07-16;
    read 2026-12-04): no hold or release notice on a detainer unless the person has a misdemeanour or felony
    conviction, a pending criminal case, a watchlist match or a final order of removal; no warrant needed."""
    clean = hold("2012-06-01", "jail", DETAINER)
    misdemeanour = hold("2012-06-01", "jail", DETAINER, convictions=[conviction("misdemeanor", "1990-01-01")])
    pending = hold("2012-06-01", "jail", DETAINER, pending_charges=[charge("felony")])
    notice = decide(request("2012-06-01", NYC, "jail", "notify_release", requester=ICE, instrument=DETAINER,
                            subject=record()))
    assert clean["outcome"] == notice["outcome"] == "forbidden"
    assert decided(clean) == decided(notice) == (NYC, "doc-hold-limited-2012")
    assert misdemeanour["outcome"] == pending["outcome"] == "allowed"
    assert decided(misdemeanour) == (NYC, "doc-hold-criteria-2012")
    before = hold("2012-03-20", "jail", DETAINER)
    after = hold("2013-07-16", "jail", DETAINER)
    for d in (before, after):
        assert "doc-hold-limited-2012" not in {e["rule"] for e in d["basis"]}


def test_detainer_versions_of_2013_for_correction_and_police() -> None:
    """§§ 9-131 (L.L. 2013/22) and 14-154 (L.L. 2013/21), in effect 2013-07-16 to 2014-12-14 (read 2026-12-04):
    no hold without a covered conviction or pending case; a felony ever counts, a misdemeanour only within ten
    years (approximated from the request date, `secondary`)."""
    for kind, prefix in (("jail", "doc"), ("police", "nypd")):
        clean = hold("2014-01-01", kind, DETAINER)
        old_misdemeanour = hold("2014-01-01", kind, DETAINER, convictions=[conviction("misdemeanor", "2000-01-01")])
        felony = hold("2014-01-01", kind, DETAINER, convictions=[conviction("felony", "1990-01-01")])
        assert clean["outcome"] == old_misdemeanour["outcome"] == "forbidden"
        assert decided(clean) == (NYC, f"{prefix}-hold-limited-2013")
        assert felony["outcome"] == "allowed"
        assert basis_entry(felony, NYC, f"{prefix}-hold-criteria-2013")["confidence"] == "secondary"


# ------------------------------------------------------------------ Charter § 18(c) (L.L. 2017/185)
def test_charter_18c_services_for_otherwise_eligible_immigrants() -> None:
    """N.Y.C. Charter § 18(c), as amended by L.L. 2017/185 (in effect 2017-12-07): a City service is made
    available to every otherwise-eligible immigrant to the same extent as to citizens, unless the agency is
    required by law to deny eligibility."""
    plain = decide(request("2026-03-01", NYC, "shelter", "condition_service", data=["citizenship"],
                           instrument={"type": "none"}))
    assert plain["outcome"] == "forbidden"
    assert status_of(plain, NYC, "charter-18-services-for-eligible-immigrants") == "applied"
    by_law = decide(request("2026-03-01", NYC, "social_services", "condition_service",
                            data=["immigration_status"], instrument={"type": "statute"}))
    assert by_law["outcome"] == "allowed"
    assert status_of(by_law, NYC, "charter-18-services-for-eligible-immigrants") == "overridden"
    assert status_of(by_law, NYC, "charter-18-denial-required-by-law") == "applied"


def test_charter_18c_date_boundary() -> None:
    """L.L. 2017/185 § 2: in effect 60 days after it became law on 2017-10-08, i.e. on 2017-12-07."""
    def ask(date: str) -> set[str]:
        d = decide(request(date, NYC, "library", "condition_service", data=["immigration_status"],
                           instrument={"type": "none"}))
        return {b["rule"] for b in d["basis"] if b["jurisdiction"] == NYC}
    assert "charter-18-services-for-eligible-immigrants" not in ask("2017-12-06")
    assert "charter-18-services-for-eligible-immigrants" in ask("2017-12-07")


# ------------------------------------------------------------------ Human Rights Law § 8-107(4) (L.L. 2020/058)
def test_hrl_8_107_4_no_denial_of_services_for_immigration_or_citizenship_status() -> None:
    """N.Y.C. Admin. Code § 8-107(4)(a)(1), as amended by L.L. 2020/058: a provider of public accommodation
    (a City agency included, § 8-102 "person") may not deny its services because of immigration or citizenship
    status; § 8-107(14): not unlawful where a law or regulation requires it."""
    plain = decide(request("2026-03-01", NYC, "health_facility", "condition_service", data=["citizenship"],
                           instrument={"type": "none"}))
    assert plain["outcome"] == "forbidden"
    assert status_of(plain, NYC, "hrl-no-denial-of-services-for-status") == "applied"
    by_law = decide(request("2026-03-01", NYC, "housing", "condition_service", data=["immigration_status"],
                            instrument={"type": "statute"}))
    assert by_law["outcome"] == "allowed"
    assert status_of(by_law, NYC, "hrl-no-denial-of-services-for-status") == "overridden"
    assert status_of(by_law, NYC, "hrl-status-discrimination-required-by-law") == "applied"
    police = decide(request("2026-03-01", NYC, "police", "condition_service", data=["immigration_status"],
                            instrument={"type": "none"}))
    assert "hrl-no-denial-of-services-for-status" not in {b["rule"] for b in police["basis"]}


def test_hrl_8_107_4_date_boundary() -> None:
    """L.L. 2020/058 § 17: in effect 60 days after it became law on 2020-06-29, i.e. on 2020-08-28."""
    def ask(date: str) -> set[str]:
        d = decide(request(date, NYC, "shelter", "condition_service", data=["immigration_status"],
                           instrument={"type": "none"}))
        return {b["rule"] for b in d["basis"] if b["jurisdiction"] == NYC}
    assert "hrl-no-denial-of-services-for-status" not in ask("2020-08-27")
    assert "hrl-no-denial-of-services-for-status" in ask("2020-08-28")
