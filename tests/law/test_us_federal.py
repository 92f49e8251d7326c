"""Scenario tests for the federal baselines of library/us.yaml (issue 7), each naming the section it checks.

Decided against the federal file with Texas and Florida only, so that the baselines are seen where a state is
silent (Kansas, Wyoming: no file here) and where a state requires holds (Texas, Florida).
"""

from __future__ import annotations

from typing import Any

from sanctuary.engine import Engine
from tests.law._library import obligation_kinds, request, subset_engine

ICE = {"agency": "ice", "purpose": "civil_immigration"}
DETAINER = {"type": "detainer", "signed_by": "immigration_officer", "accompanied_by": ["admin_warrant"]}
_ENGINE: list[Engine] = []


def decide(raw: dict[str, Any]) -> dict[str, Any]:
    if not _ENGINE:
        _ENGINE.append(subset_engine(("us.yaml", "us/tx.yaml", "us/fl.yaml")))
    out: dict[str, Any] = _ENGINE[0].decide(raw).to_dict()
    return out


def decided(d: dict[str, Any]) -> tuple[str, str] | None:
    return (d["decided_by"]["jurisdiction"], d["decided_by"]["rule"]) if d["decided_by"] else None


# -- Liberty: 8 C.F.R. § 287.7; U.S. Const. amend. IV (Miranda-Olivares; Morales v. Chadbourne) -------------------
def test_hold_where_the_state_is_silent_is_forbidden_with_counsel() -> None:
    """U.S. Const. amend. IV; Morales v. Chadbourne, 793 F.3d 208 (1st Cir. 2015): no state law on holds (Kansas)."""
    d = decide(request("2026-03-01", "us/ks/sedgwick-county", "jail", "hold", requester=ICE, instrument=DETAINER))
    assert d["outcome"] == "forbidden" and d["coverage"] == "rule"
    assert decided(d) == ("us", "hold-is-a-new-seizure")
    assert "escalate_to_counsel" in obligation_kinds(d)
    assert [layer["jurisdiction"] for layer in d["layers"] if layer["has_policy"]] == ["us"]


def test_hold_with_a_judges_warrant_is_not_barred_by_the_baseline() -> None:
    """U.S. Const. amend. IV: a judicial warrant or a judge's probable-cause finding answers the seizure objection."""
    for instrument in ({"type": "judicial_warrant", "signed_by": "federal_judge"},
                       {**DETAINER, "accompanied_by": ["judicial_warrant"]},
                       {**DETAINER, "probable_cause_finding": True}):
        d = decide(request("2026-03-01", "us/ks", "jail", "hold", requester=ICE, instrument=instrument))
        assert d["outcome"] == "allowed" and decided(d) == ("us", "hold-on-judicial-probable-cause"), instrument
        assert "limit_hold_duration" in obligation_kinds(d) or instrument["type"] != "detainer"


def test_texas_mandate_displaces_the_federal_baseline() -> None:
    """Tex. Code Crim. Proc. art. 2A.060; City of El Cenizo v. Texas, 890 F.3d 164 (5th Cir. 2018): required."""
    d = decide(request("2026-03-01", "us/tx/travis-county", "jail", "hold", requester=ICE, instrument=DETAINER,
                       subject={"in_custody": True}))
    assert d["outcome"] == "required"
    assert decided(d) == ("us/tx", "detainer-compliance-mandatory-2a060")
    baseline = next(b for b in d["basis"] if b["rule"] == "hold-is-a-new-seizure")
    assert baseline["status"] == "overridden"
    assert any(c["rule"]["rule"] == "hold-is-a-new-seizure" and "baseline" in c["resolution"]
               for c in d["conflicts"])
    assert "limit_hold_duration" in obligation_kinds(d)


def test_florida_mandate_displaces_the_federal_baseline() -> None:
    """Fla. Stat. § 908.105 (detainer with a warrant): required; the day before SB 168, the baseline decided."""
    raw = request("2026-03-01", "us/fl/broward-county", "jail", "hold", requester=ICE,
                  instrument={"type": "detainer", "signed_by": "immigration_officer",
                              "accompanied_by": ["admin_warrant"]}, subject={"in_custody": True})
    assert decide(raw)["outcome"] == "required"
    assert decided(decide({**raw, "date": "2019-06-30"})) == ("us", "hold-is-a-new-seizure")


def test_release_notification_stays_a_federal_permission() -> None:
    """8 C.F.R. § 287.7(a): the detainer asks for notice before release; federal law neither compels nor bars it."""
    d = decide(request("2026-03-01", "us/ks", "jail", "notify_release", requester=ICE, instrument=DETAINER))
    assert d["outcome"] == "allowed" and decided(d) == ("us", "detainer-is-a-request")


# -- Judicial process: 18 U.S.C. § 1071; U.S. Const. art. VI, cl. 2 ------------------------------------------------
def test_judges_warrant_means_comply_and_do_not_obstruct() -> None:
    """U.S. Const. art. VI, cl. 2; 18 U.S.C. § 1071: a judge-signed warrant for access is to be complied with."""
    d = decide(request("2026-03-01", "us/ks/wichita", "police", "grant_access",
                       requester={"agency": "federal_law_enforcement", "purpose": "criminal_investigation"},
                       instrument={"type": "judicial_warrant", "signed_by": "federal_judge"}))
    assert d["outcome"] == "required"
    assert {"do_not_obstruct", "escalate_to_counsel"} <= obligation_kinds(d)


