"""Scenario tests for Boston (library/us/ma/boston.yaml): the Boston Trust Act, City Code 11-1.9.

us/ma.yaml on this branch is a placeholder (no rules); the real Massachusetts file comes from another branch."""

from __future__ import annotations

from tests.law._local import DETAINER, decide, local_rules

FILES = ("us.yaml", "us/ma.yaml", "us/ma/boston.yaml")
CITY = "us/ma/boston"


def test_no_detention_on_detainer_or_admin_warrant() -> None:
    """Boston Code 11-1.9: no detention solely on a civil detainer or ICE administrative warrant."""
    d = decide(FILES, CITY, "police", "hold", instrument=DETAINER)
    # Massachusetts' own rule (Lunn v. Commonwealth) now forbids it first; the city rule agrees.
    assert (d["outcome"], d["decided_by"]["rule"]) == ("forbidden", "no-civil-detainer-arrest")


def test_detention_on_criminal_judicial_warrant() -> None:
    """Boston Code 11-1.9: "unless ICE has a criminal warrant, issued by a judicial officer"."""
    d = decide(FILES, CITY, "police", "hold",
               instrument={"type": "detainer", "signed_by": "federal_judge", "accompanied_by": ["judicial_warrant"]})
    assert d["outcome"] == "allowed"


def test_no_transfer_without_judicial_order() -> None:
    """Boston Code 11-1.9: no transfer to immigration authorities without a judicial warrant or order."""
    assert decide(FILES, CITY, "police", "transfer", instrument=DETAINER)["outcome"] == "forbidden"
    ordered = decide(FILES, CITY, "police", "transfer", instrument={"type": "court_order", "signed_by": "state_judge"})
    assert local_rules(ordered, CITY)["transfer-on-judicial-order"] == "applied"


def test_police_do_not_ask_status() -> None:
    """Boston Code 11-1.9 (2019): police do not ask about immigration status."""
    d = decide(FILES, CITY, "police", "inquire", requester=None, data=["immigration_status"],
               instrument={"type": "none"})
    assert d["outcome"] == "forbidden"
