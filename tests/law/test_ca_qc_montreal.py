"""Scenario tests for Montréal (library/ca/qc/montreal.yaml): ville sanctuaire declaration, 20 Feb 2017."""

from __future__ import annotations

from typing import Any

from tests.law._rules_subset import basis_entry, engine, rules_in_basis

REAL = ("ca.yaml", "ca/qc.yaml", "ca/qc/montreal.yaml")


def decide(request: dict[str, Any]) -> dict[str, Any]:
    return engine(*REAL).decide(request).to_dict()


def housing(date: str = "2026-03-01", instrument: str = "none") -> dict[str, Any]:
    return {"date": date, "agency": {"jurisdiction": "ca/qc/montreal", "kind": "housing"},
            "action": "condition_service", "data": ["immigration_status"], "instrument": {"type": instrument}}


def test_municipal_housing_not_conditioned_on_status() -> None:
    """Déclaration ville sanctuaire (20 Feb 2017, secondary): access to municipal programmes, particularly
    housing, regardless of status."""
    d = decide(housing())
    assert d["outcome"] == "forbidden"
    assert d["decided_by"]["rule"] == "access-to-municipal-services"
    assert basis_entry(d, "ca/qc/montreal", "access-to-municipal-services")["confidence"] == "secondary"


def test_declaration_dates_from_20_february_2017() -> None:
    """Adopted by council on 20 Feb 2017."""
    assert rules_in_basis(decide(housing("2017-02-19")), "ca/qc/montreal") == set()
    assert decide(housing("2017-02-20"))["outcome"] == "forbidden"


def test_provincial_condition_applies_unverified() -> None:
    """Exception marked unverified: where Quebec or federal law makes status a condition, that law applies."""
    d = decide(housing(instrument="statute"))
    assert d["outcome"] == "allowed"
    assert basis_entry(d, "ca/qc/montreal", "status-condition-required-by-law")["confidence"] == "unverified"


def test_no_montreal_police_rule() -> None:
    """The declaration only mandated an SPVM approach (with a criminal-order exclusion) that was not found."""
    d = decide({"date": "2026-03-01", "agency": {"jurisdiction": "ca/qc/montreal", "kind": "police"},
                "action": "disclose", "data": ["immigration_status"],
                "requester": {"agency": "cbsa", "purpose": "civil_immigration"}, "context": "victim_or_witness"})
    assert rules_in_basis(d, "ca/qc/montreal") == set()


def test_city_staff_disclosure_to_cbsa_falls_to_quebec_access_act() -> None:
    """A-2.1 s. 59 para. 1 decides a CBSA request to city housing staff: no disclosure without consent."""
    d = decide({"date": "2026-03-01", "agency": {"jurisdiction": "ca/qc/montreal", "kind": "housing"},
                "action": "disclose", "data": ["address"], "instrument": {"type": "none"},
                "requester": {"agency": "cbsa", "purpose": "civil_immigration"}})
    assert d["outcome"] == "forbidden"
    assert d["decided_by"]["jurisdiction"] == "ca/qc"