def test_administrative_warrant_is_not_judicial_process() -> None:
    """The baseline covers judge-signed papers only: an I-200 signed by an immigration officer is silence here."""
    d = decide(request("2026-03-01", "us/ks/wichita", "police", "grant_access", requester=ICE,
                       instrument={"type": "admin_warrant", "signed_by": "immigration_officer"}))
    assert d["outcome"] == "allowed" and d["coverage"] == "none"
    assert "do_not_obstruct" not in obligation_kinds(d)


# -- Schools: Plyler v. Doe; FERPA (20 U.S.C. § 1232g; 34 C.F.R. §§ 99.30-99.31) --------------------------------------
def test_plyler_forbids_conditioning_schooling_on_status() -> None:
    """Plyler v. Doe, 457 U.S. 202 (1982)."""
    d = decide(request("2026-03-01", "us/ks", "school", "condition_service"))
    assert d["outcome"] == "forbidden" and decided(d) == ("us", "no-status-condition-on-schooling")


def test_ferpa_education_records_need_consent_or_a_judge() -> None:
    """34 C.F.R. §§ 99.30, 99.31(a)(9): consent, or a judicial order or subpoena with notice to the parent first."""
    base = request("2026-03-01", "us/ks", "school", "disclose", requester=ICE, data=["education_record"],
                   instrument={"type": "admin_subpoena", "signed_by": "immigration_officer"})
    assert decide(base)["outcome"] == "forbidden"
    assert decided(decide(base)) == ("us", "ferpa-no-records-without-consent")
    consent = decide({**base, "subject": {"written_consent": True}})
    assert consent["outcome"] == "allowed" and decided(consent) == ("us", "ferpa-written-consent")
    order = decide({**base, "instrument": {"type": "court_order", "signed_by": "state_judge"}})
    assert order["outcome"] == "allowed" and decided(order) == ("us", "ferpa-judicial-order-or-subpoena")
    assert "notify_parent_or_student" in obligation_kinds(order)


# -- Health: HIPAA, 45 C.F.R. §§ 164.502, 164.512(f) -----------------------------------------------------------------
def test_hipaa_no_phi_to_ice_without_process() -> None:
    """45 C.F.R. § 164.512(f)(1): without a court order, warrant, subpoena or qualifying administrative request, the
    disclosure is forbidden."""
    base = request("2026-03-01", "us/ks", "health_facility", "disclose", requester=ICE, data=["address"],
                   instrument={"type": "none"})
    d = decide(base)
    assert d["outcome"] == "forbidden" and decided(d) == ("us", "hipaa-no-phi-to-law-enforcement")
    warrant = decide({**base, "instrument": {"type": "judicial_warrant", "signed_by": "federal_judge"}})
    assert warrant["outcome"] == "allowed" and decided(warrant) == ("us", "hipaa-judicial-process")
    admin = decide({**base, "instrument": {"type": "admin_subpoena", "signed_by": "immigration_officer"}})
    assert admin["outcome"] == "allowed" and "escalate_to_counsel" in obligation_kinds(admin)


def test_hipaa_status_alone_is_the_1373_permission() -> None:
    """8 U.S.C. § 1373: status information is not PHI in this encoding; health data with it is split item by item."""
    d = decide(request("2026-03-01", "us/ks", "health_facility", "disclose", requester=ICE,
                       data=["immigration_status", "health"], instrument={"type": "none"}))
    assert d["outcome"] == "forbidden"
    assert d["by_data"] == {"immigration_status": "allowed", "health": "forbidden"}


# -- Employers: 8 C.F.R. § 274a.2(b)(2)(ii) -------------------------------------------------------------------------
def test_i9_inspection_on_notice_is_required() -> None:
    """8 U.S.C. § 1324a(b)(3); 8 C.F.R. § 274a.2(b)(2)(ii): Forms I-9 on three business days' notice."""
    d = decide(request("2026-03-01", "us/ks", "city_agency", "disclose", requester=ICE,
                       data=["immigration_document"], instrument={"type": "notice_of_inspection"}))
    assert d["outcome"] == "required" and decided(d) == ("us", "i9-inspection-on-notice")
    deadlines = [o.get("deadline", "") for o in d["obligations"]]
    assert any("three business days" in x for x in deadlines)


# -- Silence is not permission (issue 7 §1) ----------------------------------------------------------------------------
def test_kansas_library_interview_is_no_encoded_law() -> None:
    """No rule of any layer: coverage none, the agency's discretion, and counsel for an interview in custody."""
    d = decide(request("2026-03-01", "us/ks", "library", "interview", requester=ICE, instrument={"type": "none"},
                       subject={"in_custody": True}))
    assert d["outcome"] == "allowed" and d["decided_by"] is None and d["coverage"] == "none"
    assert d["explanation"].startswith("No encoded law")
    assert "escalate_to_counsel" in obligation_kinds(d)
