"""Scenario tests for New York State (library/us/ny.yaml): People ex rel. Wells v. DeMarco, 168 A.D.3d 31
(2d Dep't 2018); the Protect Our Courts Act (Civ. Rights Law § 28, 2019); Executive Order 170 (2017); the Green
Light law (Veh. & Traf. Law § 201(12), 2019). Counties without a file of their own (``us/ny/suffolk-county``)
are decided by New York and the federal layer.
"""

from __future__ import annotations

from tests.law._us_sanctuary import (
    DETAINER,
    FEDERAL_WARRANT,
    ICE,
    basis_entry,
    decide,
    decided,
    engine,
    request,
    rules_in_basis,
    status_of,
)

SUFFOLK = "us/ny/suffolk-county"


def test_wells_forbids_holding_on_detainer_and_administrative_warrant() -> None:
    """Wells v. DeMarco: New York officers are not authorized to make civil immigration arrests; a hold on an
    I-247 detainer with an I-200 warrant is one."""
    d = decide(request("2019-03-01", SUFFOLK, "jail", "hold", requester=ICE, instrument=DETAINER))
    assert d["outcome"] == "forbidden"
    assert decided(d) == ("us/ny", "no-civil-immigration-arrests")
    assert status_of(d, "us", "hold-is-a-new-seizure") == "overridden"
    # Raised to primary in review 2026-12-04: the holding was read in the official reporter.
    assert basis_entry(d, "us/ny", "no-civil-immigration-arrests")["confidence"] == "primary"


def test_wells_date_boundary() -> None:
    """Wells v. DeMarco was decided 2018-11-14; the rule is encoded from that day."""
    before = decide(request("2018-11-13", SUFFOLK, "jail", "hold", requester=ICE, instrument=DETAINER))
    on = decide(request("2018-11-14", SUFFOLK, "jail", "hold", requester=ICE, instrument=DETAINER))
    # Before Wells, New York law did not speak: the federal liberty baseline decided (issue 7).
    assert before["outcome"] == "forbidden"
    assert decided(before) == ("us", "hold-is-a-new-seizure")
    assert on["outcome"] == "forbidden"


def test_judicial_warrant_is_not_a_civil_arrest() -> None:
    """Wells v. DeMarco concerns administrative process; custody on a judge's warrant is outside it."""
    d = decide(request("2019-03-01", SUFFOLK, "jail", "hold", requester=ICE, instrument=FEDERAL_WARRANT))
    assert d["outcome"] == "allowed"
    assert decided(d) == ("us/ny", "judicial-warrant-is-not-a-civil-arrest")


def test_state_law_overrides_federal_permission_to_cooperate_in_arrest() -> None:
    """Wells v. DeMarco rejected 8 U.S.C. § 1357(g)(10) as authority for New York officers: the federal
    permission to cooperate yields to the state's limit."""
    d = decide(request("2019-03-01", SUFFOLK, "police", "arrest", requester=ICE,
                       instrument={"type": "admin_warrant", "signed_by": "immigration_officer"}))
    assert d["outcome"] == "forbidden"
    assert decided(d) == ("us/ny", "no-civil-immigration-arrests")
    assert status_of(d, "us", "civil-arrest-at-federal-request") == "overridden"


def test_hold_without_saying_what_paper_is_undetermined() -> None:
    """Wells v. DeMarco: whether a judge's warrant backs the request decides it."""
    d = decide(request("2019-03-01", SUFFOLK, "jail", "hold", requester=ICE))
    assert d["outcome"] == "undetermined"
    assert d["missing_facts"] == ["instrument.type"]


def test_new_york_has_no_state_rule_on_release_notification() -> None:
    """Nothing verified at the state level limits notification; the federal layer decides."""
    d = decide(request("2026-03-01", SUFFOLK, "jail", "notify_release", requester=ICE, instrument=DETAINER))
    assert d["outcome"] == "allowed"
    assert decided(d) == ("us", "detainer-is-a-request")


def test_state_file_cites_each_rule_to_its_instrument() -> None:
    """library/us/ny.yaml: Wells rules cite the case; the 2026-12-04 additions cite Civ. Rights Law § 28,
    EO 170 and VTL § 201(12). (Updated: the file used to hold only the two Wells rules.)"""
    rf = engine().library.files["us/ny"]
    assert rf.jurisdiction.status == "in_force"
    prefixes = {"wells-v-demarco": "People ex rel. Wells v. DeMarco",
                "protect-our-courts-act": "N.Y. Civ. Rights Law § 28",
                "eo-170": "N.Y. Exec. Order No. 170", "green-light-law": "N.Y. Veh. & Traf. Law § 201(12)"}
    assert {r.instrument for r in rf.rules} == set(prefixes)
    assert all(r.citation.startswith(prefixes[r.instrument]) for r in rf.rules)


# ------------------------------------------------------------------ Protect Our Courts Act (Civ. Rights Law § 28)
COURT_ARREST = {"requester": ICE, "context": "court_proceeding",
                "instrument": {"type": "admin_warrant", "signed_by": "immigration_officer"}}


