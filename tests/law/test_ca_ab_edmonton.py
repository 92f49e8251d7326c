"""Scenario tests for Edmonton (library/ca/ab/edmonton.yaml): Access without Fear to Municipal Services (2018)."""

from __future__ import annotations

from typing import Any

from tests.law._rules_subset import basis_entry, engine, rules_in_basis

REAL = ("ca.yaml", "ca/ab.yaml", "ca/ab/edmonton.yaml")


def decide(request: dict[str, Any]) -> dict[str, Any]:
    return engine(*REAL).decide(request).to_dict()


def pass_application(date: str = "2026-03-01", action: str = "condition_service", **extra: Any) -> dict[str, Any]:
    request: dict[str, Any] = {"date": date, "agency": {"jurisdiction": "ca/ab/edmonton", "kind": "city_agency"},
                               "action": action, "data": ["immigration_document"], "instrument": {"type": "none"}}
    request.update(extra)
    return request


def test_transit_pass_without_proof_of_status() -> None:
    """Access without Fear policy (18 Sep 2018, secondary): passes and similar services do not depend on proof of
    immigration status."""
    d = decide(pass_application())
    assert d["outcome"] == "forbidden"
    assert d["decided_by"]["rule"] == "no-proof-of-status-for-services"
    assert basis_entry(d, "ca/ab/edmonton", "no-proof-of-status-for-services")["confidence"] == "secondary"


def test_policy_dates_from_18_september_2018() -> None:
    """Adopted by council on 18 Sep 2018."""
    assert rules_in_basis(decide(pass_application("2018-09-17")), "ca/ab/edmonton") == set()
    assert decide(pass_application("2018-09-18"))["outcome"] == "forbidden"


def test_status_question_is_unverified() -> None:
    """The "don't ask" reading of the policy is inferred, so the rule is marked unverified."""
    d = decide(pass_application(action="inquire", data=["immigration_status"], context="benefits_eligibility"))
    assert d["outcome"] == "forbidden"
    assert basis_entry(d, "ca/ab/edmonton", "no-status-questions-for-services")["confidence"] == "unverified"


def test_edmonton_police_not_covered() -> None:
    """The policy does not bind the Edmonton Police Service."""
    d = decide({"date": "2026-03-01", "agency": {"jurisdiction": "ca/ab/edmonton", "kind": "police"},
                "action": "inquire", "data": ["immigration_status"], "context": "victim_or_witness"})
    assert rules_in_basis(d, "ca/ab/edmonton") == set()
