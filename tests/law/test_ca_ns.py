"""Scenario tests for Nova Scotia (library/ca/ns.yaml): Municipal Government Act, Part XX."""

from __future__ import annotations

from tests.law._provinces import disclose
from tests.law._rules_subset import basis_entry

FILES = ("ca.yaml", "ca/ns.yaml")
CITY = "ca/ns/halifax"


def test_municipal_disclosure_limited() -> None:
    """MGA Part XX (s. 485, number not verified): a municipality may disclose personal information only as listed."""
    d = disclose(FILES, CITY, kind="housing")
    assert d["outcome"] == "forbidden"
    assert basis_entry(d, "ca/ns", "disclosure-only-as-permitted")["confidence"] == "secondary"


def test_enactment_exception_unverified() -> None:
    """s. 485 (clause not verified): an enactment of Nova Scotia or Canada."""
    d = disclose(FILES, CITY, instrument="statute")
    assert d["outcome"] == "allowed"
    assert basis_entry(d, "ca/ns", "disclosure-under-an-enactment")["confidence"] == "unverified"
