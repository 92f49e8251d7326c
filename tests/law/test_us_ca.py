"""Scenario tests for California (library/us/ca.yaml): TRUST Act (2014), TRUTH Act (2017), Values Act (2018).

County agencies without a file of their own (``us/ca/alameda-county``) are decided by California and the
federal layer. Each test names the section it checks.
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
    full_decide,
    obligation_kinds,
    record,
    request,
    status_of,
)

ALAMEDA = "us/ca/alameda-county"


def hold(date: str, **subject: Any) -> dict[str, Any]:
    return decide(request(date, ALAMEDA, "jail", "hold", requester=ICE, instrument=DETAINER,
                          subject=record(**subject)))


def notify(date: str, **subject: Any) -> dict[str, Any]:
    return decide(request(date, ALAMEDA, "jail", "notify_release", requester=ICE, instrument=DETAINER,
                          subject=record(**subject)))


# ------------------------------------------------------------------ holds: TRUST Act, then Values Act
def test_trust_act_allowed_hold_for_violent_felony_until_2017_12_31() -> None:
    """Gov. Code § 7282.5(a)(1) (AB 4, 2013): on 2017-12-31 a hold for a person with a violent felony
    conviction was permitted (never required), with the TRUTH Act's notice duties (§ 7283.1(b))."""
    d = hold("2017-12-31", convictions=[conviction("violent_felony", "2015-02-01")])
    assert d["outcome"] == "allowed"
    assert decided(d) == ("us/ca", "trust-act-hold-criteria")
    assert status_of(d, "us/ca", "trust-act-hold-limited") == "overridden"
    assert {"give_copy_to_subject", "notify_subject", "record_request", "limit_hold_duration"} <= obligation_kinds(d)


def test_values_act_forbids_every_hold_from_2018_01_01() -> None:
    """Gov. Code § 7284.6(a)(1)(B) (SB 54, in force 2018-01-01): no hold on a hold request, whatever the record."""
    d = hold("2018-01-01", convictions=[conviction("violent_felony", "2015-02-01")])
    assert d["outcome"] == "forbidden"
    assert decided(d) == ("us/ca", "no-hold-on-hold-request")
    assert basis_entry(d, "us/ca", "no-hold-on-hold-request")["confidence"] == "primary"
    assert ("us/ca", "trust-act-hold-criteria") not in {(b["jurisdiction"], b["rule"]) for b in d["basis"]}
    assert {"give_copy_to_subject", "notify_subject"} <= obligation_kinds(d)


def test_trust_act_forbade_holds_without_a_listed_record() -> None:
    """Gov. Code § 7282.5(b) (AB 4, 2013): with none of the § 7282.5(a) records, no hold (2016)."""
    d = hold("2016-06-01", convictions=[conviction("misdemeanor", "2015-02-01")])
    assert d["outcome"] == "forbidden"
    assert decided(d) == ("us/ca", "trust-act-hold-limited")


def test_trust_act_pending_felony_charge_needed_a_probable_cause_finding() -> None:
    """Gov. Code § 7282.5(a) (AB 4): a pending serious felony charge counted only with a magistrate's
    probable-cause finding (Penal Code § 872)."""
    with_finding = hold("2016-06-01", pending_charges=[charge("serious_felony", True)])
    without = hold("2016-06-01", pending_charges=[charge("serious_felony", False)])
    assert with_finding["outcome"] == "allowed"
    assert without["outcome"] == "forbidden"


def test_before_the_trust_act_only_the_federal_layer_decided() -> None:
    """TRUST Act in force 2014-01-01: on 2013-12-31 California had no rule on holds."""
    d = hold("2013-12-31")
    assert d["outcome"] == "forbidden"  # the federal liberty baseline (issue 7)
    assert decided(d) == ("us", "hold-is-a-new-seizure")
    assert "give_copy_to_subject" not in obligation_kinds(d)


def test_trust_act_hold_without_record_facts_is_undetermined() -> None:
    """Gov. Code § 7282.5(a) (AB 4): in 2016 the answer turned on the person's record."""
    d = decide(request("2016-06-01", ALAMEDA, "jail", "hold", requester=ICE, instrument=DETAINER))
    assert d["outcome"] == "undetermined"
    assert {"subject.convictions", "subject.pending_charges"} <= set(d["missing_facts"])


