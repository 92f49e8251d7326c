"""Scenario tests for Texas (library/us/tx.yaml): SB 4 (2017) and SB 8 (2025).

Each test names the provision it checks. Local limiting policies are exercised with the FICTIONAL
``us/tx/fixture-county`` (tests/law/fixtures/anti_sanctuary/us/tx/fixture-county.yaml).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.law._rules_subset import basis_entry, engine, obligation_kinds, rules_in_basis

REAL = ("us.yaml", "us/tx.yaml")
COUNTY = ("us/tx/fixture-county.yaml",)


def decide(request: dict[str, Any], *, fixture: bool = False) -> dict[str, Any]:
    eng = engine(*REAL, fixtures=COUNTY if fixture else ())
    return eng.decide(request).to_dict()


def detainer_request(date: str, jurisdiction: str = "us/tx/travis-county", *, kind: str = "jail",
                     action: str = "hold", **subject: Any) -> dict[str, Any]:
    return {
        "date": date,
        "agency": {"jurisdiction": jurisdiction, "kind": kind},
        "action": action,
        "requester": {"agency": "ice", "purpose": "civil_immigration"},
        "instrument": {"type": "detainer", "signed_by": "immigration_officer", "accompanied_by": ["admin_warrant"]},
        "subject": {"in_custody": True, **subject},
    }


def test_travis_county_jail_must_honour_ice_detainer() -> None:
    """Tex. Code Crim. Proc. art. 2A.060 (former art. 2.251(a)): a county with no file of its own is decided by
    Texas; the hold is required and the person must be told."""
    d = decide(detainer_request("2026-03-01"))
    assert d["outcome"] == "required"
    assert d["decided_by"] == {"jurisdiction": "us/tx", "rule": "detainer-compliance-mandatory-2a060",
                               "citation": "Tex. Code Crim. Proc. art. 2A.060"}
    assert "notify_subject" in obligation_kinds(d)
    assert basis_entry(d, "us/tx", "detainer-compliance-mandatory-2a060")["status"] == "applied"
    assert basis_entry(d, "us", "hold-is-a-new-seizure")["status"] == "overridden"
    layers = {layer["jurisdiction"]: layer["has_policy"] for layer in d["layers"]}
    assert layers == {"us": True, "us/tx": True, "us/tx/travis-county": False}


def test_release_notification_on_detainer_is_required_too() -> None:
    """Art. 2A.060: "comply with, honor, and fulfill any request made in the detainer request" covers the
    request to notify ICE before release."""
    d = decide(detainer_request("2026-03-01", action="notify_release"))
    assert d["outcome"] == "required"
    assert d["decided_by"]["rule"] == "detainer-compliance-mandatory-2a060"


def test_city_police_lockup_is_covered() -> None:
    """Art. 2A.060 binds every "law enforcement agency" with custody, not only sheriffs' jails."""
    d = decide(detainer_request("2026-03-01", "us/tx/austin", kind="police"))
    assert d["outcome"] == "required"
    assert "notify_subject" in obligation_kinds(d)


@pytest.mark.parametrize(("date", "rule", "citation"), [
    ("2024-12-31", "detainer-compliance-mandatory", "Tex. Code Crim. Proc. art. 2.251(a)"),
    ("2025-01-01", "detainer-compliance-mandatory-2a060", "Tex. Code Crim. Proc. art. 2A.060"),
])
def test_citation_switches_from_art_2_251_to_art_2a_060(date: str, rule: str, citation: str) -> None:
    """Art. 2.251 was renumbered art. 2A.060 from 2025-01-01 (Gov't Code § 752.053(a)(3) cites each in turn)."""
    d = decide(detainer_request(date))
    assert d["outcome"] == "required"
    assert d["decided_by"]["rule"] == rule
    assert d["decided_by"]["citation"] == citation
    other = {"detainer-compliance-mandatory", "detainer-compliance-mandatory-2a060"} - {rule}
    assert not (rules_in_basis(d, "us/tx") & other)
    assert [o["citation"] for o in d["obligations"] if o["kind"] == "notify_subject"] == [
        "Tex. Code Crim. Proc. art. 2.251(a)(2)" if rule == "detainer-compliance-mandatory"
        else "Tex. Code Crim. Proc. art. 2A.060"]


def test_sb4_not_in_force_on_2017_08_31() -> None:
    """SB 4 took effect 2017-09-01: the day before, only the federal layer speaks (a detainer is a request, and
    a hold on it alone is a new seizure: the liberty baseline, issue 7)."""
    d = decide(detainer_request("2017-08-31"))
    assert d["outcome"] == "forbidden"
    assert d["decided_by"]["jurisdiction"] == "us"
    assert rules_in_basis(d, "us/tx") == set()
    assert "notify_subject" not in obligation_kinds(d)


