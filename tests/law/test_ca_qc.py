"""Scenario tests for Quebec (library/ca/qc.yaml): CQLR c. A-2.1, s. 59 (version of 2017-03-03).

Quebec City has no file of its own, so its agencies are decided by Quebec (and Canada).
"""

from __future__ import annotations

from typing import Any

from tests.law._rules_subset import basis_entry, engine

REAL = ("ca.yaml", "ca/qc.yaml")


def decide(**extra: Any) -> dict[str, Any]:
    request: dict[str, Any] = {"date": "2026-03-01", "agency": {"jurisdiction": "ca/qc/quebec", "kind": "housing"},
                               "action": "disclose", "data": ["address"], "instrument": {"type": "none"}}
    request.update(extra)
    return engine(*REAL).decide(request).to_dict()


def test_no_disclosure_without_consent() -> None:
    """A-2.1 s. 59 para. 1: a public body may not communicate personal information without consent."""
    d = decide(requester={"agency": "cbsa", "purpose": "civil_immigration"})
    assert d["outcome"] == "forbidden"
    assert d["decided_by"] == {"jurisdiction": "ca/qc", "rule": "no-disclosure-without-consent",
                               "citation": "CQLR c. A-2.1, s. 59 para. 1"}


def test_consent_allows_disclosure() -> None:
    """A-2.1 s. 59 para. 1 (consent of the person concerned)."""
    d = decide(requester={"agency": "cbsa", "purpose": "civil_immigration"}, subject={"written_consent": True})
    assert d["outcome"] == "allowed"
    assert d["decided_by"]["rule"] == "disclosure-with-consent"


def test_prosecution_of_an_offence() -> None:
    """A-2.1 s. 59 para. 2(3): to a body charged with preventing, detecting or repressing crime, for a
    prosecution."""
    d = decide(requester={"agency": "local_law_enforcement", "purpose": "criminal_investigation"})
    assert d["outcome"] == "allowed"
    assert d["decided_by"]["citation"] == "CQLR c. A-2.1, s. 59 para. 2(3)"


def test_statutory_disclosure_is_an_unverified_placeholder() -> None:
    """A-2.1 s. 59 para. 2(8) with ss. 61, 66-68.1 (not read): marked unverified."""
    d = decide(requester={"agency": "cbsa", "purpose": "civil_immigration"}, instrument={"type": "statute"})
    assert d["outcome"] == "allowed"
    assert basis_entry(d, "ca/qc", "disclosure-under-other-provisions")["confidence"] == "unverified"
