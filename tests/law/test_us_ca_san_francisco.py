"""Scenario tests for San Francisco (library/us/ca/san-francisco.yaml): S.F. Admin. Code chs. 12H and 12I, under
California's Values Act, which defers to stricter local law (Gov. Code §§ 7282.5(a), 7284.6).
"""

from __future__ import annotations

from typing import Any

from tests.law._us_sanctuary import (
    DETAINER,
    FEDERAL_WARRANT,
    ICE,
    basis_entry,
    charge,
    conviction,
    decide,
    decided,
    full_decide,
    obligation_kinds,
    record,
    request,
    status_of,
)

SF = "us/ca/san-francisco"


def notify(date: str, **subject: Any) -> dict[str, Any]:
    return decide(request(date, SF, "jail", "notify_release", requester=ICE, instrument=DETAINER,
                          subject=record(**subject)))


def test_contract_example_hold_forbidden_with_truth_act_copy_and_record() -> None:
    """Decision contract example 1: Gov. Code § 7284.6(a)(1)(B) forbids the hold, S.F. Admin. Code § 12I.3
    forbids it too; the person gets a copy (Gov. Code § 7283.1(b)) and the request is recorded (§ 7283.1(c))."""
    example = {"date": "2026-03-01", "agency": {"jurisdiction": SF, "kind": "jail"},
               "action": "hold", "requester": {"agency": "ice", "purpose": "civil_immigration"},
               "instrument": {"type": "detainer", "signed_by": "immigration_officer",
                              "accompanied_by": ["admin_warrant"]},
               "subject": {"in_custody": True, "convictions": [{"class": "violent_felony", "date": "2024-02-01"}]}}
    for d in (decide(example), full_decide(example)):
        assert d["outcome"] == "forbidden"
        assert decided(d) == ("us/ca", "no-hold-on-hold-request")
        assert status_of(d, SF, "no-hold-on-civil-detainer") == "applied"
        assert {"give_copy_to_subject", "record_request"} <= obligation_kinds(d)


def test_2017_sf_forbade_hold_that_trust_act_allowed_by_deference() -> None:
    """Gov. Code § 7282.5(a) (AB 4) allowed a hold for a violent felony "only if ... not violate any ... local
    law, or any local policy"; S.F. Admin. Code § 12I.3 (2016) forbade it, so the City's ban decides."""
    d = decide(request("2017-06-01", SF, "jail", "hold", requester=ICE, instrument=DETAINER,
                       subject=record(convictions=[conviction("violent_felony", "2015-06-01")])))
    assert d["outcome"] == "forbidden"
    assert decided(d) == (SF, "no-hold-on-civil-detainer")
    assert status_of(d, "us/ca", "trust-act-hold-criteria") == "overridden"
    deference = [c for c in d["conflicts"] if c["rule"]["rule"] == "trust-act-hold-criteria"]
    assert deference and deference[0]["resolution"].startswith("overridden: this permission defers")


def test_2015_hold_carve_out_is_marked_unverified() -> None:
    """S.F. Admin. Code § 12I.3 (Ord. 204-13, 2013 text): the carve-out for a recent violent felony plus a
    current violent felony charge with probable cause is encoded from memory and flagged `unverified`."""
    d = decide(request("2015-06-01", SF, "jail", "hold", requester=ICE, instrument=DETAINER,
                       subject=record(convictions=[conviction("violent_felony", "2012-01-01")],
                                      pending_charges=[charge("violent_felony", True)])))
    assert d["outcome"] == "allowed"
    assert decided(d) == (SF, "hold-carve-out-2013")
    assert basis_entry(d, SF, "hold-carve-out-2013")["confidence"] == "unverified"


def test_notification_sf_stricter_than_california() -> None:
    """Gov. Code §§ 7282.5(a)(1), 7284.6(a)(1)(C) allow notification for a serious felony "provided that they
    do not violate any local law or policy"; S.F. Admin. Code § 12H.2(c) forbids it without the § 12I.3
    criteria (here: no current charge)."""
    d = notify("2026-03-01", convictions=[conviction("serious_felony", "2024-01-01")])
    assert d["outcome"] == "forbidden"
    assert decided(d) == (SF, "no-notification-response")
    assert status_of(d, "us/ca", "notification-for-listed-records") == "overridden"


