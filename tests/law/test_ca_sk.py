"""Scenario tests for Saskatchewan (library/ca/sk.yaml): LA FOIP, S.S. 1990-91, c. L-27.1, s. 28."""

from __future__ import annotations

from tests.law._provinces import disclose
from tests.law._rules_subset import basis_entry

FILES = ("ca.yaml", "ca/sk.yaml")
CITY = "ca/sk/regina"


def test_no_disclosure_without_consent() -> None:
    """s. 28(1): no local authority discloses personal information without consent, except under s. 28 or 29."""
    d = disclose(FILES, CITY, kind="library")
    assert d["outcome"] == "forbidden"
    entry = basis_entry(d, "ca/sk", "no-disclosure-without-consent")
    assert (entry["confidence"], entry["citation"]) == ("primary", "LA FOIP, S.S. 1990-91, c. L-27.1, s. 28(1)")


def test_consent_in_the_prescribed_manner() -> None:
    """s. 28(1): with the individual's consent."""
    d = disclose(FILES, CITY, subject={"written_consent": True})
    assert (d["outcome"], d["decided_by"]["rule"]) == ("allowed", "disclosure-with-consent")


def test_section_28_2_exceptions_are_secondary() -> None:
    """s. 28(2) (described by the school boards' LA FOIP guide; (b) court orders): enactment, court process and
    law enforcement exceptions, each secondary."""
    cases = (({"instrument": "statute"}, "disclosure-under-an-enactment"),
             ({"instrument": "judicial_warrant"}, "disclosure-to-comply-with-court-process"),
             ({"agency": "local_law_enforcement", "purpose": "criminal_investigation"},
              "disclosure-for-law-enforcement"))
    for extra, rule in cases:
        d = disclose(FILES, CITY, **extra)
        assert d["outcome"] == "allowed", rule
        assert basis_entry(d, "ca/sk", rule)["confidence"] == "secondary"


def test_police_are_left_out() -> None:
    """LA FOIP coverage of municipal police not verified: no Saskatchewan rule for police."""
    assert disclose(FILES, CITY, kind="police")["basis"] == []
