"""Scenario tests for Connecticut (library/us/ct.yaml): the TRUST Act, Conn. Gen. Stat. § 54-192h, as enacted
by P.A. 13-155 (in force 2014-01-01) and replaced by P.A. 19-20 (in force 2019-10-01).
"""

from __future__ import annotations

from typing import Any

from tests.law._us_sanctuary import (
    DETAINER,
    ICE,
    STATE_WARRANT,
    basis_entry,
    conviction,
    decide,
    decided,
    obligation_kinds,
    record,
    request,
    rules_in_basis,
    status_of,
)

HARTFORD = "us/ct/hartford"


def hold(date: str, instrument: dict[str, Any] = DETAINER, **subject: Any) -> dict[str, Any]:
    return decide(request(date, HARTFORD, "police", "hold", requester=ICE, instrument=instrument,
                          subject=record(**subject)))


def test_plain_felony_opened_a_hold_until_2019_09_30_only() -> None:
    """§ 54-192h(b)(1) (P.A. 13-155): a felony conviction allowed a hold of up to 48 hours; from 2019-10-01
    (P.A. 19-20) only a class A or B felony does."""
    felony = [conviction("felony", "2015-01-01")]
    old = hold("2019-09-30", convictions=felony)
    new = hold("2019-10-01", convictions=felony)
    assert old["outcome"] == "allowed"
    assert decided(old) == ("us/ct", "risk-factors-2014")
    assert "limit_hold_duration" in obligation_kinds(old)
    assert new["outcome"] == "forbidden"
    assert decided(new) == ("us/ct", "hold-limited")


def test_class_a_or_b_felony_opens_a_hold() -> None:
    """§ 54-192h(b) (P.A. 19-20): conviction of a class A or B felony."""
    assert hold("2026-03-01", convictions=[conviction("class_b_felony", "2001-01-01")])["outcome"] == "allowed"
    assert hold("2026-03-01", convictions=[conviction("class_a_felony", "1999-01-01")])["outcome"] == "allowed"


def test_watchlist_match_opens_a_hold() -> None:
    """§ 54-192h(b) (P.A. 19-20): possible match in the federal Terrorist Screening Database."""
    d = hold("2026-03-01", watchlist_match=True)
    assert d["outcome"] == "allowed"
    assert decided(d) == ("us/ct", "hold-permitted")


def test_any_judicial_officers_warrant_opens_a_hold() -> None:
    """§ 54-192h(a)(1), (b) (P.A. 19-20): an administrative warrant excludes one signed by a judicial officer; a
    judge's warrant with the detainer allows the hold."""
    assert hold("2026-03-01", STATE_WARRANT)["outcome"] == "allowed"


def test_final_removal_order_counted_in_2014_not_after_2019() -> None:
    """§ 54-192h(b)(6) (P.A. 13-155) listed a final removal order; P.A. 19-20 dropped it (as reported)."""
    assert hold("2016-01-01", final_removal_order=True)["outcome"] == "allowed"
    assert hold("2020-01-01", final_removal_order=True)["outcome"] == "forbidden"


def test_before_the_trust_act_the_federal_layer_decided() -> None:
    """P.A. 13-155 took effect 2014-01-01 (OLR summary)."""
    before = hold("2013-12-31")
    on = hold("2014-01-01")
    assert before["outcome"] == "forbidden"  # the federal liberty baseline (issue 7)
    assert decided(before) == ("us", "hold-is-a-new-seizure")
    assert on["outcome"] == "forbidden"
    assert decided(on) == ("us/ct", "hold-limited-2014")


def test_hold_without_record_facts_is_undetermined() -> None:
    """§ 54-192h(b) (P.A. 19-20): the record decides."""
    d = decide(request("2026-03-01", HARTFORD, "jail", "hold", requester=ICE, instrument=DETAINER))
    assert d["outcome"] == "undetermined"
    assert {"subject.convictions", "subject.watchlist_match"} <= set(d["missing_facts"])


def test_release_notification_follows_the_hold_conditions() -> None:
    """§ 54-192h (P.A. 19-20), "civil immigration detainer" includes a request for release notification."""
    plain = decide(request("2026-03-01", HARTFORD, "jail", "notify_release", requester=ICE, instrument=DETAINER,
                           subject=record(convictions=[conviction("felony", "2020-01-01")])))
    class_a = decide(request("2026-03-01", HARTFORD, "jail", "notify_release", requester=ICE, instrument=DETAINER,
                             subject=record(convictions=[conviction("class_a_felony", "2020-01-01")])))
    assert plain["outcome"] == "forbidden"
    assert decided(plain) == ("us/ct", "no-release-notification")
    assert class_a["outcome"] == "allowed"


