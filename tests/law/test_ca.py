"""Scenario tests for Canada's federal layer (library/ca.yaml): IRPA s. 142(1)."""

from __future__ import annotations

from typing import Any

from tests.law._rules_subset import basis_entry, engine

REAL = ("ca.yaml", "ca/on.yaml", "ca/on/toronto.yaml", "ca/bc.yaml", "ca/bc/vancouver.yaml")


def decide(request: dict[str, Any]) -> dict[str, Any]:
    return engine(*REAL).decide(request).to_dict()


def irpa_arrest(jurisdiction: str, kind: str = "police", **extra: Any) -> dict[str, Any]:
    return {"date": "2026-03-01", "agency": {"jurisdiction": jurisdiction, "kind": kind}, "action": "arrest",
            "requester": {"agency": "cbsa", "purpose": "civil_immigration"}, "instrument": {"type": "irpa_warrant"},
            **extra}


def test_toronto_police_must_execute_irpa_warrant_when_directed() -> None:
    """IRPA s. 142(1): every peace officer executes an IRPA warrant when directed by an officer; Toronto's
    Access T.O. does not bind the police at all."""
    d = decide(irpa_arrest("ca/on/toronto"))
    assert d["outcome"] == "required"
    assert d["decided_by"] == {"jurisdiction": "ca", "rule": "peace-officers-execute-irpa-warrants",
                               "citation": "Immigration and Refugee Protection Act, S.C. 2001, c. 27, s. 142(1)"}
    assert basis_entry(d, "ca", "peace-officers-execute-irpa-warrants")["confidence"] == "primary"


def test_vancouver_police_guidelines_do_not_override_irpa_duty() -> None:
    """IRPA s. 142(1) outranks the Vancouver Police Board's victim/witness guidelines, which in any case cover
    questions and CBSA contact, not warrant execution."""
    d = decide(irpa_arrest("ca/bc/vancouver", context="victim_or_witness"))
    assert d["outcome"] == "required"
    assert d["decided_by"]["jurisdiction"] == "ca"


def test_without_an_irpa_warrant_there_is_no_federal_duty() -> None:
    """IRPA s. 142(1) is about warrants and written orders; an informal CBSA request creates no duty."""
    request = irpa_arrest("ca/on/toronto")
    request["instrument"] = {"type": "none"}
    d = decide(request)
    assert d["outcome"] != "required"
    assert all(b["jurisdiction"] != "ca" for b in d["basis"])


def test_city_shelter_is_not_a_peace_officer() -> None:
    """IRPA s. 142(1) binds peace officers; no federal rule makes shelter staff arrest anyone."""
    d = decide(irpa_arrest("ca/on/toronto", kind="shelter"))
    assert d["outcome"] == "allowed"
    assert d["decided_by"] is None
    assert d["basis"] == []
