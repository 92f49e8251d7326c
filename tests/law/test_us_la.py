"""Scenario tests for Louisiana (library/us/la.yaml): Act 314 of 2024 (La. R.S. 33:81-84) and S.B. 15 of 2025."""

from __future__ import annotations

import pytest

from tests.law._south import basis_entry, decide, detainer, obligation_kinds, request, rules_in_basis


def test_parish_jail_must_comply_with_detainer_and_tell_the_judge() -> None:
    """La. R.S. 33:84(A): notify the bail judge, record the detainer in the case file, comply with it."""
    d = decide("la", detainer("2025-01-10", "us/la/orleans-parish"))
    assert d["outcome"] == "required"
    assert d["decided_by"] == {"jurisdiction": "us/la", "rule": "detainer-compliance", "citation": "La. R.S. 33:84(A)"}
    mine = {(o["kind"], o["citation"]) for o in d["obligations"] if o["jurisdiction"] == "us/la"}
    assert mine == {("report", "La. R.S. 33:84(A)(1)"), ("record_request", "La. R.S. 33:84(A)(2)")}
    judge = next(o for o in d["obligations"] if o["kind"] == "report")
    assert "bail" in judge["to"]


def test_release_notification_on_detainer_is_required() -> None:
    """R.S. 33:84(A)(2): "comply with the requests made in the immigration detainer" includes notice of release."""
    d = decide("la", detainer("2025-01-10", "us/la/orleans-parish", kind="police", action="notify_release"))
    assert d["outcome"] == "required"
    assert d["decided_by"]["rule"] == "detainer-compliance"


def test_detainer_without_its_warrant_is_not_an_immigration_detainer() -> None:
    """R.S. 33:81(3)(a): an immigration detainer is issued "along with a warrant"; without it no duty arises."""
    d = decide("la", detainer("2025-01-10", "us/la/orleans-parish", warrant=False))
    assert "detainer-compliance" not in rules_in_basis(d, "us/la")
    assert d["decided_by"] is None or d["decided_by"]["jurisdiction"] != "us/la"


@pytest.mark.parametrize(("date", "in_force"), [("2024-05-27", False), ("2024-05-28", True)])
def test_act_314_takes_effect_on_2024_05_28(date: str, in_force: bool) -> None:
    """Acts 2024, No. 314, s. 1, eff. 5/28/2024 (history note of R.S. 33:84)."""
    d = decide("la", detainer(date, "us/la/orleans-parish"))
    assert ("detainer-compliance" in rules_in_basis(d, "us/la")) is in_force
    assert (d["outcome"] == "required") is in_force


def test_parish_jail_must_have_a_housing_agreement() -> None:
    """R.S. 33:84(D): each parish correctional facility enters an agreement with a federal immigration agency."""
    d = decide("la", request("2025-06-01", "us/la/jefferson-parish", "jail", "enter_agreement"))
    assert d["outcome"] == "required"
    assert d["decided_by"]["citation"] == "La. R.S. 33:84(D)"


def test_parish_ban_on_detainer_holds_is_void() -> None:
    """R.S. 33:82 (no sanctuary policy) with 33:84(A): a parish rule against holds is void."""
    d = decide("la", detainer("2025-01-10", "us/la/fixture-county"), fixture=True)
    assert d["outcome"] == "required"
    assert basis_entry(d, "us/la/fixture-county", "no-detainer-holds")["status"] == "void"
    pre = basis_entry(d, "us/la", "void-limits-on-detainers")
    assert (pre["effect"], pre["status"], pre["confidence"]) == ("preempt", "applied", "primary")


def test_parish_ban_on_detainer_holds_stood_before_act_314() -> None:
    """Before 2024-05-28 no Louisiana law voided a parish's own limit on holds."""
    d = decide("la", detainer("2024-05-27", "us/la/fixture-county"), fixture=True)
    assert basis_entry(d, "us/la/fixture-county", "no-detainer-holds")["status"] == "applied"
    assert rules_in_basis(d, "us/la") == set()


def test_parish_ban_on_sharing_status_with_ice_is_void() -> None:
    """R.S. 33:83(B)(1), (3): no restriction on sending status information to a federal immigration agency."""
    d = decide("la", request("2025-01-10", "us/la/fixture-county", "police", "disclose",
                             requester={"agency": "ice"}, data=["immigration_status"]), fixture=True)
    assert d["outcome"] == "allowed"
    assert basis_entry(d, "us/la/fixture-county", "no-status-sharing")["status"] == "void"
    assert basis_entry(d, "us/la", "law-enforcement-may-share-status")["status"] == "applied"


def test_parish_ban_on_sharing_status_with_the_public_is_not_void() -> None:
    """R.S. 33:83(B) protects exchanges with federal immigration agencies and other governments, not the public."""
    d = decide("la", request("2025-01-10", "us/la/fixture-county", "police", "disclose",
                             requester={"agency": "public"}, data=["immigration_status"]), fixture=True)
    assert d["outcome"] == "forbidden"
    assert d["decided_by"]["rule"] == "no-status-sharing"


@pytest.mark.parametrize(("date", "in_force"), [("2025-07-31", False), ("2025-08-01", True)])
def test_sb15_release_notice_to_ice_from_2025_08_01(date: str, in_force: bool) -> None:
    """La. R.S. 14:134 as amended by 2025 S.B. 15 (secondary): tell ICE of a release when it asks, even without a
    detainer, unless the person has shown proof of lawful status."""
    req = request(date, "us/la/orleans-parish", "jail", "notify_release", requester={"agency": "ice"},
                  instrument={"type": "none"}, subject={"in_custody": True})
    d = decide("la", req)
    assert ("notify-ice-before-release-2025" in rules_in_basis(d, "us/la")) is in_force
    if in_force:
        assert d["outcome"] == "required"
        assert basis_entry(d, "us/la", "notify-ice-before-release-2025")["confidence"] == "secondary"


def test_sb15_release_notice_not_for_a_person_with_proof_of_lawful_status() -> None:
    """S.B. 15 reaches persons known to be unlawfully present; proof of lawful status takes the person out."""
    req = request("2025-09-01", "us/la/orleans-parish", "jail", "notify_release", requester={"agency": "ice"},
                  instrument={"type": "none"}, subject={"in_custody": True, "proof_of_lawful_status": True})
    assert "notify-ice-before-release-2025" not in rules_in_basis(decide("la", req), "us/la")


def test_no_judge_notice_duty_outside_detainers() -> None:
    """R.S. 33:84 duties attach to detainers only: a plain release notice carries no judge report."""
    req = request("2025-09-01", "us/la/orleans-parish", "jail", "notify_release", requester={"agency": "ice"},
                  instrument={"type": "none"}, subject={"in_custody": True})
    assert "record_request" not in obligation_kinds(decide("la", req))


def test_best_efforts_to_support_federal_enforcement() -> None:
    """R.S. 33:83(A): a law enforcement agency "shall use best efforts to support the enforcement of federal
    immigration law" - encoded as a permission to assist."""
    d = decide("la", request("2025-01-10", "us/la/caddo-parish", "police", "assist_operation",
                             requester={"agency": "ice"}))
    assert basis_entry(d, "us/la", "law-enforcement-may-support-enforcement")["citation"] == "La. R.S. 33:83(A)"
    assert d["outcome"] == "allowed"
