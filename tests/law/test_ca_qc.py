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


def test_disclosure_necessary_for_applying_a_law() -> None:
    """A-2.1 s. 59 para. 2(8) (read) with s. 67 (its wording read in s. 41.2 para. 1(4)): secondary."""
    d = decide(requester={"agency": "cbsa", "purpose": "civil_immigration"}, instrument={"type": "statute"})
    assert d["outcome"] == "allowed"
    entry = basis_entry(d, "ca/qc", "disclosure-under-other-provisions")
    assert (entry["confidence"], entry["citation"]) == ("secondary", "CQLR c. A-2.1, s. 59 para. 2(8), s. 67")


def test_ad_hoc_cbsa_request_is_not_a_section_68_agreement() -> None:
    """A-2.1 s. 68 (version of 2019-03-07): communication to another government's body needs a written agreement,
    which an informal CBSA request is not, so s. 59 para. 1 forbids it."""
    d = decide(requester={"agency": "cbsa", "purpose": "civil_immigration"}, instrument={"type": "none"})
    assert d["outcome"] == "forbidden"
    assert d["decided_by"]["rule"] == "no-disclosure-without-consent"


def test_communication_for_prosecution_is_recorded() -> None:
    """A-2.1 s. 60 (version of 2017-03-03): a communication under s. 59 para. 2(3) must be recorded by the person in
    charge of the protection of personal information."""
    d = decide(requester={"agency": "local_law_enforcement", "purpose": "criminal_investigation"})
    assert d["outcome"] == "allowed"
    entry = basis_entry(d, "ca/qc", "prosecution-disclosure-safeguards")
    assert (entry["confidence"], entry["citation"]) == ("primary", "CQLR c. A-2.1, s. 60")
    assert any(o["kind"] == "record_request" and o["citation"] == "CQLR c. A-2.1, s. 60 para. 4"
               for o in d["obligations"])


def test_no_record_duty_when_the_communication_is_refused() -> None:
    """A-2.1 s. 60 para. 4 attaches to a communication made; a forbidden CBSA civil request records nothing."""
    d = decide(requester={"agency": "cbsa", "purpose": "civil_immigration"})
    assert d["outcome"] == "forbidden"
    assert not any(o["kind"] == "record_request" for o in d["obligations"])


def test_collection_carries_the_section_65_notice() -> None:
    """A-2.1 s. 65 (version of 2019-11-04): whoever collects personal information from the person introduces
    themselves and tells the person the body's name, the purposes, who will see it, whether answering is optional
    and the rights of access and correction."""
    d = decide(action="collect", data=["address"], requester=None)
    entry = basis_entry(d, "ca/qc", "notice-at-collection")
    assert (entry["confidence"], entry["citation"]) == ("primary", "CQLR c. A-2.1, s. 65")
    assert any(o["kind"] == "notify_subject" for o in d["obligations"])


def test_director_of_prosecutions_may_receive_it_for_a_prosecution() -> None:
    """A-2.1 s. 59 para. 2(1): to the Director of Criminal and Penal Prosecutions, if necessary to prosecute an
    offence against an Act applicable in Quebec; s. 60 para. 4 then requires the communication to be recorded."""
    d = decide(requester={"agency": "prosecutor", "purpose": "criminal_investigation"})
    assert d["outcome"] == "allowed"
    assert d["decided_by"] == {"jurisdiction": "ca/qc", "rule": "disclosure-to-prosecutor",
                               "citation": "CQLR c. A-2.1, s. 59 para. 2(1)"}
    assert basis_entry(d, "ca/qc", "disclosure-to-prosecutor")["confidence"] == "primary"
    assert any(o["citation"] == "CQLR c. A-2.1, s. 60 para. 4" for o in d["obligations"])


def test_prosecutor_for_a_civil_immigration_matter_is_not_covered() -> None:
    """A-2.1 s. 59 para. 2(1) is about prosecuting an offence: a prosecutor's request for another purpose falls to
    the general rule of s. 59 para. 1."""
    d = decide(requester={"agency": "prosecutor", "purpose": "civil_immigration"})
    assert d["outcome"] == "forbidden"
    assert d["decided_by"]["rule"] == "no-disclosure-without-consent"