# ------------------------------------------------------------------ TRUTH Act
def test_truth_act_notice_duties_start_2017_01_01() -> None:
    """Gov. Code § 7283.1(b) (AB 2792, in force 2017-01-01): copy of the request to the person and notice of
    whether the agency will comply; before that day, no such duty."""
    before = notify("2016-12-31", convictions=[conviction("serious_felony", "2014-01-01")])
    after = notify("2017-01-01", convictions=[conviction("serious_felony", "2014-01-01")])
    assert "give_copy_to_subject" not in obligation_kinds(before)
    assert before["outcome"] == after["outcome"] == "allowed"
    assert {"give_copy_to_subject", "notify_subject", "record_request"} <= obligation_kinds(after)


def test_truth_act_interview_consent_form() -> None:
    """Gov. Code § 7283.1(a) with § 7284.6(b)(5): interview access is allowed, after a written consent form
    saying it is voluntary and the person may decline or have a lawyer present."""
    d = decide(request("2026-03-01", ALAMEDA, "jail", "interview", requester=ICE, subject={"in_custody": True}))
    assert d["outcome"] == "allowed"
    assert decided(d) == ("us/ca", "interview-access-permitted")
    assert {"obtain_written_consent", "advise_of_rights", "hold_public_forum"} <= obligation_kinds(d)


def test_community_forum_duty_from_2018() -> None:
    """Gov. Code § 7283.1(d): the yearly community forum on ICE access ("Beginning January 1, 2018")."""
    d2017 = decide(request("2017-06-01", ALAMEDA, "jail", "interview", requester=ICE))
    d2018 = decide(request("2018-06-01", ALAMEDA, "jail", "interview", requester=ICE))
    assert "hold_public_forum" not in obligation_kinds(d2017)
    assert "hold_public_forum" in obligation_kinds(d2018)
    # Raised to primary in review 2026-12-04: § 7283.1(d) was read in full (county agendas quoting it).
    assert basis_entry(d2018, "us/ca", "truth-act-community-forum")["confidence"] == "primary"


# ------------------------------------------------------------------ notification requests
def test_notification_allowed_for_serious_felony_with_truth_act_copy_to_person() -> None:
    """Gov. Code §§ 7284.6(a)(1)(C), 7282.5(a)(1): notification is permitted for a serious felony conviction;
    if given, the same notice goes to the person and their lawyer (§ 7283.1(b))."""
    d = notify("2026-03-01", convictions=[conviction("serious_felony", "2010-05-01")])
    assert d["outcome"] == "allowed"
    assert decided(d) == ("us/ca", "notification-for-listed-records")
    assert status_of(d, "us/ca", "no-release-date-or-notification") == "overridden"
    assert status_of(d, "us/ca", "truth-act-release-date-notice") == "applied"
    assert {"give_copy_to_subject", "notify_subject"} <= obligation_kinds(d)


def test_notification_forbidden_for_plain_misdemeanor() -> None:
    """Gov. Code § 7284.6(a)(1)(C): a misdemeanor that is not a listed wobbler does not open notification."""
    d = notify("2026-03-01", convictions=[conviction("misdemeanor", "2025-05-01")])
    assert d["outcome"] == "forbidden"
    assert decided(d) == ("us/ca", "no-release-date-or-notification")


def test_wobbler_misdemeanor_counts_for_five_years_only() -> None:
    """Gov. Code § 7282.5(a)(3): a wobbler misdemeanor within the past five years opens notification; one
    more than five years old does not."""
    inside = notify("2026-03-01", convictions=[conviction("wobbler_misdemeanor", "2021-03-01")])
    outside = notify("2026-03-01", convictions=[conviction("wobbler_misdemeanor", "2021-02-28")])
    assert inside["outcome"] == "allowed"
    assert outside["outcome"] == "forbidden"


def test_pending_charge_with_probable_cause_opens_notification_not_transfer() -> None:
    """Gov. Code § 7282.5(b): a pending serious felony charge with a magistrate's probable-cause finding opens
    notification (§ 7284.6(a)(1)(C)) but not transfer (§ 7284.6(a)(4))."""
    subject = record(pending_charges=[charge("serious_felony", True)])
    n = decide(request("2026-03-01", ALAMEDA, "jail", "notify_release", requester=ICE, subject=subject))
    t = decide(request("2026-03-01", ALAMEDA, "jail", "transfer", requester=ICE, instrument=DETAINER,
                       subject=subject))
    assert n["outcome"] == "allowed"
    assert t["outcome"] == "forbidden"
    assert decided(t) == ("us/ca", "no-transfer")