def test_sb4_in_force_on_2017_09_01() -> None:
    """Art. 2.251(a) applies from its effective date, 2017-09-01."""
    d = decide(detainer_request("2017-09-01"))
    assert d["outcome"] == "required"
    assert d["decided_by"]["rule"] == "detainer-compliance-mandatory"
    assert d["decided_by"]["citation"] == "Tex. Code Crim. Proc. art. 2.251(a)"


def test_proof_of_lawful_status_lifts_the_duty() -> None:
    """Art. 2.251(b) / 2A.060: no duty for a person who showed proof of citizenship or lawful status; the hold is
    then merely allowed and the notify-the-person duty does not attach."""
    d = decide(detainer_request("2026-03-01", proof_of_lawful_status=True))
    assert d["outcome"] == "allowed"
    assert d["decided_by"]["rule"] == "detainer-proof-of-lawful-status-2a060"
    assert basis_entry(d, "us/tx", "detainer-compliance-mandatory-2a060")["status"] == "overridden"
    assert "notify_subject" not in obligation_kinds(d)


def test_proof_of_lawful_status_under_art_2_251_b() -> None:
    """Art. 2.251(b) (before 2025)."""
    d = decide(detainer_request("2020-05-05", proof_of_lawful_status=True))
    assert d["outcome"] == "allowed"
    assert d["decided_by"] == {"jurisdiction": "us/tx", "rule": "detainer-proof-of-lawful-status",
                               "citation": "Tex. Code Crim. Proc. art. 2.251(b)"}


def test_custody_is_implied_by_a_hold_request() -> None:
    """Art. 2A.060 applies to an agency that "has custody of" the person; a hold request concerns a person in
    custody by definition (docs/semantics.md §4.2), so the duty applies and the explanation says so."""
    request = detainer_request("2026-03-01")
    del request["subject"]["in_custody"]
    d = decide(request)
    assert d["outcome"] == "required"
    assert "subject.in_custody" in d["assumed"]
    assert "the person is in the agency's custody" in d["explanation"]


def test_detainer_from_cbp_is_not_covered_by_art_2a060() -> None:
    """Art. 2A.060 speaks of detainer requests "issued by United States Immigration and Customs Enforcement"."""
    request = detainer_request("2026-03-01")
    request["requester"]["agency"] = "cbp"
    d = decide(request)
    assert d["outcome"] == "forbidden"  # Texas is silent: the federal liberty baseline decides (issue 7)
    assert rules_in_basis(d, "us/tx") == set()


def test_county_policy_against_holds_is_void() -> None:
    """Gov't Code § 752.053(a)(1), (a)(3): a county rule forbidding detainer holds is void; the hold is required
    and the person must be told (the contract's Texas example)."""
    d = decide(detainer_request("2026-03-01", "us/tx/fixture-county"), fixture=True)
    assert d["outcome"] == "required"
    assert d["decided_by"]["rule"] == "detainer-compliance-mandatory-2a060"
    assert basis_entry(d, "us/tx/fixture-county", "no-detainer-holds")["status"] == "void"
    pre = basis_entry(d, "us/tx", "void-limits-on-detainers")
    assert (pre["effect"], pre["status"]) == ("preempt", "applied")
    assert "notify_subject" in obligation_kinds(d)
    void = [c for c in d["conflicts"] if c.get("status") == "void"]
    assert void and void[0]["contested"] is True
    assert "City of El Cenizo v. Texas, 890 F.3d 164 (5th Cir. 2018)" in void[0]["cases"]


def test_county_policy_against_holds_stands_before_sb4() -> None:
    """Before 2017-09-01 nothing in Texas law voided a county's own limit on detainer holds."""
    d = decide(detainer_request("2017-08-31", "us/tx/fixture-county"), fixture=True)
    assert d["outcome"] == "forbidden"
    assert d["decided_by"] == {"jurisdiction": "us/tx/fixture-county", "rule": "no-detainer-holds",
                               "citation": "Fixture County Order 1, § 1 (fictional)"}


def test_county_ban_on_status_questions_at_booking_is_void() -> None:
    """§ 752.053(b)(1): officers may ask the status of a person under arrest; a county ban is void."""
    d = decide({"date": "2026-03-01", "agency": {"jurisdiction": "us/tx/fixture-county", "kind": "jail"},
                "action": "inquire", "data": ["immigration_status"], "context": "booking"}, fixture=True)
    assert d["outcome"] == "allowed"
    assert d["decided_by"] == {"jurisdiction": "us/tx", "rule": "officers-may-inquire-status",
                               "citation": "Tex. Gov't Code § 752.053(b)(1)"}
    assert basis_entry(d, "us/tx/fixture-county", "no-status-questions")["status"] == "void"