def test_notification_allowed_under_12i3_criteria_unverified() -> None:
    """S.F. Admin. Code § 12I.3 (criteria unverified): violent felony within 7 years plus a current violent
    felony charge with a magistrate's probable-cause finding."""
    d = notify("2026-03-01", convictions=[conviction("violent_felony", "2020-01-01")],
               pending_charges=[charge("violent_felony", True)])
    assert d["outcome"] == "allowed"
    assert decided(d) == (SF, "notification-criteria")
    assert basis_entry(d, SF, "notification-criteria")["confidence"] == "unverified"
    assert "notify_subject" in obligation_kinds(d)


def test_violent_felony_window_is_seven_years() -> None:
    """S.F. Admin. Code § 12I.3 (criteria unverified): the violent felony must fall within the 7 years before
    the request."""
    inside = notify("2026-03-01", convictions=[conviction("violent_felony", "2019-03-01")],
                    pending_charges=[charge("violent_felony", True)])
    outside = notify("2026-03-01", convictions=[conviction("violent_felony", "2019-02-28")],
                     pending_charges=[charge("violent_felony", True)])
    assert inside["outcome"] == "allowed"
    assert outside["outcome"] == "forbidden"


def test_notification_date_boundary_of_2016_amendments() -> None:
    """S.F. Admin. Code § 12H.2(c) as amended in July 2016 (encoded from 2016-07-01; exact day unverified):
    before it, neither California (TRUST Act covered holds only) nor the City limited notification."""
    before = notify("2016-06-30", convictions=[conviction("serious_felony", "2014-01-01")])
    after = notify("2016-07-01", convictions=[conviction("serious_felony", "2014-01-01")])
    assert before["outcome"] == "allowed"
    assert after["outcome"] == "forbidden"
    assert decided(after) == (SF, "no-notification-response")


def test_release_date_and_address_to_ice() -> None:
    """S.F. Admin. Code § 12H.2(c): release status and personal information (any City department). The request
    says it comes with no court paper: since the review of 2026-11-26 a court order, judge's warrant or court
    subpoena opens the § 12H.2 "required by ... court decision" exception, so the paper matters."""
    d = decide(request("2026-03-01", SF, "social_services", "disclose", requester=ICE,
                       instrument={"type": "none"}, data=["release_date", "address"], subject=record()))
    assert d["outcome"] == "forbidden"
    assert d["by_data"] == {"release_date": "forbidden", "address": "forbidden"}
    assert decided(d) == (SF, "no-release-status-or-personal-information")


def test_transfer_for_listed_record_forbidden_by_city() -> None:
    """Gov. Code § 7284.6(a)(4) allows a transfer for a § 7282.5 record but defers to local law; S.F. Admin. Code
    § 12H.2(a) bars helping civil immigration detention."""
    d = decide(request("2026-03-01", SF, "jail", "transfer", requester=ICE, instrument=DETAINER,
                       subject=record(convictions=[conviction("serious_felony", "2020-01-01")])))
    assert d["outcome"] == "forbidden"
    assert decided(d) == (SF, "no-transfer-for-civil-enforcement")
    assert status_of(d, "us/ca", "transfer-for-listed-records") == "overridden"


def test_transfer_on_federal_judicial_warrant_allowed() -> None:
    """S.F. Admin. Code § 12H.2(a) reaches civil enforcement only; Gov. Code § 7284.6(a)(4) allows a federal
    judicial warrant."""
    d = decide(request("2026-03-01", SF, "jail", "transfer", requester=ICE, instrument=FEDERAL_WARRANT,
                       subject=record()))
    assert d["outcome"] == "allowed"
    assert decided(d) == (SF, "transfer-on-federal-criminal-warrant")
    assert "report" in obligation_kinds(d)


def test_no_status_question_on_city_benefit_forms() -> None:
    """S.F. Admin. Code § 12H.2(d): no immigration-status question on a City form for benefits or services."""
    d = decide(request("2026-03-01", SF, "housing", "collect", data=["immigration_status"],
                       context="benefits_eligibility"))
    assert d["outcome"] == "forbidden"
    assert decided(d) == (SF, "no-status-question-on-city-forms")
    assert basis_entry(d, SF, "no-status-question-on-city-forms")["confidence"] == "primary"