def test_notification_without_record_facts_is_undetermined() -> None:
    """Gov. Code §§ 7282.5, 7284.6(a)(1)(C): the person's record decides; staff must find it out."""
    d = decide(request("2026-03-01", ALAMEDA, "jail", "notify_release", requester=ICE))
    assert d["outcome"] == "undetermined"
    assert {"subject.convictions", "subject.pending_charges"} <= set(d["missing_facts"])


def test_victim_notification_is_not_an_immigration_request() -> None:
    """Gov. Code § 7284.6(a)(1)(C) limits answers to immigration authorities' requests only."""
    d = decide(request("2026-03-01", ALAMEDA, "jail", "notify_release", requester={"agency": "public"}))
    assert d["outcome"] == "allowed"
    assert d["decided_by"] is None


# ------------------------------------------------------------------ transfers
def test_transfer_on_federal_judicial_warrant_allowed_and_reported() -> None:
    """Gov. Code §§ 7284.4(i), 7284.6(a)(4), (c)(2): a federal judge's warrant allows the transfer; the
    transfer is counted in the yearly report to the Department of Justice."""
    d = decide(request("2026-03-01", ALAMEDA, "jail", "transfer", requester=ICE, instrument=FEDERAL_WARRANT,
                       subject=record()))
    assert d["outcome"] == "allowed"
    assert decided(d) == ("us/ca", "transfer-on-judicial-warrant")
    assert {"report", "give_copy_to_subject"} <= obligation_kinds(d)


def test_state_judge_warrant_does_not_qualify() -> None:
    """Gov. Code § 7284.4(i): a "judicial warrant" is issued by a federal judge or federal magistrate judge."""
    d = decide(request("2026-03-01", ALAMEDA, "jail", "transfer", requester=ICE, instrument=STATE_WARRANT,
                       subject=record()))
    assert d["outcome"] == "forbidden"
    assert decided(d) == ("us/ca", "no-transfer")


def test_judicial_warrant_without_signer_is_undetermined() -> None:
    """Gov. Code § 7284.4(i): who signed the warrant decides the transfer."""
    d = decide(request("2026-03-01", ALAMEDA, "jail", "transfer", requester=ICE,
                       instrument={"type": "judicial_warrant"}, subject=record()))
    assert d["outcome"] == "undetermined"
    assert d["missing_facts"] == ["instrument.signed_by"]


def test_transfer_for_aggravated_felony_conviction() -> None:
    """Gov. Code §§ 7282.5(a)(5), 7284.6(a)(4): a federal aggravated-felony conviction allows the transfer."""
    d = decide(request("2026-03-01", ALAMEDA, "jail", "transfer", requester=ICE, instrument=DETAINER,
                       subject=record(convictions=[conviction("aggravated_felony", "2012-01-01")])))
    assert d["outcome"] == "allowed"
    assert decided(d) == ("us/ca", "transfer-for-listed-records")


# ------------------------------------------------------------------ information
def test_home_address_may_not_be_given_to_ice() -> None:
    """Gov. Code § 7284.6(a)(1)(D), Civ. Code § 1798.3: personal information, including home address."""
    d = decide(request("2026-03-01", ALAMEDA, "police", "disclose", requester=ICE, data=["address"]))
    assert d["outcome"] == "forbidden"
    assert decided(d) == ("us/ca", "no-release-date-or-personal-information")


def test_criminal_history_may_be_given() -> None:
    """Gov. Code § 7284.6(b)(2): responding to a request for a specific person's criminal history is allowed."""
    d = decide(request("2026-03-01", ALAMEDA, "police", "disclose", requester=ICE, data=["criminal_history"]))
    assert d["outcome"] == "allowed"
    assert decided(d) == ("us/ca", "criminal-history-response")


def test_status_is_left_to_1373_and_mixed_requests_split_by_data() -> None:
    """Gov. Code § 7284.6(e): status information under 8 U.S.C. §§ 1373/1644 is not restricted; the address in
    the same request is (§ 7284.6(a)(1)(D))."""
    d = decide(request("2026-03-01", ALAMEDA, "police", "disclose", requester=ICE,
                       data=["immigration_status", "address"]))
    assert d["outcome"] == "forbidden"
    assert d["by_data"] == {"immigration_status": "allowed", "address": "forbidden"}


