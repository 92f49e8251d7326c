"""Scenario tests for British Columbia (library/ca/bc.yaml): FIPPA, R.S.B.C. 1996, c. 165, s. 33.

Surrey has no file of its own, so its agencies are decided by British Columbia (and Canada).
"""

from __future__ import annotations

from typing import Any

from tests.law._rules_subset import basis_entry, engine

REAL = ("ca.yaml", "ca/bc.yaml")


def decide(**extra: Any) -> dict[str, Any]:
    request: dict[str, Any] = {"date": "2026-03-01", "agency": {"jurisdiction": "ca/bc/surrey", "kind": "city_agency"},
                               "action": "disclose", "data": ["address"], "instrument": {"type": "none"}}
    request.update(extra)
    return engine(*REAL).decide(request).to_dict()


def test_disclosure_only_as_permitted() -> None:
    """FIPPA s. 33(1)."""
    d = decide(requester={"agency": "cbsa", "purpose": "civil_immigration"})
    assert d["outcome"] == "forbidden"
    assert d["decided_by"]["citation"] == "FIPPA, R.S.B.C. 1996, c. 165, s. 33(1)"


def test_consent() -> None:
    """FIPPA s. 33(2)(c)."""
    d = decide(requester={"agency": "cbsa", "purpose": "civil_immigration"}, subject={"written_consent": True})
    assert d["outcome"] == "allowed"
    assert d["decided_by"]["citation"] == "FIPPA, R.S.B.C. 1996, c. 165, s. 33(2)(c)"


def test_court_order() -> None:
    """FIPPA s. 33 (court process; paragraph letter not verified, secondary)."""
    d = decide(requester={"agency": "cbsa", "purpose": "civil_immigration"}, instrument={"type": "court_order"})
    assert d["outcome"] == "allowed"
    assert basis_entry(d, "ca/bc", "disclosure-to-comply-with-court-process")["confidence"] == "secondary"


def test_law_enforcement_investigation_is_unverified() -> None:
    """FIPPA s. 33 (law enforcement investigation; paragraph not read, unverified)."""
    d = decide(requester={"agency": "state_law_enforcement", "purpose": "criminal_investigation"})
    assert d["outcome"] == "allowed"
    assert basis_entry(d, "ca/bc", "disclosure-to-law-enforcement")["confidence"] == "unverified"


def test_collection_carries_the_section_27_notice() -> None:
    """FIPPA s. 27(2): the person is told the purpose, the legal authority and whom to ask."""
    d = decide(action="collect", requester=None)
    entry = basis_entry(d, "ca/bc", "notice-at-collection")
    assert (entry["confidence"], entry["citation"]) == ("primary", "FIPPA, R.S.B.C. 1996, c. 165, s. 27(2)")
    assert any(o["kind"] == "notify_subject" for o in d["obligations"])


def test_no_collection_notice_for_a_disclosure() -> None:
    """FIPPA s. 27(2) concerns collecting, not disclosing."""
    d = decide(requester={"agency": "cbsa", "purpose": "civil_immigration"})
    assert all(e["rule"] != "notice-at-collection" for e in d["basis"])


def test_ice_request_is_a_foreign_demand_to_report() -> None:
    """FIPPA s. 30.2(2): a request from an agency of a foreign state for a disclosure FIPPA does not authorize must be
    reported immediately to the minister responsible for the Act."""
    d = decide(requester={"agency": "ice", "purpose": "civil_immigration"})
    assert d["outcome"] == "forbidden"
    entry = basis_entry(d, "ca/bc", "report-foreign-demand-for-disclosure")
    assert (entry["confidence"], entry["citation"]) == ("primary", "FIPPA, R.S.B.C. 1996, c. 165, s. 30.2(2)")
    report = next(o for o in d["obligations"] if o["kind"] == "report")
    assert report["citation"] == "FIPPA, R.S.B.C. 1996, c. 165, s. 30.2(2)"
    assert report["deadline"] == "immediately"


def test_authorized_disclosure_is_not_a_foreign_demand() -> None:
    """FIPPA s. 30.2(1): only a demand for an unauthorized disclosure must be reported; with the person's consent
    (s. 33(2)(c)) the disclosure is authorized and nothing is reported."""
    d = decide(requester={"agency": "ice", "purpose": "civil_immigration"}, subject={"written_consent": True})
    assert d["outcome"] == "allowed"
    assert not any(o["kind"] == "report" for o in d["obligations"])


def test_cbsa_is_not_a_foreign_authority() -> None:
    """FIPPA s. 30.2(1) is about authorities outside Canada: a refused CBSA request is not reported under it."""
    d = decide(requester={"agency": "cbsa", "purpose": "civil_immigration"})
    assert d["outcome"] == "forbidden"
    assert all(e["rule"] != "report-foreign-demand-for-disclosure" for e in d["basis"])