def test_status_form_rule_in_force_since_1989() -> None:
    """S.F. Admin. Code § 12H.2(d) (Ord. 375-89, approved 1989-10-24)."""
    before = decide(request("1989-10-23", SF, "library", "collect", data=["immigration_status"],
                            context="service_delivery"))
    after = decide(request("1989-10-24", SF, "library", "collect", data=["immigration_status"],
                           context="service_delivery"))
    assert before["outcome"] == "allowed"
    assert after["outcome"] == "forbidden"


def test_services_may_not_depend_on_status() -> None:
    """S.F. Admin. Code § 12H.2(c): no conditioning City services or benefits on immigration status."""
    d = decide(request("2026-03-01", SF, "shelter", "condition_service"))
    assert d["outcome"] == "forbidden"
    assert decided(d) == (SF, "no-conditioning-services-on-status")


def test_status_to_ice_allowed_today_because_12h_no_longer_covers_it() -> None:
    """S.F. Admin. Code § 12H.2 (2016 text) covers release status and personal information, not immigration
    status; 8 U.S.C. § 1373 and § 1357(g)(10)(A) leave status sharing open."""
    d = decide(request("2026-03-01", SF, "police", "disclose", requester=ICE, data=["immigration_status"]))
    assert d["outcome"] == "allowed"
    assert decided(d) == ("us", "may-share-status-with-dhs")
    assert d["conflicts"] == []


def test_help_with_criminal_investigation_is_outside_12h() -> None:
    """S.F. Admin. Code § 12H.2(a) bars help with civil enforcement only; California's task-force rule
    (Gov. Code § 7284.6(b)(3)) allows the criminal case."""
    civil = decide(request("2026-03-01", SF, "police", "assist_operation", requester=ICE))
    criminal = decide(request("2026-03-01", SF, "police", "assist_operation",
                              requester={"agency": "ice", "purpose": "criminal_investigation"}))
    assert civil["outcome"] == "forbidden"
    assert decided(civil) == ("us/ca", "no-assistance-with-immigration-enforcement")
    assert status_of(civil, SF, "no-help-with-civil-enforcement") == "applied"
    assert criminal["outcome"] == "allowed"


def test_shelter_does_not_consent_to_entry_on_an_administrative_warrant() -> None:
    """Review 2026-11-26 (secondary): consenting to ICE entry into a non-public area for civil enforcement is
    assisting a civil immigration investigation or arrest; a judge's warrant opens the door."""
    admin = {"type": "admin_warrant", "signed_by": "immigration_officer"}
    judicial = {"type": "judicial_warrant", "signed_by": "federal_judge"}
    base = {"requester": ICE, "location": "non_public_area"}
    refused = decide(request("2026-03-01", SF, "shelter", "grant_access", instrument=admin, **base))
    assert refused["outcome"] == "forbidden"
    assert decided(refused) == (SF, "no-consent-to-entry-for-civil-enforcement")
    assert {"request_judicial_warrant", "do_not_obstruct"} <= obligation_kinds(refused)
    opened = decide(request("2026-03-01", SF, "shelter", "grant_access", instrument=judicial, **base))
    assert opened["outcome"] == "allowed"


def test_city_records_on_a_judicial_subpoena() -> None:
    """§ 12H.2 "unless ... required by ... court decision" (review 2026-11-26, secondary): a City department may
    obey a judge's subpoena for an address; an informal ICE request for the same address is refused."""
    judicial = {"type": "judicial_subpoena", "signed_by": "federal_judge"}
    ordered = decide(request("2026-03-01", SF, "city_agency", "disclose", requester=ICE, instrument=judicial,
                             data=["address"]))
    assert ordered["outcome"] == "allowed"
    assert decided(ordered) == (SF, "information-required-by-court")
    assert "escalate_to_counsel" in obligation_kinds(ordered)
    informal = decide(request("2026-03-01", SF, "city_agency", "disclose", requester=ICE,
                              instrument={"type": "none"}, data=["address"]))
    assert informal["outcome"] == "forbidden"