def test_disclosure_without_saying_what_data_is_undetermined() -> None:
    """Gov. Code § 7284.6(a)(1)(C)-(D), (b)(2): what is asked for decides the answer."""
    d = decide(request("2026-03-01", ALAMEDA, "police", "disclose", requester=ICE))
    assert d["outcome"] == "undetermined"
    assert "data" in d["missing_facts"]
    assert not any(c.get("resolution", "").startswith("unresolved") for c in d["conflicts"])


def test_release_date_given_for_listed_record_carries_truth_act_notice() -> None:
    """Gov. Code §§ 7284.6(a)(1)(C), 7282.5(a), 7283.1(b): the release date may be given for a violent felony
    conviction, and then the person and their lawyer get the same notice."""
    d = decide(request("2026-03-01", ALAMEDA, "jail", "disclose", requester=ICE, data=["release_date"],
                       subject=record(convictions=[conviction("violent_felony", "2019-01-01")])))
    assert d["outcome"] == "allowed"
    assert decided(d) == ("us/ca", "release-date-for-listed-records")
    assert "notify_subject" in obligation_kinds(d)


# ------------------------------------------------------------------ questions, arrests, agreements, help
def test_police_may_not_ask_immigration_status() -> None:
    """Gov. Code § 7284.6(a)(1)(A): no inquiring into immigration status."""
    d = decide(request("2026-03-01", ALAMEDA, "police", "inquire", data=["immigration_status"],
                       context="criminal_investigation"))
    assert d["outcome"] == "forbidden"
    assert decided(d) == ("us/ca", "no-inquiry-into-status")


def test_civil_arrest_forbidden_even_at_ice_request() -> None:
    """Gov. Code § 7284.6(a)(1)(E): no arrests on civil immigration warrants; the federal permission to
    cooperate (8 U.S.C. § 1357(g)(10)(B)) yields."""
    d = decide(request("2026-03-01", ALAMEDA, "police", "arrest", requester=ICE,
                       instrument={"type": "admin_warrant", "signed_by": "immigration_officer"}))
    assert d["outcome"] == "forbidden"
    assert decided(d) == ("us/ca", "no-civil-warrant-arrest")
    assert status_of(d, "us", "civil-arrest-at-federal-request") == "overridden"


def test_287g_forbidden_from_2018_not_in_2017() -> None:
    """Gov. Code § 7284.6(a)(1)(G), (a)(2): no 287(g) from 2018-01-01; before, federal law left it voluntary."""
    d2017 = decide(request("2017-12-31", ALAMEDA, "jail", "enter_agreement"))
    d2018 = decide(request("2018-01-01", ALAMEDA, "jail", "enter_agreement"))
    assert d2017["outcome"] == "allowed"
    assert decided(d2017) == ("us", "agreements-are-voluntary")
    assert d2018["outcome"] == "forbidden"
    assert decided(d2018) == ("us/ca", "no-287g")


def test_joint_task_force_on_other_crimes_allowed_and_reported() -> None:
    """Gov. Code § 7284.6(a)(1), (b)(3), (c)(1): no help with immigration enforcement, but a task force on
    crimes unrelated to immigration is allowed and reported yearly."""
    civil = decide(request("2026-03-01", ALAMEDA, "police", "assist_operation", requester=ICE))
    criminal = decide(request("2026-03-01", ALAMEDA, "police", "assist_operation",
                              requester={"agency": "ice", "purpose": "criminal_investigation"}))
    assert civil["outcome"] == "forbidden"
    assert criminal["outcome"] == "allowed"
    assert decided(criminal) == ("us/ca", "joint-task-force-not-for-immigration")
    assert "report" in obligation_kinds(criminal)


def test_public_library_api_agrees_for_alameda_hold() -> None:
    """Integration through ``sanctuary.decide`` over the whole packaged library: § 7284.6(a)(1)(B)."""
    d = full_decide(request("2026-03-01", ALAMEDA, "jail", "hold", requester=ICE, instrument=DETAINER,
                            subject=record(convictions=[conviction("violent_felony", "2024-02-01")])))
    assert d["outcome"] == "forbidden"
    assert decided(d) == ("us/ca", "no-hold-on-hold-request")


