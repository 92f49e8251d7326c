"""Scenario tests for London, Ontario (library/ca/on/london.yaml): declared intent (30 Jan 2017), never adopted."""

from __future__ import annotations

from tests.law._rules_subset import engine, rules_in_basis

REAL = ("ca.yaml", "ca/on.yaml", "ca/on/london.yaml")


def test_london_declared_but_not_in_force() -> None:
    """Council vote of 30 Jan 2017 never became a policy: the layer is declared_not_in_force and adds no rule."""
    d = engine(*REAL).decide({
        "date": "2026-03-01", "agency": {"jurisdiction": "ca/on/london", "kind": "city_agency"},
        "action": "inquire", "data": ["immigration_status"], "context": "service_delivery",
        "instrument": {"type": "none"}}).to_dict()
    layer = next(x for x in d["layers"] if x["jurisdiction"] == "ca/on/london")
    assert layer["status"] == "declared_not_in_force"
    assert layer["has_policy"] is False
    assert rules_in_basis(d, "ca/on/london") == set()
    assert d["outcome"] == "allowed"
    assert d["decided_by"] is None


def test_london_disclosure_falls_to_mfippa() -> None:
    """With no London rule, MFIPPA s. 32 decides a disclosure to the public."""
    d = engine(*REAL).decide({
        "date": "2026-03-01", "agency": {"jurisdiction": "ca/on/london", "kind": "city_agency"},
        "action": "disclose", "data": ["immigration_status"], "requester": {"agency": "public", "purpose": "other"},
        "instrument": {"type": "none"}}).to_dict()
    assert d["outcome"] == "forbidden"
    assert d["decided_by"]["jurisdiction"] == "ca/on"