def test_poca_forbids_court_officers_assisting_civil_arrest_of_court_attendee() -> None:
    """Civ. Rights Law § 28(1)-(2): a party or witness attending court is privileged from civil arrest; willfully
    assisting such an arrest is contempt."""
    d = decide(request("2024-05-01", SUFFOLK, "court", "assist_operation", **COURT_ARREST))
    assert d["outcome"] == "forbidden"
    assert decided(d) == ("us/ny", "no-civil-arrest-of-court-attendees")
    assert basis_entry(d, "us/ny", "no-civil-arrest-of-court-attendees")["confidence"] == "primary"
    assert "request_judicial_warrant" in {o["kind"] for o in d["obligations"]}


def test_poca_date_boundary() -> None:
    """Civ. Rights Law § 28 (L. 2020, ch. 322) took effect on signing, 2020-12-15 (legiscan: "signed chap.322" on
    2020-12-15; the file said 2019-12-15 until 2026-12-04): the day before, the court's help with an ICE courthouse
    arrest is not limited by state law."""
    before = decide(request("2020-12-14", SUFFOLK, "court", "assist_operation", **COURT_ARREST))
    on = decide(request("2020-12-15", SUFFOLK, "court", "assist_operation", **COURT_ARREST))
    assert ("us/ny", "no-civil-arrest-of-court-attendees") not in rules_in_basis(before)
    assert before["outcome"] != "forbidden"
    assert on["outcome"] == "forbidden"


def test_poca_judicial_warrant_authorises_the_arrest() -> None:
    """Civ. Rights Law § 28(1): unless the civil arrest is supported by a judicial warrant or judicial order."""
    d = decide(request("2024-05-01", SUFFOLK, "court", "assist_operation", requester=ICE,
                       context="court_proceeding",
                       instrument={"type": "judicial_warrant", "signed_by": "federal_judge"}))
    assert d["outcome"] == "allowed"
    assert decided(d) == ("us/ny", "court-attendee-arrest-on-judicial-warrant")


def test_poca_needs_the_court_context() -> None:
    """Civ. Rights Law § 28(1) protects people attending a court proceeding; outside it the court's help is not
    limited by § 28."""
    d = decide(request("2024-05-01", SUFFOLK, "court", "assist_operation", requester=ICE,
                       context="service_delivery", instrument={"type": "admin_warrant"}))
    assert ("us/ny", "no-civil-arrest-of-court-attendees") not in rules_in_basis(d)


# ------------------------------------------------------------------ EO 170
def test_eo_170_state_agency_may_not_ask_status() -> None:
    """EO 170 (2017): state employees other than law enforcement may not ask immigration status."""
    d = decide(request("2020-01-10", "us/ny", "social_services", "inquire", data=["immigration_status"],
                       context="service_delivery"))
    assert d["outcome"] == "forbidden"
    assert decided(d) == ("us/ny", "state-agencies-no-status-questions")


def test_eo_170_allows_status_question_for_eligibility() -> None:
    """EO 170 (2017): unless necessary to determine eligibility for a program, benefit or service."""
    d = decide(request("2020-01-10", "us/ny", "social_services", "inquire", data=["immigration_status"],
                       context="benefits_eligibility"))
    assert d["outcome"] == "allowed"
    assert decided(d) == ("us/ny", "status-question-for-eligibility-or-by-law")


def test_eo_170_date_boundary() -> None:
    """EO 170 was signed 2017-09-15."""
    before = decide(request("2017-09-14", "us/ny", "social_services", "inquire", data=["immigration_status"],
                            context="service_delivery"))
    on = decide(request("2017-09-15", "us/ny", "social_services", "inquire", data=["immigration_status"],
                        context="service_delivery"))
    assert before["outcome"] != "forbidden"
    assert on["outcome"] == "forbidden"


# ------------------------------------------------------------------ Green Light law (VTL § 201(12)(a))
def test_green_light_dmv_records_need_an_article_iii_order() -> None:
    """VTL § 201(12)(a): no DMV records to an agency that primarily enforces immigration law without a lawful
    court order or a judicial warrant signed by an Article III judge; tell the person within three days."""
    plain = decide(request("2021-06-01", "us/ny", "city_agency", "disclose", requester=ICE, data=["address"],
                           instrument={"type": "admin_subpoena", "signed_by": "immigration_officer"}))
    warrant = decide(request("2021-06-01", "us/ny", "city_agency", "disclose", requester=ICE, data=["address"],
                             instrument={"type": "judicial_warrant", "signed_by": "federal_judge"}))
    state = decide(request("2021-06-01", "us/ny", "city_agency", "disclose", requester=ICE, data=["address"],
                           instrument={"type": "judicial_warrant", "signed_by": "state_judge"}))
    assert plain["outcome"] == "forbidden"
    assert decided(plain) == ("us/ny", "dmv-no-records-to-immigration-agencies")
    notices = [o for o in plain["obligations"] if o["kind"] == "notify_subject"]
    assert notices and notices[0]["deadline"] == "3 days"
    assert warrant["outcome"] == "allowed"
    assert state["outcome"] == "forbidden"


def test_green_light_date_boundary() -> None:
    """The Green Light law's DMV limits took effect 2019-12-14."""
    req = {"requester": ICE, "data": ["address"], "instrument": {"type": "admin_subpoena"}}
    before = decide(request("2019-12-13", "us/ny", "city_agency", "disclose", **req))
    on = decide(request("2019-12-14", "us/ny", "city_agency", "disclose", **req))
    assert before["outcome"] != "forbidden"
    assert on["outcome"] == "forbidden"