def test_community_forum_follows_access_given_not_access_refused() -> None:
    """Gov. Code § 7283.1(d) (review 2026-11-26): the yearly forum is about ICE access that was given, so it is
    not attached to a refused request, and is attached to a permitted one."""
    refused = decide(request("2026-03-01", ALAMEDA, "police", "disclose", requester=ICE,
                             instrument={"type": "none"}, data=["address"]))
    assert refused["outcome"] == "forbidden"
    assert "hold_public_forum" not in obligation_kinds(refused)
    given = decide(request("2026-03-01", ALAMEDA, "jail", "interview", requester=ICE, subject=record()))
    assert given["outcome"] == "allowed"
    assert "hold_public_forum" in obligation_kinds(given)


# ------------------------------------------------------------------ courthouses, employers, schools (2026-12-04)
LA_COURT = "us/ca/los-angeles-county"


def test_courthouse_civil_arrest_forbidden_from_2020() -> None:
    """Civ. Code § 43.54 (AB 668, in force 2020-01-01): no civil arrest of a person attending a court proceeding
    in a courthouse; court staff may not help."""
    req = {"requester": ICE, "context": "court_proceeding",
           "instrument": {"type": "admin_warrant", "signed_by": "immigration_officer"}}
    before = decide(request("2019-12-31", LA_COURT, "court", "assist_operation", **req))
    on = decide(request("2020-01-01", LA_COURT, "court", "assist_operation", **req))
    assert ("us/ca", "no-civil-arrest-at-courthouse") not in {(b["jurisdiction"], b["rule"]) for b in before["basis"]}
    assert on["outcome"] == "forbidden"
    assert decided(on) == ("us/ca", "no-civil-arrest-at-courthouse")


def test_courthouse_judicial_warrant_goes_to_counsel() -> None:
    """Civ. Code § 43.54: the Legislative Counsel (SB 873 digest, 2026) describes the section as applying "except
    pursuant to a valid judicial warrant"; not encoded (text unread), so the answer stays forbidden and the
    obligation sends the judicial-warrant case to counsel."""
    req = {"requester": ICE, "context": "court_proceeding",
           "instrument": {"type": "judicial_warrant", "signed_by": "federal_judge"}}
    d = decide(request("2026-03-01", LA_COURT, "court", "assist_operation", **req))
    assert decided(d) == ("us/ca", "no-civil-arrest-at-courthouse")
    counsel = [o for o in d["obligations"] if o["kind"] == "escalate_to_counsel" and o["jurisdiction"] == "us/ca"]
    assert any("judicial warrant" in o["summary"] for o in counsel)


def test_courthouse_rule_leaves_criminal_purposes_alone() -> None:
    """Civ. Code § 43.54 concerns civil arrests: a request for a criminal investigation is outside it."""
    d = decide(request("2024-01-10", LA_COURT, "court", "assist_operation",
                       requester={"agency": "ice", "purpose": "criminal_investigation"}, context="court_proceeding"))
    assert ("us/ca", "no-civil-arrest-at-courthouse") not in {(b["jurisdiction"], b["rule"]) for b in d["basis"]}


def test_employer_posts_notice_of_i9_inspection_within_72_hours() -> None:
    """Lab. Code § 90.2(a)(1) (AB 450, in force 2018-01-01): notice to each current employee within 72 hours of
    receiving a notice of inspection."""
    req = {"requester": ICE, "data": ["identity"],
           "instrument": {"type": "notice_of_inspection", "signed_by": "immigration_officer"}}
    before = decide(request("2017-12-31", ALAMEDA, "city_agency", "disclose", **req))
    on = decide(request("2018-01-01", ALAMEDA, "city_agency", "disclose", **req))
    assert "employer-notice-of-i9-inspection" not in {o.get("rule") for o in before["obligations"]}
    notices = [o for o in on["obligations"] if o.get("rule") == "employer-notice-of-i9-inspection"]
    assert {o["kind"] for o in notices} == {"notify_subject", "give_copy_to_subject"}
    assert any(o.get("deadline") == "72 hours" for o in notices)


