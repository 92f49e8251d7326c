"""Scenario tests for the federal layer (library/us.yaml): 8 U.S.C. §§ 1373, 1644, 1357(g); 8 C.F.R. § 287.7;
Arizona v. United States.

A jurisdiction with no file of its own (``us/wy/laramie-county``) is decided by the federal layer alone.
"""

from __future__ import annotations

from typing import Any

from tests.law._us_sanctuary import (
    DETAINER,
    ICE,
    basis_entry,
    conviction,
    decide,
    decided,
    obligation_kinds,
    request,
    status_of,
)

WY = "us/wy/laramie-county"


def test_detainer_hold_where_the_state_is_silent_is_a_new_seizure() -> None:
    """8 C.F.R. § 287.7(a), (d); U.S. Const. amend. IV; Miranda-Olivares (D. Or. 2014); Morales v. Chadbourne (1st
    Cir. 2015): a detainer is a request, and keeping someone past release on it alone is a new seizure. With no
    state or local rule on holds, the answer is "not without a judge" and counsel, never a bare `allowed`."""
    d = decide(request("2026-03-01", WY, "jail", "hold", requester=ICE, instrument=DETAINER))
    assert d["outcome"] == "forbidden" and d["coverage"] == "rule"
    assert decided(d) == ("us", "hold-is-a-new-seizure")
    assert "escalate_to_counsel" in obligation_kinds(d)
    assert "limit_hold_duration" not in obligation_kinds(d)
    assert status_of(d, "us", "hold-is-a-new-seizure") == "applied"
    assert {layer["jurisdiction"]: layer["has_policy"] for layer in d["layers"]} == {
        "us": True, "us/wy": False, "us/wy/laramie-county": False}


def test_release_notification_on_detainer_is_allowed_federally() -> None:
    """8 C.F.R. § 287.7(a): the detainer asks for notice before release; federal law does not compel it."""
    d = decide(request("2026-03-01", WY, "jail", "notify_release", requester=ICE, instrument=DETAINER))
    assert d["outcome"] == "allowed"
    assert decided(d) == ("us", "detainer-is-a-request")


def test_no_federal_rule_requires_transfer() -> None:
    """Anti-commandeering: no federal `require` rule; a transfer request with no state or local rule is not
    required by any layer."""
    d = decide(request("2026-03-01", WY, "jail", "transfer", requester=ICE, instrument=DETAINER))
    assert d["outcome"] == "allowed"
    assert d["decided_by"] is None
    assert d["basis"] == []


def test_unilateral_civil_immigration_arrest_is_forbidden() -> None:
    """Arizona v. United States, 567 U.S. 387 (2012): a local officer may not arrest someone on the officer's
    own belief that the person is removable. (The person was not removed after a felony, so 8 U.S.C. § 1252c does
    not reach the arrest.)"""
    d = decide(request("2026-03-01", WY, "police", "arrest",
                       requester={"agency": "local_law_enforcement", "purpose": "civil_immigration"},
                       subject={"reentered_after_removal": False}))
    assert d["outcome"] == "forbidden"
    assert decided(d) == ("us", "no-unilateral-civil-arrest")
    assert basis_entry(d, "us", "no-unilateral-civil-arrest")["confidence"] == "secondary"


def test_arrest_at_dhs_request_is_cooperation_permitted_by_1357g10() -> None:
    """8 U.S.C. § 1357(g)(10)(B): officers may cooperate when DHS asks, without a 287(g) agreement."""
    d = decide(request("2026-03-01", WY, "police", "arrest", requester=ICE,
                       instrument={"type": "admin_warrant", "signed_by": "immigration_officer"}))
    assert d["outcome"] == "allowed"
    assert decided(d) == ("us", "civil-arrest-at-federal-request")
    assert status_of(d, "us", "no-unilateral-civil-arrest") == "overridden"


def test_arrest_without_knowing_who_asks_is_undetermined() -> None:
    """Arizona v. United States / § 1357(g)(10)(B): whether DHS asked decides the case, so it is asked for."""
    d = decide(request("2026-03-01", WY, "police", "arrest"))
    assert d["outcome"] == "undetermined"
    assert "requester.agency" in d["missing_facts"]


def test_arizona_rule_starts_with_the_decision() -> None:
    """Arizona v. United States was decided on 2012-06-25; the rule has no force before that day. (The person was not
    removed after a felony, so 8 U.S.C. § 1252c is out of the picture.)"""
    subject = {"reentered_after_removal": False}
    before = decide(request("2012-06-24", WY, "police", "arrest", requester={"agency": "local_law_enforcement"},
                            subject=subject))
    on = decide(request("2012-06-25", WY, "police", "arrest", requester={"agency": "local_law_enforcement"},
                        subject=subject))
    assert before["outcome"] == "allowed" and before["decided_by"] is None and before["coverage"] == "none"
    assert on["outcome"] == "forbidden"


def test_287g_agreement_is_voluntary() -> None:
    """8 U.S.C. § 1357(g)(1), (9): a 287(g) agreement may be signed, never required by federal law."""
    d = decide(request("2026-03-01", WY, "jail", "enter_agreement"))
    assert d["outcome"] == "allowed"
    assert decided(d) == ("us", "agreements-are-voluntary")


