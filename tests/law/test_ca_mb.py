"""Scenario tests for Manitoba (library/ca/mb.yaml): FIPPA, C.C.S.M. c. F175, s. 44."""

from __future__ import annotations

from tests.law._provinces import disclose
from tests.law._rules_subset import basis_entry

FILES = ("ca.yaml", "ca/mb.yaml")
CITY = "ca/mb/winnipeg"


def test_winnipeg_police_refuse_an_informal_cbsa_request() -> None:
    """s. 44(1) (described, not read): disclosure only as listed; local public bodies include the police service."""
    d = disclose(FILES, CITY, kind="police")
    assert d["outcome"] == "forbidden"
    assert basis_entry(d, "ca/mb", "disclosure-only-as-permitted")["confidence"] == "secondary"


def test_exceptions_are_unverified() -> None:
    """s. 44(1) clauses not read: consent and court process are unverified exceptions."""
    d = disclose(FILES, CITY, subject={"written_consent": True})
    assert basis_entry(d, "ca/mb", "disclosure-with-consent")["confidence"] == "unverified"
    d = disclose(FILES, CITY, instrument="court_order")
    assert (d["outcome"], d["decided_by"]["rule"]) == ("allowed", "disclosure-to-comply-with-court-process")
