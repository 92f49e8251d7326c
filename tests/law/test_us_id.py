"""Scenario tests for Idaho (library/us/id.yaml): Idaho Code § 19-6102 (2023).

Local limiting policies are exercised with the FICTIONAL ``us/id/fixture-county``
(tests/law/fixtures/anti_sanctuary/us/id/fixture-county.yaml).
"""

from __future__ import annotations

from typing import Any

from tests.law._rules_subset import basis_entry, engine, rules_in_basis

REAL = ("us.yaml", "us/id.yaml")
COUNTY = ("us/id/fixture-county.yaml",)


def decide(request: dict[str, Any], *, fixture: bool = False) -> dict[str, Any]:
    return engine(*REAL, fixtures=COUNTY if fixture else ()).decide(request).to_dict()


def booking_question(date: str, jurisdiction: str) -> dict[str, Any]:
    return {"date": date, "agency": {"jurisdiction": jurisdiction, "kind": "jail"}, "action": "inquire",
            "data": ["immigration_status"], "context": "booking"}


def test_officers_may_ask_status_at_booking() -> None:
    """Idaho Code § 19-6102(2)(a): officers may ask the status of a person under arrest."""
    d = decide(booking_question("2024-01-10", "us/id/ada-county"))
    assert d["outcome"] == "allowed"
    assert d["decided_by"] == {"jurisdiction": "us/id", "rule": "officers-may-inquire-status",
                               "citation": "Idaho Code § 19-6102(2)(a)"}


def test_county_ban_on_status_questions_is_void() -> None:
    """§ 19-6102(1), (2)(a): a county policy that prohibits or discourages the inquiry is void."""
    d = decide(booking_question("2024-01-10", "us/id/fixture-county"), fixture=True)
    assert d["outcome"] == "allowed"
    assert basis_entry(d, "us/id/fixture-county", "no-status-questions")["status"] == "void"
    assert basis_entry(d, "us/id", "void-limits-on-status-inquiry")["effect"] == "preempt"


def test_county_ban_stands_before_the_statute() -> None:
    """§ 19-6102 in force from 2023-07-01 (assumed date): before it the county ban decides."""
    d = decide(booking_question("2023-06-30", "us/id/fixture-county"), fixture=True)
    assert d["outcome"] == "forbidden"
    assert d["decided_by"]["jurisdiction"] == "us/id/fixture-county"
    assert rules_in_basis(d, "us/id") == set()


def test_county_ban_on_ice_jail_access_is_void() -> None:
    """§ 19-6102(2)(d): officers may let federal immigration officers into a county jail."""
    d = decide({"date": "2024-01-10", "agency": {"jurisdiction": "us/id/fixture-county", "kind": "jail"},
                "action": "grant_access", "requester": {"agency": "ice"}}, fixture=True)
    assert d["outcome"] == "allowed"
    assert d["decided_by"]["rule"] == "jail-access-for-federal-officers"
    assert basis_entry(d, "us/id/fixture-county", "no-ice-in-jail")["status"] == "void"


def test_idaho_has_no_detainer_mandate() -> None:
    """§ 19-6102 bars limiting policies but does not make detainers mandatory or authorize holds: the federal
    liberty baseline decides (a hold on a detainer alone is a new seizure; issue 7)."""
    d = decide({"date": "2024-01-10", "agency": {"jurisdiction": "us/id/ada-county", "kind": "jail"},
                "action": "hold", "requester": {"agency": "ice"}, "instrument": {"type": "detainer"},
                "subject": {"in_custody": True}})
    assert d["outcome"] == "forbidden"
    assert d["decided_by"]["jurisdiction"] == "us"
    assert rules_in_basis(d, "us/id") == set()
