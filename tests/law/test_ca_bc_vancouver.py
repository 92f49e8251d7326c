"""Scenario tests for Vancouver (library/ca/bc/vancouver.yaml): Access to City Services Without Fear (2016) and
the Vancouver Police Board's guidelines on police requests related to immigration status (VPB 1807P03, 2018)."""

from __future__ import annotations

from typing import Any

from tests.law._rules_subset import basis_entry, engine, rules_in_basis

REAL = ("ca.yaml", "ca/bc.yaml", "ca/bc/vancouver.yaml")


def decide(request: dict[str, Any]) -> dict[str, Any]:
    return engine(*REAL).decide(request).to_dict()


def ask(kind: str, date: str = "2026-03-01", context: str = "service_delivery", **extra: Any) -> dict[str, Any]:
    request: dict[str, Any] = {"date": date, "agency": {"jurisdiction": "ca/bc/vancouver", "kind": kind},
                               "action": "inquire", "data": ["immigration_status"], "context": context,
                               "instrument": {"type": "none"}}
    request.update(extra)
    return request


def test_shelter_staff_do_not_ask_status() -> None:
    """ACSWF (6 Apr 2016, secondary): staff do not ask about status before providing City services."""
    d = decide(ask("shelter"))
    assert d["outcome"] == "forbidden"
    assert d["decided_by"]["rule"] == "no-status-questions"
    assert basis_entry(d, "ca/bc/vancouver", "no-status-questions")["confidence"] == "secondary"


def test_acswf_dates_from_6_april_2016() -> None:
    """Council adopted ACSWF on 6 Apr 2016."""
    assert rules_in_basis(decide(ask("shelter", date="2016-04-05")), "ca/bc/vancouver") == set()
    assert decide(ask("shelter", date="2016-04-06"))["outcome"] == "forbidden"


def test_library_board_is_not_bound() -> None:
    """ACSWF does not bind the Police, Park or Library Boards."""
    assert rules_in_basis(decide(ask("library")), "ca/bc/vancouver") == set()


def test_staff_do_not_pass_status_to_cbsa() -> None:
    """ACSWF: no passing of status information to other levels of government unless the law requires it; BC FIPPA
    s. 33(1) says the same for any personal information."""
    d = decide({"date": "2026-03-01", "agency": {"jurisdiction": "ca/bc/vancouver", "kind": "housing"},
                "action": "disclose", "data": ["immigration_status"], "instrument": {"type": "none"},
                "requester": {"agency": "cbsa", "purpose": "civil_immigration"}})
    assert d["outcome"] == "forbidden"
    assert d["decided_by"]["jurisdiction"] == "ca/bc"
    assert basis_entry(d, "ca/bc/vancouver", "no-status-sharing")["status"] == "applied"


def test_court_order_overcomes_the_sharing_limit() -> None:
    """ACSWF "unless required by law"; FIPPA s. 33 (court process)."""
    d = decide({"date": "2026-03-01", "agency": {"jurisdiction": "ca/bc/vancouver", "kind": "housing"},
                "action": "disclose", "data": ["immigration_status"], "instrument": {"type": "court_order"},
                "requester": {"agency": "cbsa", "purpose": "civil_immigration"}})
    assert d["outcome"] == "allowed"
    assert basis_entry(d, "ca/bc/vancouver", "status-sharing-required-by-law")["status"] == "applied"


def test_police_do_not_ask_victims_about_status() -> None:
    """VPD guidelines (VPB report 1807P03, approved 19 Jul 2018, secondary): officers should not ask a victim,
    witness or complainant about status absent a bona fide reason."""
    d = decide(ask("police", context="victim_or_witness"))
    assert d["outcome"] == "forbidden"
    assert d["decided_by"]["rule"] == "vpd-no-status-questions-victims-witnesses"


def test_vpd_guidelines_date_from_board_approval() -> None:
    """Board approval reported for its 19 Jul 2018 meeting."""
    assert rules_in_basis(decide(ask("police", date="2018-07-18", context="victim_or_witness")),
                          "ca/bc/vancouver") == set()
    assert decide(ask("police", date="2018-07-19", context="victim_or_witness"))["outcome"] == "forbidden"


def test_suspects_are_outside_the_vpd_guidelines() -> None:
    """VPD guidelines cover victims, witnesses and complainants only."""
    d = decide(ask("police", context="criminal_investigation"))
    assert rules_in_basis(d, "ca/bc/vancouver") == set()


def test_police_cbsa_contact_about_witness_needs_legal_basis() -> None:
    """VPD guidelines: no CBSA contact about a witness's status unless a bona fide reason or legal requirement."""
    base = {"date": "2026-03-01", "agency": {"jurisdiction": "ca/bc/vancouver", "kind": "police"},
            "action": "disclose", "data": ["immigration_status"], "context": "victim_or_witness",
            "requester": {"agency": "cbsa", "purpose": "civil_immigration"}}
    assert decide({**base, "instrument": {"type": "none"}})["outcome"] == "forbidden"
    allowed = decide({**base, "instrument": {"type": "judicial_warrant"}})
    assert allowed["outcome"] == "allowed"
    assert allowed["decided_by"]["rule"] == "vpd-cbsa-contact-required-by-law"