def test_county_ban_on_status_questions_needs_the_context() -> None:
    """§ 752.053(b)(1) protects questions to persons under lawful detention or arrest only: without the
    context the county ban may or may not be void."""
    d = decide({"date": "2026-03-01", "agency": {"jurisdiction": "us/tx/fixture-county", "kind": "police"},
                "action": "inquire", "data": ["immigration_status"]}, fixture=True)
    assert d["outcome"] == "undetermined"
    assert "context" in d["missing_facts"]


def test_county_ban_on_ice_jail_access_is_void() -> None:
    """§ 752.053(b)(4): a jail may let federal immigration officers in; a county ban is void."""
    d = decide({"date": "2026-03-01", "agency": {"jurisdiction": "us/tx/fixture-county", "kind": "jail"},
                "action": "grant_access", "requester": {"agency": "ice"}, "location": "non_public_area"},
               fixture=True)
    assert d["outcome"] == "allowed"
    assert d["decided_by"]["rule"] == "jail-access-for-federal-officers"
    assert basis_entry(d, "us/tx/fixture-county", "no-ice-in-jail")["status"] == "void"
    assert basis_entry(d, "us/tx", "void-limits-on-jail-access")["effect"] == "preempt"


def test_county_ban_on_transfers_is_void_as_a_material_limit() -> None:
    """§ 752.053(a)(1)-(2) (secondary reading: a ban on transfers to ICE materially limits enforcement)."""
    d = decide({"date": "2026-03-01", "agency": {"jurisdiction": "us/tx/fixture-county", "kind": "jail"},
                "action": "transfer", "requester": {"agency": "ice"}, "instrument": {"type": "detainer"},
                "subject": {"in_custody": True}},
               fixture=True)
    assert d["outcome"] == "allowed"
    assert d["decided_by"] is None
    assert basis_entry(d, "us/tx/fixture-county", "no-ice-in-jail")["status"] == "void"
    pre = basis_entry(d, "us/tx", "void-other-material-limits")
    assert pre["confidence"] == "secondary"


def test_county_ban_on_sharing_status_with_ice_is_void() -> None:
    """§ 752.053(b)(2) (and 8 U.S.C. § 1373): a county ban on sending status information to ICE is void."""
    d = decide({"date": "2026-03-01", "agency": {"jurisdiction": "us/tx/fixture-county", "kind": "police"},
                "action": "disclose", "requester": {"agency": "ice"}, "data": ["immigration_status"]},
               fixture=True)
    assert d["outcome"] == "allowed"
    assert basis_entry(d, "us/tx/fixture-county", "no-status-sharing")["status"] == "void"


def test_sheriff_must_seek_287g_agreement_from_2026() -> None:
    """SB 8 (2025), Gov't Code § 753.051(a) (read in the enrolled text): from 2026-01-01 a sheriff who runs a jail
    must request and enter a 287(g) agreement; the yearly report rests on summaries (secondary duty)."""
    before = decide({"date": "2025-12-31", "agency": {"jurisdiction": "us/tx/harris-county", "kind": "jail"},
                     "action": "enter_agreement"})
    assert before["outcome"] == "allowed"
    assert rules_in_basis(before, "us/tx") == set()
    after = decide({"date": "2026-01-01", "agency": {"jurisdiction": "us/tx/harris-county", "kind": "jail"},
                    "action": "enter_agreement"})
    assert after["outcome"] == "required"
    assert after["decided_by"]["rule"] == "sheriff-287g-agreement-required"
    assert after["decided_by"]["citation"] == "Tex. Gov't Code § 753.051(a)"
    assert basis_entry(after, "us/tx", "sheriff-287g-agreement-required")["confidence"] == "primary"
    report = basis_entry(after, "us/tx", "sheriff-287g-yearly-request-and-report")
    assert (report["effect"], report["confidence"]) == ("duty", "secondary")
    assert "report" in obligation_kinds(after)


def test_county_ban_on_287g_is_overridden_then_void() -> None:
    """Gov't Code ch. 753: a county order against 287(g) stands in 2025, is void from 2026-01-01."""
    request = {"agency": {"jurisdiction": "us/tx/fixture-county", "kind": "jail"}, "action": "enter_agreement"}
    before = decide({"date": "2025-06-01", **request}, fixture=True)
    assert before["outcome"] == "forbidden"
    assert before["decided_by"]["rule"] == "no-287g"
    after = decide({"date": "2026-06-01", **request}, fixture=True)
    assert after["outcome"] == "required"
    assert basis_entry(after, "us/tx/fixture-county", "no-287g")["status"] == "void"