def test_schools_may_not_let_ice_into_non_public_areas_from_ab_49() -> None:
    """Ed. Code § 234.7(a)(2) (AB 49, urgency, in force 2025-09-20): no entry into a non-public area without a
    valid judicial warrant, judicial subpoena or court order."""
    req = {"requester": ICE, "location": "non_public_area",
           "instrument": {"type": "admin_warrant", "signed_by": "immigration_officer"}}
    before = decide(request("2025-09-19", ALAMEDA, "school", "grant_access", **req))
    on = decide(request("2025-09-20", ALAMEDA, "school", "grant_access", **req))
    assert ("us/ca", "schools-no-enforcement-entry-without-judicial-paper") not in {
        (b["jurisdiction"], b["rule"]) for b in before["basis"]}
    assert on["outcome"] == "forbidden"
    assert decided(on) == ("us/ca", "schools-no-enforcement-entry-without-judicial-paper")
    assert {"verify_identity_of_agents", "decline_in_writing"} <= obligation_kinds(on)


def test_schools_entry_on_judicial_warrant() -> None:
    """Ed. Code § 234.7(a)(2) (AB 49): a valid judicial warrant opens the non-public area; counsel may be consulted."""
    d = decide(request("2026-02-02", ALAMEDA, "school", "grant_access", requester=ICE, location="non_public_area",
                       instrument={"type": "judicial_warrant", "signed_by": "federal_judge"}))
    assert d["outcome"] == "allowed"
    assert decided(d) == ("us/ca", "schools-entry-on-judicial-paper")
    assert {"do_not_obstruct", "escalate_to_counsel"} <= obligation_kinds(d)


def test_schools_no_pupil_address_to_immigration_without_judicial_paper() -> None:
    """Ed. Code § 234.7(b) (AB 49): no information about a pupil's home to an immigration authority without a
    judicial warrant, subpoena or court order; FERPA notice when one is complied with (34 C.F.R. § 99.31(a)(9))."""
    plain = decide(request("2026-02-02", ALAMEDA, "school", "disclose", requester=ICE, data=["address"],
                           instrument={"type": "admin_subpoena", "signed_by": "immigration_officer"}))
    subpoena = decide(request("2026-02-02", ALAMEDA, "school", "disclose", requester=ICE, data=["education_record"],
                              instrument={"type": "judicial_subpoena", "signed_by": "federal_judge"}))
    assert plain["outcome"] == "forbidden"
    assert basis_entry(plain, "us/ca", "schools-no-pupil-information-to-immigration")["confidence"] == "secondary"
    assert ("us/ca", "schools-pupil-information-on-judicial-paper") in {
        (b["jurisdiction"], b["rule"]) for b in subpoena["basis"]}
    assert "notify_subject" in obligation_kinds(subpoena)


def test_schools_may_not_collect_pupil_status() -> None:
    """Ed. Code § 234.7(a)(1): no collection of pupils' or families' citizenship or immigration status unless
    law requires it."""
    d = decide(request("2024-09-01", ALAMEDA, "school", "collect", data=["immigration_status"],
                       context="service_delivery"))
    assert d["outcome"] == "forbidden"
    assert decided(d) == ("us/ca", "schools-no-status-collection")


# ------------------------------------------------------------------ employers' non-public areas (law14, 2026-12-04)
def test_gov_code_7285_1_no_consent_to_nonpublic_entry_from_2018() -> None:
    """Gov. Code § 7285.1(a), (e) (AB 450, Stats. 2017 ch. 492, in force 2018-01-01): a public employer may not
    consent to an immigration agent's entry into a non-public area of a place of labor without a judicial warrant."""
    req = {"requester": ICE, "location": "non_public_area",
           "instrument": {"type": "admin_warrant", "signed_by": "immigration_officer"}}
    before = decide(request("2017-12-31", ALAMEDA, "library", "grant_access", **req))
    on = decide(request("2018-01-01", ALAMEDA, "library", "grant_access", **req))
    assert ("us/ca", "employer-no-consent-to-nonpublic-entry") not in {
        (b["jurisdiction"], b["rule"]) for b in before["basis"]}
    assert on["outcome"] == "forbidden"
    assert decided(on) == ("us/ca", "employer-no-consent-to-nonpublic-entry")
    assert basis_entry(on, "us/ca", "employer-no-consent-to-nonpublic-entry")["confidence"] == "primary"
    assert "request_judicial_warrant" in obligation_kinds(on)


