"""Scenario tests for Hamilton (library/ca/on/hamilton.yaml): council decision of 12 February 2014."""

from __future__ import annotations

from typing import Any

from tests.law._rules_subset import basis_entry, engine, rules_in_basis

REAL = ("ca.yaml", "ca/on.yaml", "ca/on/hamilton.yaml")


def decide(request: dict[str, Any]) -> dict[str, Any]:
    return engine(*REAL).decide(request).to_dict()


def question(date: str, kind: str = "city_agency", instrument: str = "none") -> dict[str, Any]:
    return {"date": date, "agency": {"jurisdiction": "ca/on/hamilton", "kind": kind}, "action": "inquire",
            "data": ["immigration_status"], "context": "service_delivery", "instrument": {"type": instrument}}


def test_staff_do_not_question_status() -> None:
    """Hamilton council, 12 Feb 2014 (secondary): staff do not question status when people use City services."""
    d = decide(question("2020-01-01"))
    assert d["outcome"] == "forbidden"
    assert d["decided_by"]["rule"] == "no-status-questions"
    assert basis_entry(d, "ca/on/hamilton", "no-status-questions")["confidence"] == "secondary"


def test_not_in_force_before_the_vote() -> None:
    """Adopted 12 Feb 2014."""
    assert rules_in_basis(decide(question("2014-02-11")), "ca/on/hamilton") == set()
    assert decide(question("2014-02-12"))["outcome"] == "forbidden"


def test_law_required_question_is_unverified_exception() -> None:
    """Exception encoded as unverified: a council guideline cannot displace a provincial or federal requirement."""
    d = decide(question("2020-01-01", instrument="statute"))
    assert d["outcome"] == "allowed"
    assert basis_entry(d, "ca/on/hamilton", "status-questions-required-by-law")["confidence"] == "unverified"


def test_police_not_covered() -> None:
    """The guidelines bind City services, not Hamilton Police Service."""
    assert rules_in_basis(decide(question("2020-01-01", kind="police")), "ca/on/hamilton") == set()


def test_intake_form_status_question_is_forbidden_too() -> None:
    """Review 2026-11-26: a status question on a City shelter's intake form (`collect`) is the same question in
    writing; before the fix it came out `allowed`."""
    req = question("2020-01-01", kind="shelter")
    req["action"] = "collect"
    d = decide(req)
    assert d["outcome"] == "forbidden"
    assert d["decided_by"]["rule"] == "no-status-questions"
