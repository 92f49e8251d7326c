"""Scenario tests for Newfoundland and Labrador (library/ca/nl.yaml): ATIPPA, 2015, s. 68(1)."""

from __future__ import annotations

from tests.law._provinces import disclose
from tests.law._rules_subset import basis_entry, obligation_kinds

FILES = ("ca.yaml", "ca/nl.yaml")
CITY = "ca/nl/st-johns"


def test_disclosure_only_as_permitted() -> None:
    """s. 68(1) (as described by OIPC NL): a civil immigration request fits none of the cases."""
    d = disclose(FILES, CITY)
    assert d["outcome"] == "forbidden"
    assert basis_entry(d, "ca/nl", "disclosure-only-as-permitted")["confidence"] == "secondary"


def test_judicial_authorization() -> None:
    """s. 68(1)(e): a search warrant or other judicial authorization."""
    d = disclose(FILES, CITY, instrument="judicial_warrant")
    assert d["outcome"] == "allowed"
    assert d["decided_by"]["citation"] == "ATIPPA, 2015, S.N.L. 2015, c. A-1.2, s. 68(1)(e)"


def test_law_enforcement_investigation_is_evaluated_and_recorded() -> None:
    """s. 68(1)(n): a law enforcement investigation, evaluated and not granted automatically."""
    d = disclose(FILES, CITY, agency="local_law_enforcement", purpose="criminal_investigation")
    assert d["outcome"] == "allowed"
    assert "record_request" in obligation_kinds(d)


def test_before_the_2015_act() -> None:
    """ATIPPA, 2015 assented 1 June 2015: the day before, no rule here."""
    assert disclose(FILES, CITY, date="2015-05-31")["basis"] == []
    assert disclose(FILES, CITY, date="2015-06-01")["outcome"] == "forbidden"