def test_gov_code_7285_1_judicial_warrant_opens_nonpublic_area() -> None:
    """Gov. Code § 7285.1(a): "This section does not apply if the immigration enforcement agent provides a judicial
    warrant." """
    warrant = {"type": "judicial_warrant", "signed_by": "federal_judge"}
    d = decide(request("2024-05-01", ALAMEDA, "health_facility", "grant_access", requester=ICE,
                       location="non_public_area", instrument=warrant))
    assert d["outcome"] == "allowed"
    assert decided(d) == ("us/ca", "employer-entry-on-judicial-warrant")
    assert status_of(d, "us/ca", "employer-no-consent-to-nonpublic-entry") == "overridden"
    assert "do_not_obstruct" in obligation_kinds(d)


def test_gov_code_7285_1_reaches_only_nonpublic_areas() -> None:
    """Gov. Code § 7285.1(a) concerns "nonpublic areas of a place of labor": a public lobby is outside it."""
    d = decide(request("2024-05-01", ALAMEDA, "city_agency", "grant_access", requester=ICE, location="public_area",
                       instrument={"type": "admin_warrant", "signed_by": "immigration_officer"}))
    assert ("us/ca", "employer-no-consent-to-nonpublic-entry") not in {
        (b["jurisdiction"], b["rule"]) for b in d["basis"]}


def test_gov_code_7285_1_leaves_schools_to_ab_49() -> None:
    """Gov. Code § 7285.1 is not encoded for schools: Ed. Code § 234.7(a)(2) (AB 49) decides their non-public areas."""
    d = decide(request("2026-02-02", ALAMEDA, "school", "grant_access", requester=ICE, location="non_public_area",
                       instrument={"type": "court_order", "signed_by": "federal_judge"}))
    assert decided(d) == ("us/ca", "schools-entry-on-judicial-paper")
    assert ("us/ca", "employer-no-consent-to-nonpublic-entry") not in {
        (b["jurisdiction"], b["rule"]) for b in d["basis"]}


# ------------------------------------------------------------------ health facilities (SB 81, 2025; law14)
def test_hsc_24251_health_facility_nonpublic_areas_from_sb_81() -> None:
    """Health & Safety Code § 24251(b)-(c) (SB 81, Stats. 2025 ch. 123, effective 2025-09-20): no access to
    non-public areas for immigration enforcement without a judicial warrant or court order granting it; the denial
    is witnessed and documented. Before that day the employer rule of Gov. Code § 7285.1 decided alone."""
    req = {"requester": ICE, "location": "non_public_area",
           "instrument": {"type": "admin_warrant", "signed_by": "immigration_officer"}}
    before = decide(request("2025-09-19", ALAMEDA, "health_facility", "grant_access", **req))
    on = decide(request("2025-09-20", ALAMEDA, "health_facility", "grant_access", **req))
    assert before["outcome"] == "forbidden"
    assert decided(before) == ("us/ca", "employer-no-consent-to-nonpublic-entry")
    assert on["outcome"] == "forbidden"
    assert decided(on) == ("us/ca", "health-facility-no-nonpublic-access")
    assert basis_entry(on, "us/ca", "health-facility-no-nonpublic-access")["confidence"] == "primary"
    assert {"decline_in_writing", "escalate_to_counsel"} <= obligation_kinds(on)


def test_hsc_24251_court_order_granting_access() -> None:
    """Health & Safety Code § 24251(b): a valid judicial warrant or court order that specifically grants access
    opens the non-public areas (from 2025-09-20); before SB 81 only a judicial warrant did (Gov. Code § 7285.1(a))."""
    req = {"requester": ICE, "location": "non_public_area",
           "instrument": {"type": "court_order", "signed_by": "federal_judge"}}
    before = decide(request("2025-09-19", ALAMEDA, "health_facility", "grant_access", **req))
    on = decide(request("2025-09-20", ALAMEDA, "health_facility", "grant_access", **req))
    assert before["outcome"] == "forbidden"
    assert on["outcome"] == "allowed"
    assert decided(on) == ("us/ca", "health-facility-access-on-judicial-paper")
    assert status_of(on, "us/ca", "health-facility-no-nonpublic-access") == "overridden"


