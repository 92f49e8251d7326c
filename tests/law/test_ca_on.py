"""Scenario tests for Ontario (library/ca/on.yaml): MFIPPA, R.S.O. 1990, c. M.56, s. 32.

Ottawa has no file of its own, so its city agencies are decided by Ontario (and Canada).
"""

from __future__ import annotations

from typing import Any

from tests.law._provinces import disclose
from tests.law._rules_subset import basis_entry, engine

REAL = ("ca.yaml", "ca/on.yaml")


def decide(request: dict[str, Any]) -> dict[str, Any]:
    return engine(*REAL).decide(request).to_dict()


def disclosure(kind: str = "social_services", **extra: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"date": "2026-03-01", "agency": {"jurisdiction": "ca/on/ottawa", "kind": kind},
                            "action": "disclose", "data": ["address"]}
    base.update(extra)
    return base


def test_disclosure_to_the_public_is_forbidden() -> None:
    """MFIPPA s. 32: no disclosure of personal information except in the listed cases."""
    d = decide(disclosure(requester={"agency": "public", "purpose": "other"}, instrument={"type": "none"}))
    assert d["outcome"] == "forbidden"
    assert d["decided_by"] == {"jurisdiction": "ca/on", "rule": "mfippa-disclosure-limited",
                               "citation": "MFIPPA, R.S.O. 1990, c. M.56, s. 32"}


def test_disclosure_with_written_consent_is_allowed() -> None:
    """MFIPPA s. 32(b): the person consented."""
    d = decide(disclosure(requester={"agency": "public", "purpose": "other"}, instrument={"type": "none"},
                          subject={"written_consent": True}))
    assert d["outcome"] == "allowed"
    assert d["decided_by"]["rule"] == "mfippa-consent"
    assert basis_entry(d, "ca/on", "mfippa-disclosure-limited")["status"] == "overridden"


def test_disclosure_to_police_for_criminal_investigation_is_allowed() -> None:
    """MFIPPA s. 32(g): to a law enforcement agency in Canada to aid an investigation."""
    d = decide(disclosure(requester={"agency": "local_law_enforcement", "purpose": "criminal_investigation"},
                          instrument={"type": "none"}))
    assert d["outcome"] == "allowed"
    assert d["decided_by"]["citation"] == "MFIPPA, R.S.O. 1990, c. M.56, s. 32(g)"


def test_cbsa_immigration_request_is_allowed_with_secondary_confidence() -> None:
    """MFIPPA s. 32(g) read as covering CBSA immigration investigations (secondary; never required)."""
    d = decide(disclosure(requester={"agency": "cbsa", "purpose": "civil_immigration"}, instrument={"type": "none"}))
    assert d["outcome"] == "allowed"
    assert basis_entry(d, "ca/on", "mfippa-cbsa-immigration-investigation")["confidence"] == "secondary"


def test_cbsa_request_without_purpose_is_undetermined() -> None:
    """MFIPPA s. 32(g) turns on the investigation: without the purpose the engine cannot tell."""
    d = decide(disclosure(requester={"agency": "cbsa"}, instrument={"type": "none"}))
    assert d["outcome"] == "undetermined"
    assert "requester.purpose" in d["missing_facts"]


def test_police_may_share_with_cbsa() -> None:
    """MFIPPA s. 32(f)(ii): a law enforcement institution may disclose to another law enforcement agency in Canada."""
    d = decide(disclosure(kind="police", requester={"agency": "cbsa"}, instrument={"type": "none"}))
    assert d["outcome"] == "allowed"
    assert d["decided_by"]["rule"] == "mfippa-police-to-law-enforcement"


def test_police_to_a_foreign_agency_only_with_legislative_authority() -> None:
    """MFIPPA s. 32(f)(i): a police service may disclose to a foreign law enforcement agency under legislative
    authority (or an arrangement, which the contract cannot express)."""
    files = ("ca.yaml", "ca/on.yaml")
    refused = disclose(files, "ca/on/ottawa", kind="police", agency="ice")
    assert refused["outcome"] == "forbidden"
    allowed = disclose(files, "ca/on/ottawa", kind="police", agency="ice", instrument="statute")
    assert allowed["outcome"] == "allowed"
    assert allowed["decided_by"]["rule"] == "mfippa-police-to-foreign-law-enforcement"


def test_notice_when_collecting() -> None:
    """MFIPPA s. 29(2) (from the identical FIPPA s. 39(2)): tell the person the authority, purpose and a contact."""
    d = engine(*REAL).decide({"date": "2026-03-01", "agency": {"jurisdiction": "ca/on/ottawa", "kind": "housing"},
                              "action": "collect", "data": ["address"], "instrument": {"type": "none"}}).to_dict()
    assert d["outcome"] == "allowed"
    assert any(o["kind"] == "notify_subject" and o["rule"] == "mfippa-notice-of-collection" for o in d["obligations"])


def admission(minor: bool | None, kind: str = "school") -> dict[str, Any]:
    request: dict[str, Any] = {"date": "2026-03-01", "agency": {"jurisdiction": "ca/on/ottawa", "kind": kind},
                               "action": "condition_service", "data": ["immigration_status"]}
    if minor is not None:
        request["subject"] = {"minor": minor}
    return request


def test_school_may_not_refuse_a_child_because_of_status() -> None:
    """Education Act, R.S.O. 1990, c. E.2, s. 49.1: a person under 18 otherwise entitled to be admitted shall not be
    refused admission because the person or a parent or guardian is unlawfully in Canada."""
    d = decide(admission(True))
    assert d["outcome"] == "forbidden"
    assert d["decided_by"] == {"jurisdiction": "ca/on", "rule": "school-admission-regardless-of-status",
                               "citation": "Education Act, R.S.O. 1990, c. E.2, s. 49.1"}
    assert basis_entry(d, "ca/on", "school-admission-regardless-of-status")["confidence"] == "primary"


def test_section_49_1_is_about_minors_and_schools() -> None:
    """Education Act s. 49.1 covers persons under 18 at a school: without the age the engine asks for it; an adult
    or a non-school agency is outside the section."""
    assert decide(admission(None))["outcome"] == "undetermined"
    assert "subject.minor" in decide(admission(None))["missing_facts"]
    assert all(b["rule"] != "school-admission-regardless-of-status" for b in decide(admission(False))["basis"])
    assert all(b["rule"] != "school-admission-regardless-of-status"
               for b in decide(admission(True, kind="library"))["basis"])