def test_sharing_status_with_dhs_is_allowed() -> None:
    """8 U.S.C. § 1357(g)(10)(A), § 1373(a): any official may tell DHS what they know of a person's status."""
    d = decide(request("2026-03-01", WY, "police", "disclose", requester=ICE, data=["immigration_status"]))
    assert d["outcome"] == "allowed"
    assert decided(d) == ("us", "may-share-status-with-dhs")


def test_1373_voids_a_local_ban_on_sharing_status_and_is_marked_contested() -> None:
    """8 U.S.C. § 1373(a)-(b) against S.F. Admin. Code § 12H.2(c) (1989 text): the City's ban on giving ICE a
    person's immigration status was void; the preemption is contested (City of Chicago v. Sessions; City of
    Philadelphia v. Sessions; United States v. California)."""
    d = decide(request("2015-03-01", "us/ca/san-francisco", "police", "disclose", requester=ICE,
                       data=["immigration_status"]))
    assert d["outcome"] == "allowed"
    assert status_of(d, "us/ca/san-francisco", "no-status-dissemination-before-2016") == "void"
    assert basis_entry(d, "us", "status-sharing-1373")["status"] == "applied"
    voids = [c for c in d["conflicts"] if c["status"] == "void"]
    assert len(voids) == 1
    assert voids[0]["by"]["rule"] == "status-sharing-1373"
    assert voids[0]["contested"] is True
    assert "City of Philadelphia v. Sessions, 309 F. Supp. 3d 289 (E.D. Pa. 2018)" in voids[0]["cases"]
    assert "United States v. California, 921 F.3d 865 (9th Cir. 2019)" in voids[0]["cases"]


def test_1373_does_not_reach_the_public() -> None:
    """8 U.S.C. § 1373 protects exchanges with federal immigration authorities only; the same local ban stands
    against a member of the public."""
    d = decide(request("2015-03-01", "us/ca/san-francisco", "police", "disclose",
                       requester={"agency": "public"}, data=["immigration_status"]))
    assert d["outcome"] == "forbidden"
    assert decided(d) == ("us/ca/san-francisco", "no-status-dissemination-before-2016")
    assert d["conflicts"] == []


def test_1373_does_not_reach_release_dates() -> None:
    """United States v. California, 921 F.3d 865 (9th Cir. 2019): a release date is not "information regarding
    citizenship or immigration status"; California's ban on giving it stands."""
    d = decide(request("2026-03-01", "us/ca/alameda-county", "jail", "disclose", requester=ICE,
                       data=["release_date"], subject={"convictions": [], "pending_charges": []}))
    assert d["outcome"] == "forbidden"
    assert decided(d) == ("us/ca", "no-release-date-or-personal-information")
    assert not any(c["status"] == "void" for c in d["conflicts"])


def test_1373_does_not_reach_questions() -> None:
    """§ 1373 bars restricting the sharing and keeping of status information, not the asking: a City's rule
    against status questions on service forms is not void (S.F. Admin. Code § 12H.2(d))."""
    d = decide(request("2026-03-01", "us/ca/san-francisco", "city_agency", "collect",
                       data=["immigration_status"], context="benefits_eligibility"))
    assert d["outcome"] == "forbidden"
    assert status_of(d, "us/ca/san-francisco", "no-status-question-on-city-forms") == "applied"


def test_status_sharing_preemption_dates_1644_then_1373() -> None:
    """PRWORA § 434 (8 U.S.C. § 1644) was enacted 1996-08-22 and IIRIRA § 642 (8 U.S.C. § 1373) 1996-09-30:
    San Francisco's 1989 ban on sharing status stood until the first of them."""
    def ask(day: str) -> dict[str, Any]:
        return decide(request(day, "us/ca/san-francisco", "police", "disclose", requester=ICE,
                              data=["immigration_status"]))

    before, prwora, iirira = ask("1996-08-21"), ask("1996-08-22"), ask("1996-09-30")
    assert before["outcome"] == "forbidden"
    assert before["conflicts"] == []
    assert prwora["outcome"] == "allowed"
    assert prwora["conflicts"][0]["by"]["rule"] == "status-sharing-1644"
    assert iirira["outcome"] == "allowed"
    assert iirira["conflicts"][0]["by"]["rule"] == "status-sharing-1373"


def test_detainer_rule_federal_permission_yields_to_a_state_ban() -> None:
    """8 C.F.R. § 287.7 is a permission: a state that forbids holds decides (Cal. Gov. Code § 7284.6(a)(1)(B))."""
    d = decide(request("2026-03-01", "us/ca/alameda-county", "jail", "hold", requester=ICE, instrument=DETAINER,
                       subject={"convictions": [conviction("violent_felony", "2024-01-01")]}))
    assert d["outcome"] == "forbidden"
    assert status_of(d, "us", "hold-is-a-new-seizure") == "overridden"
    assert "limit_hold_duration" not in obligation_kinds(d)