def test_hsc_24250_requests_go_to_management_or_counsel() -> None:
    """Health & Safety Code § 24250(b) (SB 81, from 2025-09-20): staff immediately notify management,
    administration or legal counsel of any immigration-enforcement request for access to the site or a patient."""
    req = {"requester": ICE, "data": ["address"],
           "instrument": {"type": "admin_subpoena", "signed_by": "immigration_officer"}}
    before = decide(request("2025-09-19", ALAMEDA, "health_facility", "disclose", **req))
    on = decide(request("2025-09-20", ALAMEDA, "health_facility", "disclose", **req))
    assert "health-facility-refer-immigration-requests" not in {o.get("rule") for o in before["obligations"]}
    duties = [o for o in on["obligations"] if o.get("rule") == "health-facility-refer-immigration-requests"]
    assert [o["kind"] for o in duties] == ["escalate_to_counsel"]
    assert status_of(on, "us/ca", "health-facility-refer-immigration-requests") == "applied"


def test_ed_code_234_7_requests_reported_to_the_governing_board() -> None:
    """Ed. Code § 234.7(b) (AB 699 text, in force 2018-01-01 per the file's instrument): the superintendent reports
    to the governing board any request for information or schoolsite access to enforce the immigration laws."""
    req = {"requester": ICE, "data": ["address"],
           "instrument": {"type": "admin_subpoena", "signed_by": "immigration_officer"}}
    before = decide(request("2017-12-31", ALAMEDA, "school", "disclose", **req))
    on = decide(request("2018-01-01", ALAMEDA, "school", "disclose", **req))
    assert "schools-report-immigration-requests-to-board" not in {o.get("rule") for o in before["obligations"]}
    reports = [o for o in on["obligations"] if o.get("rule") == "schools-report-immigration-requests-to-board"]
    assert [(o["kind"], o.get("frequency")) for o in reports] == [("report", "per_request")]
    assert basis_entry(on, "us/ca", "schools-report-immigration-requests-to-board")["confidence"] == "primary"
    police = decide(request("2026-02-02", ALAMEDA, "school", "grant_access", location="non_public_area",
                            requester={"agency": "local_law_enforcement", "purpose": "civil_immigration"}))
    assert "schools-report-immigration-requests-to-board" in {o.get("rule") for o in police["obligations"]}


# ------------------------------------------------------------------ juvenile information (W&I Code § 831; law14)
def test_wic_831_no_juvenile_information_to_federal_officials() -> None:
    """Welf. & Inst. Code § 831(b), (e) (AB 899, Stats. 2015 ch. 267, in force 2016-01-01): juvenile information
    is not disclosed to federal officials without a juvenile court order on a § 827 petition."""
    req = {"requester": ICE, "data": ["criminal_history", "place_of_birth"], "subject": {"minor": True},
           "instrument": {"type": "admin_subpoena", "signed_by": "immigration_officer"}}
    before = decide(request("2015-12-31", ALAMEDA, "court", "disclose", **req))
    on = decide(request("2016-01-01", ALAMEDA, "court", "disclose", **req))
    assert ("us/ca", "juvenile-information-not-to-federal-officials") not in {
        (b["jurisdiction"], b["rule"]) for b in before["basis"]}
    assert on["outcome"] == "forbidden"
    assert decided(on) == ("us/ca", "juvenile-information-not-to-federal-officials")
    assert basis_entry(on, "us/ca", "juvenile-information-not-to-federal-officials")["confidence"] == "primary"
    fbi = decide(request("2024-05-01", ALAMEDA, "prosecutor", "disclose", data=["identity"], subject={"minor": True},
                         requester={"agency": "federal_law_enforcement", "purpose": "criminal_investigation"},
                         instrument={"type": "none"}))
    assert decided(fbi) == ("us/ca", "juvenile-information-not-to-federal-officials")


def test_wic_831_juvenile_court_order() -> None:
    """Welf. & Inst. Code §§ 831(b), 827(a)(1)(P): the juvenile court judge's order opens the file."""
    d = decide(request("2024-05-01", ALAMEDA, "court", "disclose", requester=ICE, data=["criminal_history"],
                       subject={"minor": True}, instrument={"type": "court_order", "signed_by": "state_judge"}))
    assert d["outcome"] == "allowed"
    assert decided(d) == ("us/ca", "juvenile-information-on-juvenile-court-order")


def test_wic_831_concerns_juveniles_only() -> None:
    """Welf. & Inst. Code § 831(e) defines juvenile information; an adult's court record is outside this rule."""
    d = decide(request("2024-05-01", ALAMEDA, "court", "disclose", requester=ICE, data=["criminal_history"],
                       subject={"minor": False}))
    assert ("us/ca", "juvenile-information-not-to-federal-officials") not in {
        (b["jurisdiction"], b["rule"]) for b in d["basis"]}
