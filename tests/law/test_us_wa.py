"""Scenario tests for Washington (library/us/wa.yaml): the Keep Washington Working Act (Laws of 2019 ch. 440,
eff. 21 May 2019; RCW 43.17.420-.425, 10.93.160) and the Courts Open to All Act (Laws of 2020 ch. 37; RCW
2.28.300-.330). Requests use a county with no rule file (us/wa/king-county).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.law._states import basis_rules, decided_by, engine_for, obligation_kinds, request, status_of

FILES = ("us/wa.yaml",)
COUNTY = "us/wa/king-county"
ICE = {"agency": "ice", "purpose": "civil_immigration"}
DETAINER = {"type": "detainer", "signed_by": "immigration_officer", "accompanied_by": ["admin_warrant"]}


def decide(req: dict[str, Any]) -> dict[str, Any]:
    return engine_for(*FILES).decide(req).to_dict()


def jail(date: str, action: str, **extra: Any) -> dict[str, Any]:
    extra.setdefault("requester", ICE)
    extra.setdefault("subject", {"in_custody": True})
    return request(date, COUNTY, "jail", action, **extra)


@pytest.mark.parametrize(("date", "decider"), [("2019-05-20", ("us", "hold-is-a-new-seizure")),
                                               ("2019-05-21", ("us/wa", "le-no-hold-on-hold-request"))])
def test_keep_washington_working_boundary_for_holds(date: str, decider: tuple[str, str]) -> None:
    """RCW 10.93.160 and 43.17.420(5) (Laws of 2019 ch. 440, eff. 21 May 2019): no hold on a hold request.
    Before it the federal liberty baseline decided (issue 7)."""
    d = decide(jail(date, "hold", instrument=DETAINER))
    assert d["outcome"] == "forbidden"
    assert decided_by(d) == decider


def test_hold_under_a_court_order_is_not_a_hold_request() -> None:
    """RCW 43.17.420(2), (5): a hold request is one made "without a court order"."""
    d = decide(jail("2025-03-01", "hold", instrument={"type": "detainer", "accompanied_by": ["court_order"]}))
    assert d["outcome"] == "allowed"
    assert status_of(d, "us/wa", "le-hold-on-court-order") == "applied"


def test_no_release_notification_to_ice() -> None:
    """RCW 10.93.160: no answers to notification requests for civil immigration enforcement."""
    d = decide(jail("2025-03-01", "notify_release", instrument=DETAINER))
    assert d["outcome"] == "forbidden"
    assert decided_by(d) == ("us/wa", "le-no-notification-responses")


@pytest.mark.parametrize(("consent", "outcome"), [(False, "forbidden"), (True, "allowed")])
def test_ice_interview_needs_written_consent(consent: bool, outcome: str) -> None:
    """RCW 10.93.160: ICE/CBP interviews of people in custody only with written consent (or as law requires)."""
    d = decide(jail("2025-03-01", "interview", instrument={"type": "none"},
                    subject={"in_custody": True, "written_consent": consent}))
    assert d["outcome"] == outcome
    if consent:
        assert {"obtain_written_consent", "advise_of_rights"} <= obligation_kinds(d)


@pytest.mark.parametrize(("context", "outcome"), [("booking", "forbidden"), ("criminal_investigation", "allowed")])
def test_police_ask_place_of_birth_only_for_a_crime(context: str, outcome: str) -> None:
    """RCW 10.93.160: no questions about status or place of birth unless connected to a state or local crime."""
    d = decide(request("2025-03-01", COUNTY, "police", "inquire", data=["place_of_birth"], context=context))
    assert d["outcome"] == outcome


def test_jail_does_not_give_ice_an_address() -> None:
    """RCW 10.93.160: no non-public personal information to federal immigration authorities."""
    d = decide(jail("2025-03-01", "disclose", instrument={"type": "none"}, data=["address"]))
    assert d["outcome"] == "forbidden"
    assert decided_by(d) == ("us/wa", "le-no-nonpublic-personal-information")


@pytest.mark.parametrize(("kind", "outcome"), [("court", "allowed"), ("prosecutor", "forbidden")])
def test_only_a_judge_may_ask_status_to_decide_a_matter(kind: str, outcome: str) -> None:
    """RCW 2.28.310(1)(a): court staff and prosecutors may not ask; a judge may ask what is needed to adjudicate."""
    d = decide(request("2025-03-01", COUNTY, kind, "inquire", data=["immigration_status"],
                       context="court_proceeding"))
    assert d["outcome"] == outcome
    if outcome == "allowed":
        assert status_of(d, "us/wa", "judge-inquiry-to-adjudicate") == "applied"


@pytest.mark.parametrize(("instrument", "outcome"), [
    ({"type": "none"}, "forbidden"),
    ({"type": "judicial_subpoena", "signed_by": "federal_judge"}, "allowed"),
])
def test_court_does_not_tell_ice_when_someone_has_a_hearing(instrument: dict[str, str], outcome: str) -> None:
    """RCW 2.28.310(1)(b): no notice to ICE of a person's presence at court unless federal law or a court order
    requires it."""
    d = decide(request("2025-03-01", COUNTY, "court", "disclose", requester=ICE, instrument=instrument,
                       data=["schedule"]))
    assert d["outcome"] == outcome


def test_court_may_share_status_under_1373_savings_clause() -> None:
    """RCW 2.28.310(2)(a): the Act does not limit sending status information under 8 U.S.C. § 1373."""
    d = decide(request("2025-03-01", COUNTY, "court", "disclose", requester=ICE, instrument={"type": "none"},
                       data=["immigration_status"]))
    assert d["outcome"] == "allowed"
    assert status_of(d, "us/wa", "courts-status-sharing-not-limited") == "applied"
    assert all(c.get("status") != "void" for c in d["conflicts"])


def test_state_services_regardless_of_status() -> None:
    """RCW 43.17.425(2)(c)-(d): state agency staff may not condition services on status."""
    d = decide(request("2025-03-01", "us/wa", "social_services", "condition_service", instrument={"type": "none"}))
    assert d["outcome"] == "forbidden"
    assert decided_by(d) == ("us/wa", "state-agencies-serve-regardless-of-status")


def test_no_287g_or_jail_bed_contracts() -> None:
    """RCW 10.93.160: no 287(g) agreements or immigration detention contracts."""
    d = decide(request("2025-03-01", COUNTY, "jail", "enter_agreement"))
    assert d["outcome"] == "forbidden"
    assert "le-no-immigration-agreements" in basis_rules(d, "us/wa")


# ------------------------------------------------------------------ RCW 2.28.320-.330: civil arrests at courts
COURT_REQ: dict[str, Any] = {"requester": ICE, "context": "court_proceeding",
                             "instrument": {"type": "admin_warrant", "signed_by": "immigration_officer"}}


@pytest.mark.parametrize(("date", "forbidden"), [("2020-06-10", False), ("2020-06-11", True)])
def test_courts_open_to_all_boundary_for_courthouse_help(date: str, forbidden: bool) -> None:
    """RCW 2.28.330(1) (Laws of 2020 ch. 37, effective date inferred as 2020-06-11): no civil arrest of a person
    going to, at or coming from a court facility; court staff may not help."""
    d = decide(request(date, COUNTY, "court", "assist_operation", **COURT_REQ))
    assert ("courts-no-help-with-civil-arrest" in basis_rules(d, "us/wa")) is forbidden
    if forbidden:
        assert d["outcome"] == "forbidden"


def test_court_officer_civil_arrest_at_courthouse_forbidden() -> None:
    """RCW 2.28.330(1): court security may not make a civil arrest of a court attendee on ICE paper."""
    d = decide(request("2024-03-01", COUNTY, "court", "arrest", **COURT_REQ))
    assert d["outcome"] == "forbidden"
    assert decided_by(d) == ("us/wa", "courts-no-civil-arrest")


def test_courthouse_civil_arrest_on_court_order_needs_judicial_review() -> None:
    """RCW 2.28.330(1)(a), (3): an arrest pursuant to a court order is allowed after a designated judicial officer
    reviews the order."""
    d = decide(request("2024-03-01", COUNTY, "court", "arrest", requester=ICE, context="court_proceeding",
                       instrument={"type": "court_order", "signed_by": "federal_judge"}))
    assert d["outcome"] == "allowed"
    assert decided_by(d) == ("us/wa", "courts-civil-arrest-on-court-order")
    assert "escalate_to_counsel" in obligation_kinds(d)


def test_court_security_may_act_for_immediate_safety() -> None:
    """RCW 2.28.330(1)(b): when necessary to secure the immediate safety of judges, court staff or the public."""
    d = decide(request("2024-03-01", COUNTY, "court", "arrest", exigent=True, **COURT_REQ))
    assert d["outcome"] == "allowed"
    assert decided_by(d) == ("us/wa", "courts-civil-arrest-for-immediate-safety")


def test_court_security_records_officers_entering() -> None:
    """RCW 2.28.320(1), (3): the officer's name, agency, purpose and proposed action are recorded, sent to the AOC
    monthly, and court staff told at once of an intended civil arrest."""
    d = decide(request("2024-03-01", COUNTY, "court", "grant_access", requester=ICE, location="public_area",
                       context="court_proceeding"))
    kinds = {o["kind"] for o in d["obligations"] if o.get("rule") == "courts-record-officers-entering"}
    assert {"verify_identity_of_agents", "record_request", "report", "escalate_to_counsel"} <= kinds


HSI_CRIMINAL = {"agency": "ice", "purpose": "criminal_investigation"}


@pytest.mark.parametrize(("requester", "outcome"), [(ICE, "forbidden"), (HSI_CRIMINAL, "allowed")])
def test_personal_information_ban_reaches_only_noncriminal_matters(requester: dict[str, str], outcome: str) -> None:
    """RCW 10.93.160(5) (text read 2026-12-04): no non-public personal information to federal immigration
    authorities "in a noncriminal matter"; a criminal matter is outside the ban (le-personal-information-in-
    criminal-matter, added after the text was read: before, the state layer forbade it too)."""
    d = decide(jail("2025-03-01", "disclose", instrument={"type": "none"}, data=["address"], requester=requester))
    assert d["outcome"] == outcome
    if outcome == "allowed":
        assert status_of(d, "us/wa", "le-no-nonpublic-personal-information") == "overridden"
        assert status_of(d, "us/wa", "le-personal-information-in-criminal-matter") == "applied"
        assert "escalate_to_counsel" in obligation_kinds(d)
    else:
        assert decided_by(d) == ("us/wa", "le-no-nonpublic-personal-information")


@pytest.mark.parametrize(("requester", "forbidden"), [(ICE, True), (HSI_CRIMINAL, False)])
def test_custody_interview_ban_reaches_only_noncriminal_matters(requester: dict[str, str], forbidden: bool) -> None:
    """RCW 10.93.160(6)(a): no access to interview people in custody "about a noncriminal matter"."""
    d = decide(jail("2025-03-01", "interview", instrument={"type": "none"}, requester=requester,
                    subject={"in_custody": True, "written_consent": False}))
    assert (d["outcome"] == "forbidden") is forbidden
    if not forbidden:
        assert status_of(d, "us/wa", "le-interview-in-criminal-matter") == "applied"


def test_police_explain_in_writing_the_right_to_refuse_status_questions() -> None:
    """RCW 10.93.160(9)(a): on commitment or detention, explain in writing the right to refuse to disclose
    nationality, citizenship or immigration status and what disclosure may lead to."""
    d = decide(request("2025-03-01", COUNTY, "jail", "inquire", data=["immigration_status"],
                       context="criminal_investigation"))
    assert "advise_of_rights" in obligation_kinds(d)
    assert "le-explain-right-to-refuse" in basis_rules(d, "us/wa")


def test_keep_washington_working_rules_rest_on_the_read_text() -> None:
    """RCW 10.93.160 read in full on 2026-12-04: the law-enforcement rules cite their subsections."""
    d = decide(jail("2025-03-01", "hold", instrument=DETAINER))
    entry = next(b for b in d["basis"] if b["rule"] == "le-no-hold-on-hold-request")
    assert entry["confidence"] == "primary"
    assert entry["citation"].startswith("RCW 10.93.160(8)")


def test_no_service_denial_because_of_a_detainer() -> None:
    """RCW 10.93.160(10): no denial of services, benefits, privileges or opportunities to a person in custody or on
    probation because an immigration detainer, hold, notification request or civil immigration warrant is lodged."""
    d = decide(jail("2025-03-01", "condition_service", instrument=DETAINER))
    assert d["outcome"] == "forbidden"
    assert decided_by(d) == ("us/wa", "le-no-service-denial-for-immigration-detainer")
    p = decide(request("2025-03-01", COUNTY, "probation", "condition_service",
                       instrument={"type": "admin_warrant", "signed_by": "immigration_officer"}))
    assert decided_by(p) == ("us/wa", "le-no-service-denial-for-immigration-detainer")


@pytest.mark.parametrize(("date", "covered"), [("2019-05-20", False), ("2019-05-21", True)])
def test_service_denial_rule_boundary(date: str, covered: bool) -> None:
    """RCW 10.93.160(10) (Laws of 2019 ch. 440 § 6, eff. 21 May 2019)."""
    d = decide(jail(date, "condition_service", instrument=DETAINER))
    assert ("le-no-service-denial-for-immigration-detainer" in basis_rules(d, "us/wa")) is covered


def test_service_denial_rule_needs_an_immigration_paper() -> None:
    """RCW 10.93.160(10) turns on "the presence of an immigration detainer, hold, notification request, or civil
    immigration warrant"; a request naming no such paper is outside it."""
    d = decide(jail("2025-03-01", "condition_service", instrument={"type": "none"}))
    assert "le-no-service-denial-for-immigration-detainer" not in basis_rules(d, "us/wa")