def test_felony_reporting_carve_out_of_12h2_1_before_ch_12i() -> None:
    """S.F. Admin. Code § 12H.2-1 (Ord. 228-09 wording, read 2026-12-04): until ch. 12I the chapter did not stop
    staff reporting to federal immigration authorities a person with a California felony conviction, or an
    officer reporting an adult in custody after a felony booking. Encoded as an approximation (secondary)."""
    felon = record(convictions=[conviction("felony", "2008-01-01")])
    booked = record(pending_charges=[charge("felony")])
    for subject in (felon, booked):
        d = decide(request("2011-06-01", SF, "jail", "disclose", requester=ICE, data=["immigration_status"],
                           subject=subject))
        assert d["outcome"] == "allowed"
        assert decided(d) == (SF, "felony-reporting-exception-2009")
        assert basis_entry(d, SF, "felony-reporting-exception-2009")["confidence"] == "secondary"
        assert status_of(d, SF, "no-status-dissemination-before-2016") == "overridden"
    # Without a felony record the City's ban covers the request (and is void against 8 U.S.C. § 1373).
    plain = decide(request("2011-06-01", SF, "jail", "disclose", requester=ICE, data=["immigration_status"],
                           subject=record()))
    assert decided(plain) == ("us", "may-share-status-with-dhs")
    assert status_of(plain, SF, "no-status-dissemination-before-2016") == "void"
    # The carve-out is not assumed to outlive ch. 12I (Ord. 204-13).
    later = decide(request("2014-06-01", SF, "jail", "disclose", requester=ICE, data=["immigration_status"],
                           subject=felon))
    assert status_of(later, SF, "no-status-dissemination-before-2016") == "void"


# ------------------------------------------------------------------ SFPD General Order 5.15 (Rev. 07/05/17)
def test_sfpd_dgo_5_15_ii_a_no_status_inquiry() -> None:
    """SFPD DGO 5.15 part II.A: "Members shall not inquire into an individual's immigration status" - also in a
    criminal investigation or with a victim or witness (from the order's revision of 5 July 2017)."""
    for context in ("criminal_investigation", "victim_or_witness"):
        d = decide(request("2026-03-01", SF, "police", "inquire", data=["immigration_status"], context=context))
        assert d["outcome"] == "forbidden"
        assert status_of(d, SF, "sfpd-no-status-inquiry") == "applied"
    before = decide(request("2017-07-04", SF, "police", "inquire", data=["immigration_status"],
                            context="criminal_investigation"))
    assert "sfpd-no-status-inquiry" not in {b["rule"] for b in before["basis"]}
    on_day = decide(request("2017-07-05", SF, "police", "inquire", data=["immigration_status"],
                            context="criminal_investigation"))
    assert status_of(on_day, SF, "sfpd-no-status-inquiry") == "applied"


def test_sfpd_dgo_5_15_ii_b_no_documents_to_prove_status() -> None:
    """SFPD DGO 5.15 part II.B: members shall not require individuals to produce any document to prove their
    immigration status (traffic enforcement, investigations, taking reports)."""
    d = decide(request("2026-03-01", SF, "police", "inquire", data=["immigration_document"],
                       context="criminal_investigation"))
    assert d["outcome"] == "forbidden"
    assert status_of(d, SF, "sfpd-no-documents-to-prove-status") == "applied"
    clinic = decide(request("2026-03-01", SF, "health_facility", "inquire", data=["immigration_document"],
                            context="criminal_investigation"))
    assert "sfpd-no-documents-to-prove-status" not in {b["rule"] for b in clinic["basis"]}


# ------------------------------------------------------------------ § 12H.2 "required by statute" exceptions
def test_12h2_c_conditioning_required_by_statute() -> None:
    """S.F. Admin. Code § 12H.2(c): no conditioning of City services on immigration status "except as required by
    Federal or State statute or regulation"."""
    plain = decide(request("2026-03-01", SF, "social_services", "condition_service", data=["immigration_status"],
                           instrument={"type": "none"}))
    assert plain["outcome"] == "forbidden"
    assert status_of(plain, SF, "no-conditioning-services-on-status") == "applied"
    by_law = decide(request("2026-03-01", SF, "social_services", "condition_service", data=["immigration_status"],
                            instrument={"type": "statute"}))
    assert status_of(by_law, SF, "no-conditioning-services-on-status") == "overridden"
    assert status_of(by_law, SF, "conditioning-required-by-statute") == "applied"


def test_12h2_release_information_required_by_statute() -> None:
    """S.F. Admin. Code § 12H.2 (2016 text): no release status or personal information "unless such assistance
    is required by Federal or State statute, regulation, or court decision"."""
    d = decide(request("2026-03-01", SF, "social_services", "disclose", requester=ICE, data=["address"],
                       instrument={"type": "statute"}))
    assert status_of(d, SF, "no-release-status-or-personal-information") == "overridden"
    assert status_of(d, SF, "release-information-required-by-statute") == "applied"