def test_custody_information_unverified_and_arrests_on_ice_paper() -> None:
    """§ 54-192h(b)(1)(B): no communication with ICE about custody status or release (the full text was read on
    2026-12-04, so the rule, `unverified` before, is now `primary` — this assertion was updated); arrests
    "pursuant to a civil immigration detainer" follow the hold conditions (§ 54-192h(b)(1)(A)) and arrests on an
    administrative warrant are forbidden ((b)(1)(C))."""
    info = decide(request("2026-03-01", HARTFORD, "jail", "disclose", requester=ICE, data=["release_date"],
                          instrument=DETAINER, subject=record()))
    arrest = decide(request("2026-03-01", HARTFORD, "police", "arrest", requester=ICE,
                            instrument={"type": "admin_warrant", "signed_by": "immigration_officer"},
                            subject=record()))
    assert info["outcome"] == "forbidden"
    assert basis_entry(info, "us/ct", "no-custody-information")["confidence"] == "primary"
    assert arrest["outcome"] == "forbidden"
    assert decided(arrest) == ("us/ct", "no-arrest-on-ice-paper")


def test_adult_probation_officers_covered_from_2019() -> None:
    """§ 54-192h(a)(9)(D) as amended by P.A. 19-23 § 1 (effective 2019-10-01): adult probation officers are "law
    enforcement officers"; a detainer hold by probation staff is forbidden without the conditions."""
    d = decide(request("2020-02-01", HARTFORD, "probation", "hold", requester=ICE, instrument=DETAINER,
                       subject=record()))
    assert d["outcome"] == "forbidden"
    assert decided(d) == ("us/ct", "hold-limited")
    assert basis_entry(d, "us/ct", "hold-limited")["confidence"] == "primary"


def test_2025_amendment_reaches_prosecutors_from_2025_10_01() -> None:
    """§ 54-192h as amended in 2025 (reported; in force 2025-10-01): state prosecutors are now bound; the day
    before, a prosecutor's release notice to ICE was outside the Trust Act."""
    before = decide(request("2025-09-30", HARTFORD, "prosecutor", "notify_release", requester=ICE,
                            instrument=DETAINER, subject=record()))
    on = decide(request("2025-10-01", HARTFORD, "prosecutor", "notify_release", requester=ICE,
                        instrument=DETAINER, subject=record()))
    assert "hold-limited-added-officers-2025" not in {b["rule"] for b in before["basis"]}
    assert on["outcome"] == "forbidden"
    assert decided(on) == ("us/ct", "hold-limited-added-officers-2025")
    assert basis_entry(on, "us/ct", "hold-limited-added-officers-2025")["confidence"] == "secondary"


def test_2025_amendment_class_b_felony_still_opens_prosecutor_notice() -> None:
    """§ 54-192h as amended in 2025 (criteria kept from P.A. 19-20 and flagged): class A or B felony."""
    d = decide(request("2026-02-01", HARTFORD, "prosecutor", "notify_release", requester=ICE, instrument=DETAINER,
                       subject=record(convictions=[conviction("class_b_felony", "2010-01-01")])))
    assert d["outcome"] == "allowed"
    assert decided(d) == ("us/ct", "hold-permitted-added-officers-2025")


def test_2025_private_right_of_action_means_record_the_refusal() -> None:
    """§ 54-192h as amended in 2025 (reported private right of action): a declined request is recorded."""
    before = hold("2025-09-30")
    on = hold("2025-10-01")
    rule = "private-right-of-action-2025"
    assert "record_request" not in {o["kind"] for o in before["obligations"] if o.get("rule") == rule}
    assert "record_request" in {o["kind"] for o in on["obligations"] if o.get("rule") == rule}


def test_administrative_warrant_alone_never_opens_an_arrest_or_hold() -> None:
    """§ 54-192h(b)(1)(C) (text read 2026-12-04): no arrest or detention "based on an administrative warrant",
    with no exception — a class A felony conviction opens a detainer hold ((b)(1)(A)(ii)) but not an arrest or
    hold on an ICE administrative warrant alone (before the correction both came out `allowed`)."""
    a_felony = [conviction("class_a_felony", "2015-01-01")]
    admin = {"type": "admin_warrant", "signed_by": "immigration_officer"}
    arrest = decide(request("2026-03-01", HARTFORD, "police", "arrest", requester=ICE, instrument=admin,
                            subject=record(convictions=a_felony)))
    on_admin = hold("2026-03-01", instrument=admin, convictions=a_felony)
    on_detainer = hold("2026-03-01", convictions=a_felony)
    assert arrest["outcome"] == "forbidden"
    assert decided(arrest) == ("us/ct", "no-arrest-on-ice-paper")
    assert on_admin["outcome"] == "forbidden"
    assert on_detainer["outcome"] == "allowed"
    assert decided(on_detainer) == ("us/ct", "hold-permitted")


def test_ice_interviews_of_people_in_custody() -> None:
    """§ 54-192h(b)(1)(D): no ICE interview access unless a class A or B felony conviction, a watchlist match or
    a federal court order under 8 U.S.C. § 1225(d)(4)(B)."""
    plain = decide(request("2026-03-01", HARTFORD, "jail", "interview", requester=ICE, instrument={"type": "none"},
                           subject=record()))
    felon = decide(request("2026-03-01", HARTFORD, "jail", "interview", requester=ICE, instrument={"type": "none"},
                           subject=record(convictions=[conviction("class_b_felony", "2012-05-01")])))
    before = decide(request("2019-09-30", HARTFORD, "jail", "interview", requester=ICE,
                            instrument={"type": "none"}, subject=record()))
    assert plain["outcome"] == "forbidden"
    assert decided(plain) == ("us/ct", "no-interview-access")
    assert felon["outcome"] == "allowed"
    assert decided(felon) == ("us/ct", "interview-access-permitted")
    assert "no-interview-access" not in {b["rule"] for b in before["basis"] if b["jurisdiction"] == "us/ct"}


