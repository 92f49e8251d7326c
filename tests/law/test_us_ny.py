"""Scenario tests for New York State (library/us/ny.yaml): People ex rel. Wells v. DeMarco, 168 A.D.3d 31
(2d Dep't 2018). Counties without a file of their own (``us/ny/suffolk-county``) are decided by New York and
the federal layer.
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
    assert basis_entry(d, "us/ny", "no-civil-immigration-arrests")["confidence"] == "secondary"


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


def test_state_file_is_in_force_with_only_the_wells_rules() -> None:
    """library/us/ny.yaml encodes only what could be cited: the two Wells rules."""
    rf = engine().library.files["us/ny"]
    assert rf.jurisdiction.status == "in_force"
    assert [r.id for r in rf.rules] == ["no-civil-immigration-arrests", "judicial-warrant-is-not-a-civil-arrest"]
    assert all(r.citation.startswith("People ex rel. Wells v. DeMarco") for r in rf.rules)