def test_no_287g_functions() -> None:
    """§ 54-192h(b)(1)(E): no officer may perform a function of a federal immigration authority (287(g))."""
    d = decide(request("2026-03-01", HARTFORD, "jail", "enter_agreement", requester=ICE))
    assert d["outcome"] == "forbidden"
    assert decided(d) == ("us/ct", "no-immigration-officer-functions")


def test_detainer_copy_and_notification_duties() -> None:
    """§ 54-192h(c), (e)(1): a copy of the detainer and word of the agency's intent to the person; a notification
    request goes to the agency head, and if ICE is notified the person and their attorney get a copy and the
    written reason."""
    refused = decide(request("2026-03-01", HARTFORD, "jail", "hold", requester=ICE, instrument=DETAINER,
                             subject=record()))
    notice = decide(request("2026-03-01", HARTFORD, "jail", "notify_release", requester=ICE, instrument=DETAINER,
                            subject=record(convictions=[conviction("class_a_felony", "2015-01-01")])))
    assert refused["outcome"] == "forbidden"
    assert {"give_copy_to_subject", "notify_subject"} <= obligation_kinds(refused)
    assert notice["outcome"] == "allowed"
    assert {"give_copy_to_subject", "notify_counsel_or_designee"} <= obligation_kinds(notice)


# --- Conn. Gen. Stat. § 10a-11i(b): schools and colleges (June Sp. Sess. P.A. 21-2, § 263, eff. 2021-07-01) ---

def school_disclose(date: str, data: list[str], **extra: Any) -> dict[str, Any]:
    extra.setdefault("instrument", {"type": "none"})
    return decide(request(date, HARTFORD, "school", "disclose", requester=ICE, data=data, **extra))


def test_school_may_not_give_ice_a_students_address_from_1_july_2021() -> None:
    """§ 10a-11i(b), effective 2021-07-01: the day before, no Connecticut rule; from that day, forbidden."""
    before = school_disclose("2021-06-30", ["address"])
    on = school_disclose("2021-07-01", ["address"])
    assert before["outcome"] == "allowed"
    assert ("us/ct", "schools-no-confidential-information-to-immigration") not in rules_in_basis(before)
    assert on["outcome"] == "forbidden"
    assert decided(on) == ("us/ct", "schools-no-confidential-information-to-immigration")
    assert basis_entry(on, "us/ct", "schools-no-confidential-information-to-immigration")["confidence"] == "primary"


def test_school_disclosure_with_written_authorization() -> None:
    """§ 10a-11i(b)(1): authorised in writing by the person (or a parent or guardian)."""
    d = school_disclose("2026-03-01", ["address"], subject={"written_consent": True})
    assert d["outcome"] == "allowed"
    assert status_of(d, "us/ct", "schools-confidential-information-on-consent-law-or-judge") == "applied"


def test_school_disclosure_on_a_judges_order_but_not_an_immigration_judges() -> None:
    """§ 10a-11i(b)(3): a warrant or order of a judge or magistrate of the state or federal judicial branches; an
    immigration judge is not one."""
    judge = school_disclose("2026-03-01", ["address"], instrument={"type": "court_order", "signed_by": "state_judge"})
    ij = school_disclose("2026-03-01", ["address"],
                         instrument={"type": "court_order", "signed_by": "immigration_judge"})
    assert judge["outcome"] == "allowed"
    assert ij["outcome"] == "forbidden"
    assert decided(ij) == ("us/ct", "schools-no-confidential-information-to-immigration")


def test_school_limit_on_status_is_void_under_1373() -> None:
    """§ 10a-11i(b) names immigration status; 8 U.S.C. § 1373 voids a state limit on sharing status with DHS
    (contested), so status alone is allowed while the address stays forbidden."""
    d = school_disclose("2026-03-01", ["immigration_status", "address"])
    assert d["by_data"] == {"immigration_status": "allowed", "address": "forbidden"}
    assert d["outcome"] == "forbidden"


# --- Conn. Gen. Stat. § 54-1j(b): pleas ------------------------------------------------------------------------

def test_court_may_not_require_legal_status_at_a_plea() -> None:
    """§ 54-1j(b): the defendant shall not be required at the time of the plea to disclose legal status in the
    United States to the court; the court must give the advisement of § 54-1j(a) instead."""
    d = decide(request("2026-03-01", HARTFORD, "court", "inquire", data=["immigration_status"],
                       context="court_proceeding"))
    assert d["outcome"] == "forbidden"
    assert decided(d) == ("us/ct", "court-may-not-require-status-at-plea")
    assert "advise_of_rights" in obligation_kinds(d)
